import type { Booth, Partition, Rect, Scene, ServicePost, Sign, Surface, Vec2 } from "./scene-format.ts";

/**
 * What a scene's entries occupy in the world, derived from the data so that the renderer,
 * the server's collision and later the concierge agree on it: counters in front of the
 * people serving, screens' transforms, and every footprint nobody may walk through.
 */

/** A floor point of a thing's local frame (x to its side, z forwards) placed at `at`, turned by `rotation`. */
export function toWorld(at: Vec2, rotation: number, local: Vec2): Vec2 {
  const c = Math.cos(rotation);
  const s = Math.sin(rotation);
  return { x: at.x + local.x * c + local.z * s, z: at.z - local.x * s + local.z * c };
}

/** The axis-aligned rectangle covering a `width` × `depth` footprint centred at `at` and turned by `rotation`. */
export function footprint(at: Vec2, rotation: number, width: number, depth: number): Rect {
  const c = Math.abs(Math.cos(rotation));
  const s = Math.abs(Math.sin(rotation));
  const hx = (width * c + depth * s) / 2;
  const hz = (width * s + depth * c) / 2;
  return { minX: at.x - hx, minZ: at.z - hz, maxX: at.x + hx, maxZ: at.z + hz };
}

/** A rectangle's size and centre, for placing things on it. */
export function rectExtent(r: Rect): { width: number; depth: number; cx: number; cz: number } {
  return { width: r.maxX - r.minX, depth: r.maxZ - r.minZ, cx: (r.minX + r.maxX) / 2, cz: (r.minZ + r.maxZ) / 2 };
}

/** A box standing on the floor: centre (floor point), turn, width (local x), depth (local z), height. */
export interface Box {
  at: Vec2;
  rotation: number;
  width: number;
  depth: number;
  height: number;
}

const counters = {
  reception: { width: 3.4, depth: 0.8, height: 1.1, ahead: 0.75 },
  desk: { width: 1.7, depth: 0.75, height: 1.0, ahead: 0.7 },
} as const;

/** The counter in front of a concierge or an agent (they stand behind it, facing across it). */
export function counterOf(post: Pick<ServicePost, "at" | "rotation">, kind: keyof typeof counters): Box {
  const c = counters[kind];
  return { at: toWorld(post.at, post.rotation, { x: 0, z: c.ahead }), rotation: post.rotation, width: c.width, depth: c.depth, height: c.height };
}

/** The wall behind the concierge that carries the brand. */
export function receptionBackdrop(post: Pick<ServicePost, "at" | "rotation">): Box {
  return { at: toWorld(post.at, post.rotation, { x: 0, z: -0.9 }), rotation: post.rotation, width: 4, depth: 0.25, height: 3 };
}

/** Where a customer stands to be served at a counter: across it from the person serving. */
export function customerSpot(post: Pick<ServicePost, "at" | "rotation">, kind: keyof typeof counters): Vec2 {
  const c = counters[kind];
  return toWorld(post.at, post.rotation, { x: 0, z: c.ahead + c.depth / 2 + 0.55 });
}

/** Where a visitor stands to look at a booth's product. */
export function boothFront(booth: Pick<Booth, "at" | "rotation" | "size">): Vec2 {
  return toWorld(booth.at, booth.rotation, { x: 0, z: booth.size.z / 2 + 0.7 });
}

export interface SurfaceTransform {
  /** Centre of the visible face, in world coordinates. */
  position: { x: number; y: number; z: number };
  /** Yaw: apply as `rotation.y` to a plane facing +z. */
  rotationY: number;
  width: number;
  height: number;
  /** The direction the face looks (unit, floor plane). */
  normal: Vec2;
}

/** The world transform of a screen's or whiteboard's face, for putting video or drawings on it. */
export function surfaceTransform(surface: Surface): SurfaceTransform {
  return {
    position: { x: surface.at.x, y: surface.y, z: surface.at.z },
    rotationY: surface.rotation,
    width: surface.width,
    height: surface.width / surface.aspect,
    normal: { x: Math.sin(surface.rotation), z: Math.cos(surface.rotation) },
  };
}

/** The feet of a surface on a stand (none for one on a wall). */
export function surfaceStand(surface: Surface): Box | undefined {
  if (surface.mount !== "stand") return undefined;
  return { at: surface.at, rotation: surface.rotation, width: surface.width + 0.1, depth: 0.6, height: 0.1 };
}

export function totemOf(sign: Sign): Box | undefined {
  if (sign.style !== "totem") return undefined;
  return { at: sign.at, rotation: sign.rotation, width: sign.width + 0.1, depth: 0.4, height: sign.y + sign.height / 2 + 0.1 };
}

export const PARTITION_THICKNESS = 0.1;

export function partitionRect(p: Partition): Rect {
  const h = PARTITION_THICKNESS / 2;
  return { minX: Math.min(p.from.x, p.to.x) - h, minZ: Math.min(p.from.z, p.to.z) - h, maxX: Math.max(p.from.x, p.to.x) + h, maxZ: Math.max(p.from.z, p.to.z) + h };
}

const boxRect = (b: Box): Rect => footprint(b.at, b.rotation, b.width, b.depth);

const cache = new WeakMap<Scene, readonly Rect[]>();

/** Taller than a person's eyes: a follow camera behind it would see its back, not the visitor. */
const SIGHT_HEIGHT = 1.7;

/**
 * The footprints that hide a visitor from a camera behind them: solid partitions, shelving and
 * pillars, tall blocks and the reception's backdrop. Glass, counters, benches and tables do not.
 */
export function sightBlockers(scene: Scene): readonly Rect[] {
  let rects = sightCache.get(scene);
  if (rects) return rects;
  rects = [
    ...scene.partitions.filter((p) => p.kind === "solid" && p.height >= SIGHT_HEIGHT).map(partitionRect),
    ...scene.obstacles.filter((o) => o.look === "shelf" || o.look === "pillar").map((o) => o.rect),
    ...scene.blocks.filter((b) => b.size.y >= SIGHT_HEIGHT).map((b) => footprint(b.at, 0, b.size.x, b.size.z)),
    ...(scene.reception ? [boxRect(receptionBackdrop(scene.reception))] : []),
  ];
  sightCache.set(scene, rects);
  return rects;
}

const sightCache = new WeakMap<Scene, readonly Rect[]>();

/**
 * Every rectangle nobody may walk through: the listed obstacles, blocks, booths' stands,
 * counters, the reception's backdrop, screens and whiteboards on stands, totems and
 * partitions. Computed once per scene object (the server asks on every move).
 */
export function sceneObstacles(scene: Scene): readonly Rect[] {
  let rects = cache.get(scene);
  if (rects) return rects;
  const boxes: Box[] = [
    ...scene.blocks.map((b) => ({ at: b.at, rotation: 0, width: b.size.x, depth: b.size.z, height: b.size.y })),
    ...scene.booths.map((b) => ({ at: b.at, rotation: b.rotation, width: b.size.x, depth: b.size.z, height: b.size.y })),
    ...scene.agentDesks.map((d) => counterOf(d, "desk")),
    ...(scene.reception ? [counterOf(scene.reception, "reception"), receptionBackdrop(scene.reception)] : []),
    ...[...scene.screens, ...scene.whiteboards].flatMap((s) => surfaceStand(s) ?? []),
    ...scene.signage.flatMap((s) => totemOf(s) ?? []),
  ];
  rects = [...scene.obstacles.map((o) => o.rect), ...boxes.map(boxRect), ...scene.partitions.map(partitionRect)];
  cache.set(scene, rects);
  return rects;
}
