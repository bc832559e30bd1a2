import type { Vector3 } from "three";
import type { AvatarParams } from "./avatar-params.ts";
import { EYE_X, EYE_Y, MOUTH, lowerLipHeight, upperLipHeight } from "./head-shape.ts";
import { type Rgb, linearRgb, mixRgb, scaleRgb } from "./mesh-part.ts";
import { gauss2, smoothstep } from "./shape-math.ts";

/**
 * The face's colours, painted per vertex (there are no textures): lips, a warm flush where
 * skin is thin (cheeks, nose, ears, lips — what subsurface scattering reddens on a real face),
 * and baked shade in the creases a soft light does not reach (eye sockets, nostrils, the lip
 * line and mouth corners, under the lower lip, under the jaw). Head-local metres, +Z the face.
 */
export interface FacePalette {
  skin: Rgb;
  /** Skin where blood shows through: cheeks, nose tip, ears. */
  flush: Rgb;
  lip: Rgb;
  lid: Rgb;
  lash: Rgb;
  waterline: Rgb;
  brow: Rgb;
  iris: Rgb;
  mouth: Rgb;
  teeth: Rgb;
  tongue: Rgb;
}

/** Relative luminance of a linear colour. */
function luma(c: Rgb): number {
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

export function facePalette(params: AvatarParams): FacePalette {
  const skin = linearRgb(params.skinTone);
  const hair = linearRgb(params.hairColor);
  const light = Math.min(1, Math.sqrt(luma(skin) / 0.45));
  // Lips: the skin's own hue pulled toward rose, stronger on light skin; deeper on dark skin.
  const rose: Rgb = [0.62 * light + 0.1, 0.15 * light + 0.02, 0.16 * light + 0.03];
  const lip = mixRgb([skin[0] * 0.82, skin[1] * 0.48, skin[2] * 0.52], rose, 0.45);
  return {
    skin,
    flush: [skin[0] * 1.04, skin[1] * 0.8, skin[2] * 0.76],
    lip,
    lid: [skin[0] * 0.86, skin[1] * 0.74, skin[2] * 0.76],
    lash: [0.012, 0.009, 0.008],
    waterline: [0.62, 0.28, 0.27],
    brow: mixRgb(scaleRgb(hair, 0.8), [0.02, 0.015, 0.01], 0.3),
    iris: linearRgb(params.eyeColor),
    mouth: [0.1, 0.025, 0.028],
    teeth: [0.8, 0.77, 0.7],
    tongue: [0.55, 0.16, 0.17],
  };
}

/** 1 on the lips' red, 0 off them, with a soft but definite border. */
export function lipMask(x: number, y: number): number {
  const dy = y - MOUTH.y;
  const h = dy >= 0 ? upperLipHeight(x) : lowerLipHeight(x);
  if (h <= 0) return 0;
  return 1 - smoothstep(h * 0.95, h * 1.22, Math.abs(dy));
}

export function faceColor(p: Vector3, colors: FacePalette): Rgb {
  const { x, y, z } = p;
  const ax = Math.abs(x);
  const front = smoothstep(0.04, 0.075, z);
  const dy = y - MOUTH.y;

  // Warmth where the skin is thin or flushed.
  const cheeks = gauss2(ax - 0.045, y + 0.024, 0.017, 0.014);
  const nose = gauss2(x, y + 0.024, 0.008, 0.01) + 0.5 * gauss2(ax - 0.011, y + 0.03, 0.005, 0.004);
  const chin = 0.35 * gauss2(x, y + 0.086, 0.014, 0.01);
  const warmth = Math.min(1, 0.55 * cheeks + 0.45 * nose + chin) * front;
  let c = mixRgb(colors.skin, colors.flush, warmth);

  // Lips, with a darker line where they meet and into the corners.
  const lips = lipMask(x, y) * front;
  c = mixRgb(c, colors.lip, lips);
  const lipLine = gauss2(dy, 0, 0.0011, 1) * (1 - smoothstep(MOUTH.cornerX * 0.9, MOUTH.cornerX * 1.35, ax));

  // Baked shade: a soft light does not reach into these.
  const socket = gauss2(ax - (EYE_X - 0.011), y - EYE_Y + 0.003, 0.007, 0.008) * 0.55 + gauss2(ax - EYE_X, y - EYE_Y - 0.013, 0.016, 0.006) * 0.22
    + gauss2(ax - EYE_X, y - EYE_Y + 0.016, 0.014, 0.005) * 0.2;
  const nostrils = gauss2(ax - 0.0068, y + 0.0345, 0.0026, 0.0018);
  // The crease round the nose's wings and the shade along the sides of the bridge.
  const alar = gauss2(ax - 0.0168, y + 0.03, 0.0022, 0.005) * 0.3;
  const bridgeSides = gauss2(ax - 0.0105, y + 0.01, 0.0035, 0.012) * 0.1;
  const underNose = gauss2(x, y + 0.0395, 0.006, 0.0022) * 0.4;
  const corners = gauss2(ax - MOUTH.cornerX * 1.02, dy, 0.0035, 0.003);
  const belowLip = gauss2(x, dy + lowerLipHeight(0) + 0.0035, 0.011, 0.0028) * 0.35;
  const underJaw = smoothstep(-0.078, -0.1, y) * smoothstep(-0.02, 0.05, z) * 0.35;
  const shade = Math.min(0.8, (socket + 0.75 * nostrils + alar + bridgeSides + underNose + 0.55 * corners + belowLip) * front + 0.45 * lipLine * front + underJaw);
  // Shade is warm: light scattered inside the skin comes back out reddened in the creases.
  return [c[0] * (1 - 0.8 * shade), c[1] * (1 - 1.05 * shade), c[2] * (1 - 1.15 * shade)];
}

/** The ear's colour: flushed, darker in the bowl. `inner` is 0 on the rim, 1 deep in the bowl. */
export function earColor(colors: FacePalette, inner: number): Rgb {
  return scaleRgb(mixRgb(colors.skin, colors.flush, 0.65), 1 - 0.4 * inner);
}
