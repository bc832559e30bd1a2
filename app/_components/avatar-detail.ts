/**
 * Which version of an avatar to draw at a given distance from the camera: the full model
 * (face morphs, every vertex) up close, the coarse twin (`avatars/far-detail.ts`) beyond
 * FAR_BEYOND_M. The way back starts a metre nearer, so a person standing at the boundary
 * does not flicker between the two.
 */
export type AvatarDetail = "near" | "far";

/** Beyond this a face is a few pixels tall, and the far tier of interest management starts. */
export const FAR_BEYOND_M = 10;
export const NEAR_WITHIN_M = 9;

export function nextDetail(current: AvatarDetail, distance: number): AvatarDetail {
  if (current === "near") return distance > FAR_BEYOND_M ? "far" : "near";
  return distance < NEAR_WITHIN_M ? "near" : "far";
}

/** Set by `window.atriumProbe.forceAvatarDetail()`: every avatar drawn at one detail, for comparing their cost. */
export const detailOverride: { force?: AvatarDetail } = {};
