export type Rand = () => number;

/** mulberry32: the same sequence on every client for the same seed (planks, veins, shelf stock). */
export function seededRandom(seed: number): Rand {
  let a = seed || 1;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
