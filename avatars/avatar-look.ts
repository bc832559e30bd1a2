import { hashSeed } from "./seed-hash.ts";
/**
 * A visitor's look, derived from their id so everyone sees the same person without any
 * extra state. The parametric GLB generator (issue 3) will take the same inputs.
 */
export interface AvatarLook {
  skin: string;
  hair: string;
  top: string;
  bottom: string;
  height: number;
}

const skins = ["#f1c7a5", "#e0ac86", "#c68a62", "#a0694a", "#7a4b32", "#f6d5bd"];
const hairs = ["#2b1d14", "#4a3020", "#7b5230", "#c49a5a", "#1a1a1a", "#8c8c8c"];
const tops = ["#3f6fb5", "#b5533f", "#3f9b6f", "#8a4fb5", "#d69a2d", "#2f4858", "#c2456e"];
const bottoms = ["#2d3142", "#4f5d75", "#3c3c3c", "#5b4636"];

export function lookFor(seed: string): AvatarLook {
  const h = hashSeed(seed);
  const pick = <T>(list: readonly T[], shift: number): T => list[(h >>> shift) % list.length]!;
  return { skin: pick(skins, 0), hair: pick(hairs, 5), top: pick(tops, 10), bottom: pick(bottoms, 15), height: 1.62 + ((h >>> 20) % 25) / 100 };
}
