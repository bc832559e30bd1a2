import type { VideoWish } from "../../sfu/index.ts";
import { zoneAt, type Surface, type Zone } from "../../scenes/scene-format.ts";
import { canHear, type Spot } from "./hearing.ts";

/**
 * The simulcast layer a webcam panel needs at this distance. The panel is 0.64 m wide: at
 * 4 m it covers roughly 150–250 px of a laptop screen (360p is plenty beyond that), and past
 * 9 m it is a thumbnail (180p).
 */
export function spatialLayerForDistance(metres: number): number {
  // Layers of the camera's simulcast: 0 ≈ 180p, 1 ≈ 360p, 2 ≈ 720p.
  if (metres < 4) return 2;
  if (metres < 9) return 1;
  return 0;
}

/**
 * A webcam is seen like a voice is heard, a little further: within `radius`, never through a
 * private booth's walls, and from the stage by the whole hall.
 */
export function cameraWish(viewer: Spot, sender: Spot, zones: readonly Zone[], radius: number): VideoWish | undefined {
  if (!canHear(viewer, sender, zones, radius)) return undefined;
  const metres = Math.hypot(viewer.x - sender.x, viewer.z - sender.z);
  return { spatialLayer: spatialLayerForDistance(metres), rank: metres }; // the nearest matter most
}

/** The private booth a spot is in, if any (its id), or "" for the open hall. */
function privacy(zones: readonly Zone[], spot: Spot): string {
  const zone = zoneAt(zones, spot.x, spot.z);
  return zone?.kind === "private" ? zone.id : "";
}

/**
 * A screen share is seen by everyone who can see the screen it is shown on: the whole open
 * hall for a hall screen, only the people inside for a screen in a private booth. Without a
 * free screen it goes to the people on the sharer's side of the booth walls (for the
 * full-screen view). Always the top layer: text must stay readable.
 */
export function shareWish(viewer: Spot, sharer: Spot, screen: Surface | undefined, zones: readonly Zone[]): VideoWish | undefined {
  const seenFrom = screen ? privacy(zones, screen.at) : privacy(zones, sharer);
  return privacy(zones, viewer) === seenFrom ? { spatialLayer: 2, rank: -1 } : undefined; // before any camera
}

/**
 * The screen a new share goes on: the nearest one on the sharer's side of the booth walls
 * that nobody else is sharing on, or none.
 */
export function pickShareScreen(screens: readonly Surface[], zones: readonly Zone[], sharer: Spot, taken: ReadonlySet<string>): Surface | undefined {
  const side = privacy(zones, sharer);
  let best: Surface | undefined;
  let bestDistance = Infinity;
  for (const screen of screens) {
    if (taken.has(screen.id) || privacy(zones, screen.at) !== side) continue;
    const d = Math.hypot(screen.at.x - sharer.x, screen.at.z - sharer.z);
    if (d < bestDistance) {
      best = screen;
      bestDistance = d;
    }
  }
  return best;
}
