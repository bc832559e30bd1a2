/**
 * How often the face worker takes a frame. It aims at `maxFps` and steps down when its frames
 * take longer than their budget — a share (`busyShare`) of the frame interval, so the tracker
 * leaves CPU for rendering and the call on slow devices — and steps back up, one step at a time
 * and with a margin, when frames get cheap again.
 */
export interface FrameRateOptions {
  maxFps?: number;
  minFps?: number;
  /** The share of each frame interval the tracker may spend working (0..1). */
  busyShare?: number;
  /** First frames not counted: the model's first run sets itself up and is many times slower. */
  warmupFrames?: number;
}

const STEPS = [60, 30, 24, 20, 15, 12, 10, 8, 6, 5, 4, 3, 2, 1];
const SMOOTHING = 0.25; // weight of the newest frame in the running average
const RISE_MARGIN = 0.75; // the faster step must fit with this much room before we go back up

export class FrameRate {
  private readonly steps: number[];
  private readonly busyShare: number;
  private warmup: number;
  private step = 0;
  private average: number | null = null;

  constructor(options: FrameRateOptions = {}) {
    const max = options.maxFps ?? 30;
    const min = options.minFps ?? 5;
    this.busyShare = options.busyShare ?? 0.5;
    this.warmup = options.warmupFrames ?? 1;
    this.steps = [max, ...STEPS.filter((fps) => fps < max && fps >= min)];
  }

  get fps(): number {
    return this.steps[this.step]!;
  }

  /** The least time (ms) between two frames at the current rate. */
  get interval(): number {
    return 1000 / this.fps;
  }

  /** Records one frame's processing time (ms) and returns the interval to keep from now on. */
  record(ms: number): number {
    if (this.warmup > 0) {
      this.warmup--;
      return this.interval;
    }
    // One slow frame (a garbage collection, a busy moment) moves the average only so far; a slow device keeps it rising.
    const sample = this.average === null ? ms : Math.min(ms, 2 * this.average);
    this.average = this.average === null ? sample : this.average + SMOOTHING * (sample - this.average);
    const budget = (fps: number) => (this.busyShare * 1000) / fps;
    while (this.step < this.steps.length - 1 && this.average > budget(this.fps)) this.step++;
    if (this.step > 0 && this.average <= RISE_MARGIN * budget(this.steps[this.step - 1]!)) this.step--;
    return this.interval;
  }
}
