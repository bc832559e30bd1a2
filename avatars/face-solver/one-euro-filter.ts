/**
 * The One Euro filter (Casiez, Roussel & Vogel, CHI 2012): a low-pass filter whose cutoff rises
 * with the signal's speed. A face held still is smoothed hard (tracker jitter disappears); a blink
 * or a turn of the head goes through with little lag. One filter per channel; timestamps in ms,
 * so the filter follows the real frame rate, which drops on slow devices.
 */
export interface OneEuroParams {
  /** Cutoff (Hz) when the signal is still: lower = smoother, more lag at rest. */
  minCutoff: number;
  /** How fast the cutoff rises with speed (per unit/s): higher = less lag when moving. */
  beta: number;
  /** Cutoff (Hz) for the speed estimate itself. */
  dCutoff: number;
}

/**
 * For ARKit coefficients (0…1) at 30 fps: tracker jitter at rest drops to about a third, and a
 * blink (closing in ~70 ms) reaches 90 % by the frame the lid is shut.
 */
export const COEFFICIENT_FILTER: OneEuroParams = { minCutoff: 1, beta: 3, dCutoff: 1 };
/** For head angles (radians): steady when still, keeps up with a quick turn (~2 rad/s). */
export const POSE_FILTER: OneEuroParams = { minCutoff: 1, beta: 2, dCutoff: 1 };

export class OneEuroFilter {
  private last: { value: number; speed: number; at: number } | null = null;
  private readonly params: OneEuroParams;

  constructor(params: OneEuroParams = COEFFICIENT_FILTER) {
    this.params = params;
  }

  /** The filtered value of `value` sampled at `now` (ms). */
  filter(value: number, now: number): number {
    if (!Number.isFinite(value)) return this.last?.value ?? 0;
    const last = this.last;
    if (!last) {
      this.last = { value, speed: 0, at: now };
      return value;
    }
    const dt = (now - last.at) / 1000;
    // A repeated or out-of-order timestamp adds no information about speed: keep the output.
    if (!(dt > 0)) return last.value;
    const rawSpeed = (value - last.value) / dt;
    const speed = lowPass(last.speed, rawSpeed, alpha(this.params.dCutoff, dt));
    const cutoff = this.params.minCutoff + this.params.beta * Math.abs(speed);
    const filtered = lowPass(last.value, value, alpha(cutoff, dt));
    this.last = { value: filtered, speed, at: now };
    return filtered;
  }

  /** Forget the history (e.g. the face was lost): the next value passes through unchanged. */
  reset(): void {
    this.last = null;
  }
}

/** A One Euro filter per named channel (the 52 coefficients, yaw/pitch/roll), made on first use. */
export class OneEuroChannels<K extends string = string> {
  private readonly filters = new Map<K, OneEuroFilter>();
  private readonly params: OneEuroParams;

  constructor(params: OneEuroParams = COEFFICIENT_FILTER) {
    this.params = params;
  }

  filter(values: Readonly<Record<K, number>>, now: number): Record<K, number> {
    const out = {} as Record<K, number>;
    for (const key of Object.keys(values) as K[]) {
      let f = this.filters.get(key);
      if (!f) {
        f = new OneEuroFilter(this.params);
        this.filters.set(key, f);
      }
      out[key] = f.filter(values[key], now);
    }
    return out;
  }

  reset(): void {
    this.filters.clear();
  }
}

function alpha(cutoff: number, dt: number): number {
  const tau = 1 / (2 * Math.PI * cutoff);
  return 1 / (1 + tau / dt);
}

function lowPass(previous: number, value: number, a: number): number {
  return previous + a * (value - previous);
}
