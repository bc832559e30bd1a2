import { readFileSync } from "node:fs";
import { z } from "zod";
import { Lang } from "../../protocol/concierge.ts";

/**
 * The fixed question sets retrieval quality is measured on (unit test and benchmark): questions
 * as customers put them — colloquial, some misspelt, not copies of article titles — each with
 * the article that answers it. Kept in `questions/<sceneId>.json`.
 */
const QuestionFile = z.object({
  sceneId: z.string(),
  questions: z.array(z.object({ lang: Lang, text: z.string().trim().min(1), expect: z.string().regex(/^kb-[a-z0-9-]+$/) })).min(1),
});
export type Question = z.infer<typeof QuestionFile>["questions"][number];

export function loadQuestionSet(sceneId: string): Question[] {
  const raw: unknown = JSON.parse(readFileSync(new URL(`./questions/${sceneId}.json`, import.meta.url), "utf8"));
  const file = QuestionFile.parse(raw);
  if (file.sceneId !== sceneId) throw new Error(`questions/${sceneId}.json names scene ${file.sceneId}`);
  return file.questions;
}
