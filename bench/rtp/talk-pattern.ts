/**
 * When a synthetic voice talks. People in a hall do not all speak at once: in conversation
 * a voice is active about 40 % of the time (ITU-T P.59: talkspurts ~1.0 s, pauses ~1.6 s),
 * and in its pauses Opus with DTX sends one tiny packet every 400 ms. The pattern repeats
 * every `periodSeconds`, each voice at its own phase, so every window lasting a whole number
 * of periods carries exactly the same traffic: modes measured one after the other compare
 * like with like.
 */
export interface TalkPattern {
  periodSeconds: number;
  talkSeconds: number;
  /** Gap between DTX packets in a pause. */
  dtxIntervalSeconds: number;
}

export const conversationalTalk: TalkPattern = { periodSeconds: 2.5, talkSeconds: 1, dtxIntervalSeconds: 0.4 };

export type FrameKind = "speech" | "dtx" | "none";

/** What a voice sends for the frame starting `atMs` after it began, its cycle shifted by `phaseMs`. */
export function frameAt(pattern: TalkPattern, phaseMs: number, atMs: number, frameMs: number): FrameKind {
  const periodMs = pattern.periodSeconds * 1000;
  const inCycle = (((atMs + phaseMs) % periodMs) + periodMs) % periodMs;
  const talkMs = pattern.talkSeconds * 1000;
  if (inCycle < talkMs) return "speech";
  // The first frame of each DTX interval in the pause carries a DTX packet.
  const intoPause = inCycle - talkMs;
  const dtxMs = pattern.dtxIntervalSeconds * 1000;
  return intoPause % dtxMs < frameMs ? "dtx" : "none";
}
