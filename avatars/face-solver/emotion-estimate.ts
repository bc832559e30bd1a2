import type { ArkitBlendshape } from "../blendshape-names.ts";

/**
 * How a person seems to feel, from their solved face, for the agent's badge: valence (−1 upset …
 * 1 pleased), arousal (0 calm … 1 agitated) and one of six states. The coefficients are read as
 * FACS action units (AU12 lip corner puller = smile, AU4 brow lowerer, AU1+2 brows up, AU15 lip
 * corner depressor, AU26 jaw drop…), and each state is a weighted mix of the units that mark it
 * (Ekman & Friesen's prototypes; AU4 alone reads as puzzlement, with pressed lips or a sneer as
 * anger). `EmotionTracker` smooths over seconds and holds a state ~1.5 s before the badge
 * changes; `fuseEmotion` lets the person's typed words count too.
 */
export const EMOTION_STATES = ["neutral", "happy", "surprised", "confused", "frustrated", "sad"] as const;
export type EmotionState = (typeof EMOTION_STATES)[number];
export type ScoredState = Exclude<EmotionState, "neutral">;
const SCORED: readonly ScoredState[] = ["happy", "surprised", "confused", "frustrated", "sad"];

export type Coefficients = Partial<Record<ArkitBlendshape, number>>;

export interface EmotionReading {
  valence: number;
  arousal: number;
  /** 0…1 per state; the state is the highest at or over `ENTER_SCORE`, else neutral. */
  scores: Record<ScoredState, number>;
  state: EmotionState;
}

/** A text sentiment as `game-server/service/sentiment.ts` gives it (score −1…1; negative when ≤ −0.3). */
export interface TextSentiment {
  score: number;
  negative: boolean;
}

/** A state needs this score to show; once shown it stays until its score drops under `EXIT_SCORE`. */
export const ENTER_SCORE = 0.3;
export const EXIT_SCORE = 0.2;

export interface ActionUnits {
  au1: number; // inner brow raiser
  au2: number; // outer brow raiser
  au4: number; // brow lowerer
  au5: number; // upper lid raiser
  au6: number; // cheek raiser
  au7: number; // lid tightener
  au9: number; // nose wrinkler
  au12: number; // lip corner puller
  au15: number; // lip corner depressor
  au23: number; // lip tightener / presser (AU23/24)
  au26: number; // jaw drop
  /** One brow up and the other not, or one lowered: the quizzical look. */
  browAsymmetry: number;
  /** The mouth pulled to one side. */
  mouthSide: number;
}

const clamp = (v: number, lo = 0, hi = 1): number => (Number.isFinite(v) ? Math.max(lo, Math.min(hi, v)) : 0);

export function actionUnits(c: Coefficients): ActionUnits {
  const v = (name: ArkitBlendshape): number => clamp(c[name] ?? 0);
  const pair = (left: ArkitBlendshape, right: ArkitBlendshape): number => (v(left) + v(right)) / 2;
  return {
    au1: v("browInnerUp"),
    au2: pair("browOuterUpLeft", "browOuterUpRight"),
    au4: pair("browDownLeft", "browDownRight"),
    au5: pair("eyeWideLeft", "eyeWideRight"),
    au6: pair("cheekSquintLeft", "cheekSquintRight"),
    au7: pair("eyeSquintLeft", "eyeSquintRight"),
    au9: pair("noseSneerLeft", "noseSneerRight"),
    au12: pair("mouthSmileLeft", "mouthSmileRight"),
    au15: pair("mouthFrownLeft", "mouthFrownRight"),
    au23: pair("mouthPressLeft", "mouthPressRight"),
    au26: v("jawOpen"),
    browAsymmetry: clamp(Math.abs(v("browOuterUpLeft") - v("browOuterUpRight")) + 0.5 * Math.abs(v("browDownLeft") - v("browDownRight"))),
    mouthSide: Math.max(v("mouthLeft"), v("mouthRight")),
  };
}

/** One frame's reading, without smoothing. */
export function estimateEmotion(c: Coefficients): EmotionReading {
  const u = actionUnits(c);
  const browsUp = (u.au1 + u.au2) / 2;
  const scores: Record<ScoredState, number> = {
    happy: clamp(u.au12 + 0.3 * u.au6 - 0.5 * u.au15 - 0.3 * u.au4),
    surprised: clamp(0.6 * browsUp + 0.3 * u.au5 + 0.35 * u.au26 - 0.5 * u.au4 - 0.2 * u.au12),
    confused: clamp(0.45 * u.au4 + 0.8 * u.browAsymmetry + 0.3 * u.mouthSide - 0.3 * u.au23 - 0.3 * u.au9 - 0.3 * u.au15 - 0.3 * u.au12),
    frustrated: clamp(0.4 * u.au4 + 0.35 * u.au23 + 0.35 * u.au9 + 0.2 * u.au7 - 0.4 * u.au12 - 0.3 * browsUp),
    // Sadness raises the inner brows only (AU1 without AU2) and pulls the corners down.
    sad: clamp(0.7 * u.au15 + 0.35 * u.au1 * (1 - u.au2) + 0.15 * u.au4 - 0.6 * u.au12),
  };
  const valence = clamp(0.8 * u.au12 + 0.2 * u.au6 - 0.6 * u.au15 - 0.5 * u.au4 - 0.4 * u.au9 - 0.2 * u.au23, -1, 1);
  const arousal = clamp(0.3 * u.au26 + 0.3 * u.au5 + 0.25 * browsUp + 0.2 * u.au4 + 0.2 * u.au12 + 0.15 * u.au9 + 0.1 * u.au23);
  return { valence, arousal, scores, state: strongest(scores, ENTER_SCORE) };
}

/**
 * Adds what the person typed. A negative text pulls towards frustrated (a customer who types
 * angrily with a calm face is still upset); the pull grows with how negative it is and with
 * `weight` (0…1, e.g. fading as the message gets older). Any text moves valence half-way to
 * its score at full weight.
 */
export function fuseEmotion(face: EmotionReading, text: TextSentiment | null, weight = 1): EmotionReading {
  if (!text || !Number.isFinite(text.score)) return face;
  const w = clamp(weight);
  const score = clamp(text.score, -1, 1);
  const pull = w * Math.max(clamp((-score - 0.1) / 0.5), text.negative ? 0.5 : 0);
  const scores: Record<ScoredState, number> = {
    ...face.scores,
    frustrated: Math.max(face.scores.frustrated, pull),
    happy: face.scores.happy * (1 - 0.7 * pull),
  };
  return {
    valence: clamp((1 - 0.5 * w) * face.valence + 0.5 * w * score, -1, 1),
    arousal: Math.max(face.arousal, 0.6 * pull),
    scores,
    state: strongest(scores, ENTER_SCORE),
  };
}

const CALM: Omit<EmotionReading, "state"> = { valence: 0, arousal: 0, scores: { happy: 0, surprised: 0, confused: 0, frustrated: 0, sad: 0 } };

function strongest(scores: Record<ScoredState, number>, atLeast: number): EmotionState {
  let best: EmotionState = "neutral";
  let bestScore = atLeast;
  for (const s of SCORED) {
    if (scores[s] >= bestScore) {
      best = s;
      bestScore = scores[s];
    }
  }
  return best;
}

export interface EmotionTrackerOptions {
  /** A new state must be the leading one this long before the badge shows it (ms, default 1500). */
  holdMs?: number;
  /** Time constant of the smoothing of scores, valence and arousal (ms, default 1000). */
  smoothingMs?: number;
  /** A typed message's pull halves every this many ms (default 20 000). */
  textHalfLifeMs?: number;
}

export interface TrackedEmotion extends EmotionReading {
  /** The state leading now, which becomes `state` once it has led for `holdMs`. */
  leading: EmotionState;
  /** When the badge's state began (ms). */
  since: number;
}

/**
 * The badge: readings smoothed over about a second, a state shown only after it has led for
 * 1.5 s, and a shown state kept until its own score falls under `EXIT_SCORE` or another state
 * overtakes it — so a passing grimace or a blink does not flicker the badge.
 */
export class EmotionTracker {
  private readonly holdMs: number;
  private readonly smoothingMs: number;
  private readonly textHalfLifeMs: number;
  private smoothed: Omit<EmotionReading, "state"> | null = null;
  private lastAt: number | null = null;
  private shown: EmotionState = "neutral";
  private shownSince = 0;
  private pending: { state: EmotionState; since: number } | null = null;
  private text: { sentiment: TextSentiment; at: number } | null = null;

  constructor(options: EmotionTrackerOptions = {}) {
    this.holdMs = options.holdMs ?? 1500;
    this.smoothingMs = options.smoothingMs ?? 1000;
    this.textHalfLifeMs = options.textHalfLifeMs ?? 20_000;
  }

  /** The latest thing the person typed, with its sentiment, at `now` (ms). */
  noteText(sentiment: TextSentiment, now: number): void {
    this.text = { sentiment, at: now };
  }

  /** One frame's coefficients at `now` (ms), or null when no face is seen (the words still count). */
  update(coefficients: Coefficients | null, now: number): TrackedEmotion {
    let reading = estimateEmotion(coefficients ?? {});
    if (this.text) {
      const age = Math.max(0, now - this.text.at);
      reading = fuseEmotion(reading, this.text.sentiment, 0.5 ** (age / this.textHalfLifeMs));
    }
    const last = this.lastAt;
    if (last === null) this.shownSince = now;
    const dt = last === null ? 0 : Math.max(0, now - last);
    this.lastAt = last === null ? now : Math.max(last, now);
    const k = 1 - Math.exp(-dt / this.smoothingMs);
    // Start from a calm face, so the very first frame cannot set the badge on its own.
    const prev = this.smoothed ?? CALM;
    const mix = (a: number, b: number): number => a + k * (b - a);
    const scores = Object.fromEntries(SCORED.map((s) => [s, mix(prev.scores[s], reading.scores[s])])) as Record<ScoredState, number>;
    this.smoothed = { valence: mix(prev.valence, reading.valence), arousal: mix(prev.arousal, reading.arousal), scores };

    const leading = this.leading(scores);
    if (leading === this.shown) {
      this.pending = null;
    } else if (!this.pending || this.pending.state !== leading) {
      this.pending = { state: leading, since: now };
    }
    if (this.pending && now - this.pending.since >= this.holdMs) {
      this.shown = this.pending.state;
      this.shownSince = now;
      this.pending = null;
    }
    return { ...this.smoothed, state: this.shown, leading, since: this.shownSince };
  }

  private leading(scores: Record<ScoredState, number>): EmotionState {
    const top = strongest(scores, ENTER_SCORE);
    if (this.shown === "neutral") return top;
    const own = scores[this.shown];
    // The shown state holds down to EXIT_SCORE, and another must clearly beat it to take over.
    if (top === "neutral") return own >= EXIT_SCORE ? this.shown : "neutral";
    return scores[top] > own + 0.05 ? top : this.shown;
  }
}
