/** Scalar helpers shared by the shape modules (kept tiny on purpose). */

export function clamp01(t: number): number {
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** Hermite ramp from 0 at `edge0` to 1 at `edge1`; edges may be given in either order. */
export function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = clamp01((x - edge0) / (edge1 - edge0));
  return t * t * (3 - 2 * t);
}

export function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/** Anisotropic bump used to sculpt features: 1 at the centre, ~0 beyond 2.5 sigma. */
export function gauss2(dx: number, dy: number, sx: number, sy: number): number {
  return Math.exp(-0.5 * ((dx / sx) ** 2 + (dy / sy) ** 2));
}

/** Signed power: keeps the sign, so superellipse cross-sections stay symmetric. */
export function spow(x: number, p: number): number {
  return Math.sign(x) * Math.abs(x) ** p;
}

/**
 * `count + 1` samples from `from` to `to` whose spacing shrinks where `density` is high, so
 * the mesh spends its vertices on the face and not on the back of the skull.
 */
export function warpedSamples(count: number, from: number, to: number, density: (x: number) => number): number[] {
  const steps = 1024;
  const cdf: number[] = [0];
  for (let i = 0; i < steps; i++) {
    const x = from + ((i + 0.5) / steps) * (to - from);
    cdf.push(cdf[i]! + density(x));
  }
  const total = cdf[steps]!;
  const out: number[] = [];
  let k = 0;
  for (let i = 0; i <= count; i++) {
    const target = (i / count) * total;
    while (k < steps - 1 && cdf[k + 1]! < target) k++;
    const span = cdf[k + 1]! - cdf[k]!;
    const t = span > 0 ? (target - cdf[k]!) / span : 0;
    out.push(from + ((k + clamp01(t)) / steps) * (to - from));
  }
  out[0] = from;
  out[count] = to;
  return out;
}

/** Piecewise Catmull-Rom through (x, y) knots sorted by x; flat beyond the ends. */
export function spline(knots: ReadonlyArray<readonly [number, number]>, x: number): number {
  const n = knots.length;
  if (x <= knots[0]![0]) return knots[0]![1];
  if (x >= knots[n - 1]![0]) return knots[n - 1]![1];
  let i = 0;
  while (x > knots[i + 1]![0]) i++;
  const [x1, y1] = knots[i]!;
  const [x2, y2] = knots[i + 1]!;
  const y0 = knots[Math.max(0, i - 1)]![1];
  const y3 = knots[Math.min(n - 1, i + 2)]![1];
  const t = (x - x1) / (x2 - x1);
  const t2 = t * t;
  const t3 = t2 * t;
  return 0.5 * (2 * y1 + (-y0 + y2) * t + (2 * y0 - 5 * y1 + 4 * y2 - y3) * t2 + (-y0 + 3 * y1 - 3 * y2 + y3) * t3);
}
