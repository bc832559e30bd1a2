import { z } from "zod";

/**
 * How a visitor wants to look, chosen in the lobby and carried in the join options.
 * Stored on the visitor's state as a string so that every client builds the same avatar.
 * An empty string means "derive a look from the visitor id".
 */
export const AvatarChoiceText = z.string().max(2048);

/** Never trust the client: anything that does not parse becomes the default look. */
export function normalizeAvatarChoice(raw: unknown): string {
  const parsed = AvatarChoiceText.safeParse(raw);
  return parsed.success ? parsed.data : "";
}
