import { MEASURE_NAMES, type FaceMeasurement, type FaceMeasures, type Neutral } from "./blendshape-solver.ts";
import type { HeadPose } from "./head-pose.ts";

/**
 * A person's neutral face from a couple of seconds of "look at the camera": every face differs
 * (brow height, lip thickness, how open the eyes sit), so each shape is read as a change from
 * this person's own rest value. Takes the median of each measurement, so a blink or a word
 * during calibration does not shift it, and skips frames with the head turned well away.
 */
export interface CalibrationOptions {
  /** How long to collect, ms (default 2000). */
  durationMs?: number;
  /** At least this many usable frames (default 20; about 0.7 s at 30 fps). */
  minFrames?: number;
  /** Frames with |yaw| or |pitch| above this (radians) are skipped (default 0.35, ~20°). */
  maxTurn?: number;
}

export class NeutralCalibration {
  private readonly durationMs: number;
  private readonly minFrames: number;
  private readonly maxTurn: number;
  private readonly samples: Array<{ measures: FaceMeasures; pose: HeadPose }> = [];
  private startedAt: number | null = null;
  private lastAt: number | null = null;

  constructor(options: CalibrationOptions = {}) {
    this.durationMs = options.durationMs ?? 2000;
    this.minFrames = options.minFrames ?? 20;
    this.maxTurn = options.maxTurn ?? 0.35;
  }

  /** Adds one measured frame taken at `now` (ms); returns whether calibration is complete. */
  add(frame: Pick<FaceMeasurement, "measures" | "pose">, now: number): boolean {
    if (this.startedAt === null) this.startedAt = now;
    this.lastAt = Math.max(this.lastAt ?? now, now);
    const { yaw, pitch } = frame.pose;
    const usable = Math.abs(yaw) <= this.maxTurn && Math.abs(pitch) <= this.maxTurn && MEASURE_NAMES.every((n) => Number.isFinite(frame.measures[n]));
    if (usable) this.samples.push({ measures: frame.measures, pose: frame.pose });
    return this.done;
  }

  /** 0…1: how far along, by time and by frames, whichever is behind. */
  get progress(): number {
    if (this.startedAt === null || this.lastAt === null) return 0;
    const time = this.durationMs > 0 ? (this.lastAt - this.startedAt) / this.durationMs : 1;
    // At least one frame, whatever minFrames says: a median of nothing is no neutral.
    const frames = this.samples.length / Math.max(1, this.minFrames);
    return Math.max(0, Math.min(1, time, frames));
  }

  get done(): boolean {
    return this.progress >= 1;
  }

  /** How many frames counted (turned-away ones do not). */
  get frames(): number {
    return this.samples.length;
  }

  /** The neutral face (medians), or null until calibration is complete. */
  neutral(): Neutral | null {
    if (!this.done) return null;
    const measures = Object.fromEntries(MEASURE_NAMES.map((name) => [name, median(this.samples.map((s) => s.measures[name]))])) as FaceMeasures;
    const pose: HeadPose = {
      yaw: median(this.samples.map((s) => s.pose.yaw)),
      pitch: median(this.samples.map((s) => s.pose.pitch)),
      roll: median(this.samples.map((s) => s.pose.roll)),
    };
    return { measures, pose };
  }

  /** Starts over (the person asks to recalibrate, or a different face appeared). */
  reset(): void {
    this.samples.length = 0;
    this.startedAt = null;
    this.lastAt = null;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
