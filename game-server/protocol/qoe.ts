import { z } from "zod";

/**
 * Quality of experience of a visitor's media: what the page measures (`rtc:qoe`), how a
 * measurement is rated, and the degradation ladder's levels (`rtc:degrade`). Shared by the
 * page (rating its own samples), the server (re-rating what pages send, rating its own view)
 * and the HUD, so the three always agree on what "poor" means.
 */

export const QUALITY_LEVELS = ["good", "fair", "poor", "bad"] as const;
export type QualityLevel = (typeof QUALITY_LEVELS)[number];

/**
 * The degradation ladder, best first: everything, then voice without video, then text chat
 * only. A visitor at "audio" neither sends nor receives video; at "text", no audio either.
 */
export const LADDER_LEVELS = ["video", "audio", "text"] as const;
export type LadderLevel = (typeof LADDER_LEVELS)[number];

/** `Visitor.net` in the hall state: 0 not measured yet, then good … bad. */
export function qualityCode(level: QualityLevel | "unknown"): number {
  return level === "unknown" ? 0 : QUALITY_LEVELS.indexOf(level) + 1;
}

export function qualityFromCode(code: number): QualityLevel | "unknown" {
  return QUALITY_LEVELS[code - 1] ?? "unknown";
}

/** `Visitor.fallback` in the hall state: 0 full media, 1 voice only, 2 text only. */
export function ladderCode(level: LadderLevel): number {
  return LADDER_LEVELS.indexOf(level);
}

export function ladderFromCode(code: number): LadderLevel {
  return LADDER_LEVELS[code] ?? "video";
}

/** Which kinds of media flow to and from a visitor at a rung of the ladder. */
export function mediaAllowed(level: LadderLevel): { audio: boolean; video: boolean } {
  return { audio: level !== "text", video: level === "video" };
}

export const QoeLimits = {
  /** Samples in one `rtc:qoe` report (the page sends a batch every ~10 s). */
  maxSamplesPerReport: 10,
  /** Shortest gap between two reports of one visitor, ms; a level change may be sent early, but not faster. */
  minReportGapMs: 1000,
  /** A sample older than this when it arrives is refused (a page that was asleep sends fresh ones). */
  maxSampleAgeMs: 120_000,
} as const;

const pct = z.number().finite().min(0).max(100);
const ms = z.number().finite().min(0).max(600_000);

/** One measurement window as a page sends it. The server rates it itself from these numbers. */
export const QoeSampleWire = z
  .object({
    /** How long before sending the window ended, ms (the server stamps it with its own clock). */
    ageMs: z.number().int().min(0).max(QoeLimits.maxSampleAgeMs),
    /** Length of the window, ms. */
    windowMs: z.number().int().min(100).max(60_000),
    rttMs: ms.nullable(),
    jitterMs: ms.nullable(),
    /** Packets lost on the SFU's way to the page, hop by hop (against the SFU's sender reports, not end to end). */
    lossInPct: pct.nullable(),
    /** Packets lost on the page's way to the SFU, hop by hop (the SFU's `LinkReport`). */
    lossOutPct: pct.nullable(),
    kbpsIn: z.number().finite().min(0).max(1_000_000),
    kbpsOut: z.number().finite().min(0).max(1_000_000),
    /** Video freezes that started in the window, and the share of the window spent frozen (0…1). */
    freezes: z.number().int().min(0).max(10_000),
    freezeShare: z.number().finite().min(0).max(1),
    /** Share of received speech that was concealment (made up by the decoder), %. */
    concealPct: pct.nullable(),
    /** False when a transport had lost its connection (disconnected or failed) in the window. */
    connected: z.boolean(),
    /** Where the page's degradation ladder stood. */
    ladder: z.enum(LADDER_LEVELS),
  })
  .strict();
export type QoeSampleWire = z.infer<typeof QoeSampleWire>;

export const QoeReport = z.object({ samples: z.array(QoeSampleWire).min(1).max(QoeLimits.maxSamplesPerReport) }).strict();
export type QoeReport = z.infer<typeof QoeReport>;

/**
 * Server → page, every ~2 s while media flows: the SFU's view of the page's own link, hop by
 * hop, from transport-wide congestion-control feedback. The page needs it for the way up:
 * the SFU's receiver reports on an Opus stream with in-band FEC report the worst loss of any
 * *listener* (so that the sender adds enough FEC), which says nothing of the sender's link.
 */
export const LINK_MESSAGE = "rtc:link";
export interface LinkReport {
  /** Share of the page's RTP that did not reach the SFU lately, %; null when none arrived. */
  lossUpPct: number | null;
  /** Share of the RTP the SFU sent the page that did not arrive, %; null when it has no feedback (audio only). */
  lossDownPct: number | null;
}

/** The page moved on its ladder: the server stops (or restarts) forwarding media to and from it. */
export const DegradeRequest = z.object({ level: z.enum(LADDER_LEVELS) }).strict();
export type DegradeRequest = z.infer<typeof DegradeRequest>;

/**
 * What a rating looks at; null means "not measured in this window". Only measurements of the
 * visitor's own link to the SFU count: through an SFU, what a page receives also carries the
 * loss and jitter of each sender's link, and one sender on a bad network must not take
 * everyone else's voice away. So loss is measured hop by hop (what arrived against what the
 * SFU's sender reports say it sent, for the way down; the SFU's transport-wide feedback for
 * the way up, see `LinkReport`; ICE checks when no media flows) and the round trip is the
 * ICE pair's. Jitter, concealment and freezes are what the
 * visitor experiences; they are recorded, not rated.
 */
export interface QualityInputs {
  rttMs: number | null;
  /** The worse of the directions that were measured, on this visitor's own link. */
  lossPct: number | null;
  connected: boolean;
}

export interface QualityRating {
  level: QualityLevel | "unknown";
  /** 0 (unusable) … 100 (perfect); null when nothing was measured. */
  score: number | null;
  /** The measurement that set the score, for telling the visitor why ("loss 23 %"). */
  worst?: { metric: "lossPct" | "rttMs" | "connection"; value: number };
}

/**
 * Score breakpoints per measurement: [value, score] pairs, linear in between. Each metric
 * crosses 75 (good→fair), 50 (fair→poor) and 25 (poor→bad) at the thresholds below.
 * Loss: Opus with in-band FEC carries speech well up to ~10 %; beyond ~20 % words go missing.
 * Round trip: conversation starts to suffer beyond ~300 ms and breaks down past ~1.2 s.
 */
const BREAKPOINTS: Record<"rttMs" | "lossPct", readonly (readonly [number, number])[]> = {
  lossPct: [[0, 100], [3, 75], [8, 50], [20, 25], [50, 0]],
  rttMs: [[150, 100], [300, 75], [500, 50], [1200, 25], [3000, 0]],
};

function scoreOf(metric: keyof typeof BREAKPOINTS, value: number): number {
  const points = BREAKPOINTS[metric];
  if (value <= points[0]![0]) return points[0]![1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    if (value <= x1) {
      const [x0, y0] = points[i - 1]!;
      return y0 + ((value - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return points[points.length - 1]![1];
}

export function levelOfScore(score: number): QualityLevel {
  return score >= 75 ? "good" : score >= 50 ? "fair" : score >= 25 ? "poor" : "bad";
}

/** Rates one window: the worst of its measurements decides. */
export function rateQuality(inputs: QualityInputs): QualityRating {
  if (!inputs.connected) return { level: "bad", score: 0, worst: { metric: "connection", value: 0 } };
  let worst: QualityRating["worst"];
  let score: number | null = null;
  for (const metric of Object.keys(BREAKPOINTS) as (keyof typeof BREAKPOINTS)[]) {
    const value = inputs[metric];
    if (value === null || !Number.isFinite(value)) continue;
    const s = scoreOf(metric, value);
    if (score === null || s < score) {
      score = s;
      worst = { metric, value };
    }
  }
  if (score === null) return { level: "unknown", score: null };
  return { level: levelOfScore(score), score: Math.round(score), worst };
}

/** The worse of two optional percentages (null when neither was measured). */
export function worseOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
