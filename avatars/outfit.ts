import type { AvatarParams } from "./avatar-params.ts";
import { BRAND_BLAZER } from "./avatar-params.ts";
import { type Rgb, linearRgb, mixRgb, scaleRgb } from "./mesh-part.ts";

/**
 * Clothing is painted onto the body surface (vertex colours switching at hems, with small
 * steps in the surface so hems read as cloth edges) instead of layered on top of skin: half
 * the triangles, no skin poking through cloth when limbs bend.
 */
export interface OutfitLook {
  kind: "tshirt" | "hoodie" | "blazer";
  top: Rgb;
  trim: Rgb;
  bottom: Rgb;
  belt: Rgb | null;
  shoe: Rgb;
  sole: Rgb;
  /** Fraction of the arm (shoulder → wrist) the sleeve covers. */
  sleeve: number;
  /** Shirt, tie and badge colours for the agent uniform. */
  shirt: Rgb;
  tie: Rgb;
  badge: Rgb;
  /** The name on the uniform's badge (uniform only). */
  badgeText?: string;
}

export function outfitLook(params: AvatarParams): OutfitLook {
  const bottom = linearRgb(params.bottomColor);
  if (params.outfit === "uniform") {
    const blazer = linearRgb(params.topColor || BRAND_BLAZER);
    return {
      kind: "blazer",
      top: blazer,
      trim: scaleRgb(blazer, 0.7),
      bottom,
      belt: [0.02, 0.02, 0.02],
      shoe: [0.018, 0.016, 0.015],
      sole: [0.01, 0.01, 0.01],
      sleeve: 0.95,
      shirt: [0.85, 0.86, 0.88],
      tie: linearRgb("#b48a30"),
      badge: [0.9, 0.9, 0.88],
      badgeText: params.badgeText,
    };
  }
  const top = linearRgb(params.topColor);
  const hoodie = params.casualTop === "hoodie";
  return {
    kind: hoodie ? "hoodie" : "tshirt",
    top,
    trim: scaleRgb(top, 0.78),
    bottom,
    belt: null,
    shoe: mixRgb(top, [0.85, 0.85, 0.85], 0.55),
    sole: [0.82, 0.81, 0.78],
    sleeve: hoodie ? 0.95 : 0.3,
    shirt: top,
    tie: top,
    badge: top,
  };
}
