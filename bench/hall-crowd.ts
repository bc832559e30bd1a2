import { isWalkable, nearestWalkable } from "../scenes/collision.ts";
import { inRect, type Rect, type Scene, type Vec2 } from "../scenes/scene-format.ts";
import { boothFront, customerSpot } from "../scenes/scene-layout.ts";
import { seededRandom } from "../avatars/seed-hash.ts";

export type VisitorRole = "consulting" | "presenting" | "serving" | "served" | "browsing" | "walking";

export interface CrowdVisitor {
  id: string;
  role: VisitorRole;
  x: number;
  z: number;
}

/** Share of the free crowd walking about rather than gathered somewhere. */
const WALKING_SHARE = 0.25;
/** How far from the spot they gather at (a booth's front, a queue) people stand. */
const SPREAD = 1.8;

/** A place people gather: a point, or something with a footprint they stand around (`reach`). */
interface Attractor extends Vec2 {
  reach: number;
}

/**
 * A plausible crowd for a scene, the same for the same seed: two people in each private
 * room, a presenter on each stage, an agent and a customer at each agent desk, and the rest
 * gathered in front of the product booths, at the reception, around labelled blocks and at
 * the entrance, with a quarter walking anywhere free. Everything is read from the scene, so
 * a redesigned hall gets a crowd that fits it.
 */
export function placeCrowd(scene: Scene, count: number, seed: number): CrowdVisitor[] {
  const random = seededRandom(seed);
  const crowd: CrowdVisitor[] = [];
  const add = (role: VisitorRole, at: Vec2) => {
    if (crowd.length < count) crowd.push({ id: `v${String(crowd.length).padStart(2, "0")}`, role, x: at.x, z: at.z });
  };
  const openFloor = (p: Vec2) => isWalkable(scene, p) && !scene.zones.some((z) => inRect(z.rect, p.x, p.z));
  const spot = (propose: () => Vec2, fits: (p: Vec2) => boolean): Vec2 => {
    let p = propose();
    for (let attempt = 0; attempt < 200 && !fits(p); attempt++) p = propose();
    return fits(p) ? p : nearestWalkable(scene, p);
  };

  for (const zone of scene.zones.filter((z) => z.kind === "private")) {
    const inside = (p: Vec2) => isWalkable(scene, p) && inRect(zone.rect, p.x, p.z);
    add("consulting", spot(() => insideRect(zone.rect, random), inside));
    add("consulting", spot(() => insideRect(zone.rect, random), inside));
  }
  for (const zone of scene.zones.filter((z) => z.kind === "stage")) {
    add("presenting", nearestWalkable(scene, { x: (zone.rect.minX + zone.rect.maxX) / 2, z: (zone.rect.minZ + zone.rect.maxZ) / 2 }));
  }
  for (const desk of scene.agentDesks) {
    add("serving", nearestWalkable(scene, desk.at));
    add("served", nearestWalkable(scene, customerSpot(desk, "desk")));
  }

  const attractors: Attractor[] = [
    ...scene.booths.map((b) => ({ ...boothFront(b), reach: 0 })),
    ...(scene.reception ? [{ ...customerSpot(scene.reception, "reception"), reach: 0 }] : []),
    ...scene.blocks.filter((b) => b.label).map((b) => ({ ...b.at, reach: Math.max(b.size.x, b.size.z) / 2 + 0.5 })),
    { x: scene.spawn.x, z: scene.spawn.z, reach: 0 },
  ];
  const free = Math.max(0, count - crowd.length);
  const walking = Math.round(free * WALKING_SHARE);
  for (let i = 0; i < free - walking; i++) {
    const target = attractors[i % attractors.length]!;
    add("browsing", spot(() => around(target, random), openFloor));
  }
  for (let i = 0; i < walking; i++) add("walking", spot(() => insideRect(scene.bounds, random), openFloor));
  return crowd;
}

function insideRect(rect: Rect, random: () => number): Vec2 {
  return { x: rect.minX + random() * (rect.maxX - rect.minX), z: rect.minZ + random() * (rect.maxZ - rect.minZ) };
}

function around(target: Attractor, random: () => number): Vec2 {
  const angle = random() * 2 * Math.PI;
  const distance = target.reach + random() * SPREAD;
  return { x: target.x + Math.cos(angle) * distance, z: target.z + Math.sin(angle) * distance };
}
