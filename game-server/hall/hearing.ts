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

export interface Speaker extends Spot {
  id: string;
}

/**
 * The voices a listener actually receives: those it can hear, the nearest `maxVoices` of
 * them — as in a crowded room, far voices drown — and anyone on a stage on top, since a
 * presentation is for everyone. So a 50-person hall costs each listener a handful of
 * streams, not 49.
 */
export function audibleSpeakers(listener: Spot, speakers: readonly Speaker[], zones: readonly Zone[], radius: number, maxVoices: number): Set<string> {
  const onStage: string[] = [];
  const near: { id: string; d2: number }[] = [];
  for (const s of speakers) {
    if (!canHear(listener, s, zones, radius)) continue;
    if (zoneAt(zones, s.x, s.z)?.kind === "stage") onStage.push(s.id);
    else near.push({ id: s.id, d2: (s.x - listener.x) ** 2 + (s.z - listener.z) ** 2 });
  }
  near.sort((a, b) => a.d2 - b.d2);
  return new Set([...onStage, ...near.slice(0, maxVoices).map((s) => s.id)]);
}
