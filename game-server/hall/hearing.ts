import { zoneAt, type Zone } from "../../scenes/scene-format.ts";

export interface Spot {
  x: number;
  z: number;
}

/**
 * Who hears whom, as in a real room: voices carry up to `radius`; a private booth is sealed
 * both ways (only the people inside hear each other); a stage carries to the whole hall.
 */
export function canHear(listener: Spot, speaker: Spot, zones: readonly Zone[], radius: number): boolean {
  const listenerZone = zoneAt(zones, listener.x, listener.z);
  const speakerZone = zoneAt(zones, speaker.x, speaker.z);
  const listenerBooth = listenerZone?.kind === "private" ? listenerZone : undefined;
  const speakerBooth = speakerZone?.kind === "private" ? speakerZone : undefined;
  if (listenerBooth || speakerBooth) return listenerBooth?.id === speakerBooth?.id;
  if (speakerZone?.kind === "stage") return true;
  return Math.hypot(listener.x - speaker.x, listener.z - speaker.z) <= radius;
}
