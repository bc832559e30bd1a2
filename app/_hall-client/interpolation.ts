export interface PoseSample {
  t: number;
  x: number;
  z: number;
  ry: number;
}

/**
 * Remote avatars are drawn slightly in the past (by `delayMs`) so that there are always two
 * server samples to blend between: a 10–20 Hz stream then moves smoothly at 60 fps.
 */
export class InterpolationBuffer {
  readonly #samples: PoseSample[] = [];
  readonly #delayMs: number;

  constructor(delayMs = 120) {
    this.#delayMs = delayMs;
  }

  push(sample: PoseSample): void {
    const last = this.#samples.at(-1);
    if (last && last.x === sample.x && last.z === sample.z && last.ry === sample.ry) {
      last.t = sample.t; // unchanged pose: keep the buffer short, remember it is still current
      return;
    }
    this.#samples.push(sample);
    if (this.#samples.length > 32) this.#samples.shift();
  }

  sample(now: number): Omit<PoseSample, "t"> | undefined {
    const samples = this.#samples;
    if (samples.length === 0) return undefined;
    const renderAt = now - this.#delayMs;
    while (samples.length >= 2 && samples[1]!.t <= renderAt) samples.shift();
    const a = samples[0]!;
    const b = samples[1];
    if (!b || renderAt <= a.t) return { x: a.x, z: a.z, ry: a.ry };
    const k = Math.min(1, (renderAt - a.t) / Math.max(1, b.t - a.t));
    return { x: a.x + (b.x - a.x) * k, z: a.z + (b.z - a.z) * k, ry: lerpAngle(a.ry, b.ry, k) };
  }
}

export function lerpAngle(a: number, b: number, k: number): number {
  let d = (b - a) % (Math.PI * 2);
  if (d > Math.PI) d -= Math.PI * 2;
  if (d < -Math.PI) d += Math.PI * 2;
  return a + d * k;
}
