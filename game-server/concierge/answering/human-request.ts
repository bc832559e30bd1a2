/**
 * Whether a customer asks for a person rather than for information: the concierge then offers a
 * human (the handover) even when it also has an answer. Kept to phrases that mean a person
 * ("agent", "real person", "人工", "客服"…), not any mention of staff.
 */
const english = new RegExp(
  [
    String.raw`\b(human|humans|real person|live person|actual person|a person|someone real|somebody real)\b`,
    String.raw`\b(agent|agents|representative|rep|operator|advisor|adviser|staff member|member of staff|customer service)\b`,
    String.raw`\b(talk|speak|chat)\s+(to|with)\s+(someone|somebody|a person|a human|staff|an? (agent|adviser|advisor|person|human))\b`,
  ].join("|"),
  "i",
);
const chinese = /人工|客服|真人|工作人员|店员|柜员|找人|找经理/u;

export function asksForHuman(text: string): boolean {
  return english.test(text) || chinese.test(text);
}

/** The verbs around a request for a person ("I want to talk to…", "帮我转…"), no question in themselves. */
const englishAsking = /\b(talk|speak|chat|connect|transfer|put)\s+(me\s+)?(to|with|through)\b|\b(a|an|real|live|actual)\b/gi;
const chineseAsking = /转接|转|联系|找|帮我|我要|我想/gu;

/** The question with the asking-for-a-person phrases taken out: what is left may still be a question. */
export function withoutHumanRequest(text: string): string {
  return text
    .replace(new RegExp(english.source, "gi"), " ")
    .replace(new RegExp(chinese.source, "gu"), " ")
    .replace(englishAsking, " ")
    .replace(chineseAsking, " ");
}
