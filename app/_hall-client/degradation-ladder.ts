import type { LadderLevel, QualityRating } from "../../game-server/protocol/qoe.ts";

/**
 * The degradation ladder: video → audio → text and back. It steps down after a few bad
 * windows in a row and climbs only after a longer run of good ones (hysteresis), so a short
 * burst of loss does not make media flap on and off. The run towards a climb is broken only
 * by a window bad enough to push the rung above down again; milder ones just do not count. A climb that fails soon after (the
 * network was not really better) doubles the wait before the next try at that rung.
 * Pure: the state goes in, the next state and the step taken (if any) come out.
 */

export interface LadderConfig {
  /** Consecutive windows at or below a rung's trigger before stepping down. */
  downAfter: number;
  /** Consecutive good-enough windows before climbing back to that rung (before back-off). */
  upAfter: Readonly<Record<"audio" | "video", number>>;
  /** Stepping down again within this many windows of a climb counts as a failed climb. */
  failWindow: number;
  /** Most the wait before a climb may grow, as a multiple of `upAfter`. */
  maxBackoff: number;
}

/** With 2 s windows: ~6 s of trouble to step down, 10 s / 16 s of good network to climb. */
export const DEFAULT_LADDER: LadderConfig = { downAfter: 3, upAfter: { audio: 5, video: 8 }, failWindow: 10, maxBackoff: 8 };

export interface LadderState {
  level: LadderLevel;
  badRun: number;
  goodRun: number;
  /** Windows since the last climb while it may still turn out to have failed; null otherwise. */
  sinceClimb: number | null;
  /** Multiplier on `upAfter` for each rung, grown by failed climbs. */
  backoff: Readonly<Record<"audio" | "video", number>>;
}

export interface LadderStep {
  from: LadderLevel;
  to: LadderLevel;
  direction: "down" | "up";
  /** Why, in words the visitor can read: "packet loss 23 %". */
  reason: string;
}

export function initialLadder(level: LadderLevel = "video"): LadderState {
  return { level, badRun: 0, goodRun: 0, sinceClimb: null, backoff: { audio: 1, video: 1 } };
}

const BELOW: Record<LadderLevel, LadderLevel | undefined> = { video: "audio", audio: "text", text: undefined };
const ABOVE: Record<LadderLevel, "audio" | "video" | undefined> = { video: undefined, audio: "video", text: "audio" };

/** Video needs a good network, voice only a usable one: "poor" costs video, only "bad" costs voice. */
function pushesDown(level: LadderLevel, rating: QualityRating): boolean {
  if (level === "video") return rating.level === "poor" || rating.level === "bad";
  if (level === "audio") return rating.level === "bad";
  return false;
}

function liftsUp(level: LadderLevel, rating: QualityRating): boolean {
  if (level === "text") return rating.level === "good" || rating.level === "fair";
  if (level === "audio") return rating.level === "good";
  return false;
}

/** Windows of good network needed now to climb from `level`. */
export function climbWait(state: LadderState, config: LadderConfig = DEFAULT_LADDER): number | undefined {
  const target = ABOVE[state.level];
  return target === undefined ? undefined : config.upAfter[target] * state.backoff[target];
}

/** One measurement window: the next state and, when the ladder moved, the step it took. */
export function stepLadder(state: LadderState, rating: QualityRating, config: LadderConfig = DEFAULT_LADDER): { state: LadderState; step?: LadderStep } {
  let { sinceClimb, backoff } = state;
  if (sinceClimb !== null) {
    sinceClimb++;
    if (sinceClimb >= config.failWindow) {
      // The climb held: forgive half of the back-off it had earned.
      const rung = state.level as "audio" | "video";
      backoff = { ...backoff, [rung]: Math.max(1, backoff[rung] / 2) };
      sinceClimb = null;
    }
  }
  // Nothing measured (no media, no checks): neither good nor bad news.
  if (rating.level === "unknown") return { state: { ...state, sinceClimb, backoff } };

  const badRun = pushesDown(state.level, rating) ? state.badRun + 1 : 0;
  // Between the two thresholds is a dead band: a window that would not push the rung above
  // down again (fair, for video) neither counts towards climbing nor starts the wait over.
  const target = ABOVE[state.level];
  const goodRun = liftsUp(state.level, rating) ? state.goodRun + 1 : target && pushesDown(target, rating) ? 0 : state.goodRun;

  const below = BELOW[state.level];
  if (below && badRun >= config.downAfter) {
    if (sinceClimb !== null) {
      const rung = state.level as "audio" | "video";
      backoff = { ...backoff, [rung]: Math.min(config.maxBackoff, backoff[rung] * 2) };
    }
    return {
      state: { level: below, badRun: 0, goodRun: 0, sinceClimb: null, backoff },
      step: { from: state.level, to: below, direction: "down", reason: describe(rating) },
    };
  }

  const above = target;
  if (above && goodRun >= config.upAfter[above] * backoff[above]) {
    return {
      state: { level: above, badRun: 0, goodRun: 0, sinceClimb: 0, backoff },
      step: { from: state.level, to: above, direction: "up", reason: "the network is good again" },
    };
  }
  return { state: { ...state, badRun, goodRun, sinceClimb, backoff } };
}

/** The measurement behind a rating, in words. */
export function describe(rating: QualityRating): string {
  const worst = rating.worst;
  if (!worst) return "network quality unknown";
  const v = Math.round(worst.value);
  switch (worst.metric) {
    case "connection":
      return "the connection dropped";
    case "lossPct":
      return `packet loss ${v} %`;
    case "rttMs":
      return `round trip ${v} ms`;
  }
}
