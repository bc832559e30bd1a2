import { z } from "zod";

/**
 * The scene format. A scene is data: the hall renders it and the server takes walkable
 * bounds, obstacles and audio zones from it, so both agree on where people stand and who
 * hears whom. Older versions are upgraded by `migrations.ts`; this file describes only the
 * current one.
 *
 * v1: bounds, walls, spawn, palette, blocks. v2: audio zones. v3: materials, lighting, named
 * spawn points, product booths, screens, whiteboards, agent desks, reception, signage,
 * partitions and obstacles.
 *
 * Conventions: metres; the floor is the x/z plane, y is up. A `rotation` is a yaw in radians,
 * the same as an avatar's `ry`: the thing faces (sin r, cos r), so 0 faces +z and π faces −z.
 */
export const SCENE_FORMAT_VERSION = 3;

const Id = z.string().regex(/^[a-z0-9-]{1,40}$/);
const Finite = z.number().finite();
export const Vec2 = z.object({ x: Finite, z: Finite });
export type Vec2 = z.infer<typeof Vec2>;
const Vec3 = z.object({ x: Finite, y: Finite, z: Finite });
const Size3 = z.object({ x: z.number().positive().max(50), y: z.number().positive().max(30), z: z.number().positive().max(50) });
const Color = z.string().regex(/^#[0-9a-f]{6}$/i);
const Unit = z.number().min(0).max(1);
const Angle = Finite;
/** Assets are served by the app itself: nothing is fetched from the web at run time. */
const LocalUrl = z.string().max(200).regex(/^\/(?!\/)[\w./-]+$/, "must be a path on this site");

export const Rect = z
  .object({ minX: Finite, minZ: Finite, maxX: Finite, maxZ: Finite })
  .refine((r) => r.maxX > r.minX && r.maxZ > r.minZ, "rect has no area");
export type Rect = z.infer<typeof Rect>;

/**
 * `private`: a consultation booth; only the people inside hear each other, and nobody
 * outside hears them. `stage`: whoever speaks there is heard across the whole hall.
 */
export const Zone = z.object({
  id: Id,
  kind: z.enum(["private", "stage"]),
  label: z.string().max(40),
  rect: Rect,
});
export type Zone = z.infer<typeof Zone>;

/**
 * A surface finish whose texture the renderer generates in code (no image files): `accent`
 * is the second colour (grain, veins, chips, joints), `tile` how many metres one repeat of
 * the pattern covers.
 */
export const SurfaceMaterial = z.object({
  kind: z.enum(["plaster", "wood-planks", "wood-panels", "marble", "terrazzo", "carpet", "concrete", "tiles"]),
  color: Color,
  accent: Color,
  tile: z.number().positive().max(20),
  roughness: Unit,
  metalness: Unit.optional(),
});
export type SurfaceMaterial = z.infer<typeof SurfaceMaterial>;

export const Light = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("hemisphere"), sky: Color, ground: Color, intensity: z.number().min(0).max(20) }),
  /** Daylight from a direction: `from` is where the sun stands relative to the hall's centre. */
  z.object({ kind: z.literal("sun"), color: Color, intensity: z.number().min(0).max(20), from: Vec3, shadows: z.boolean() }),
  z.object({ kind: z.literal("spot"), color: Color, intensity: z.number().min(0).max(2000), at: Vec3, target: Vec3, angle: z.number().positive().max(Math.PI / 2), penumbra: Unit }),
  z.object({ kind: z.literal("point"), color: Color, intensity: z.number().min(0).max(2000), at: Vec3, distance: z.number().nonnegative().max(100) }),
]);
export type Light = z.infer<typeof Light>;

export const ProductModel = z.enum(["phone", "laptop", "tablet", "tv", "headphones", "watch", "speaker", "camera", "card", "atm", "safe", "house"]);
export type ProductModel = z.infer<typeof ProductModel>;

export const Product = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("procedural"), model: ProductModel, color: Color.optional() }),
  z.object({ kind: z.literal("glb"), url: LocalUrl, scale: z.number().positive().max(100).optional() }),
]);
export type Product = z.infer<typeof Product>;

/** A product on display: a stand at `at` whose front faces `rotation`, the product on top. */
export const Booth = z.object({
  id: Id,
  label: z.string().min(1).max(40),
  description: z.string().max(400),
  /** The knowledge-base article the concierge answers from about this product. */
  kbArticleId: Id,
  at: Vec2,
  rotation: Angle,
  /** The stand: footprint x (width) by z (depth), y its height, where the product sits. */
  size: Size3,
  stand: z.enum(["table", "plinth", "counter"]),
  product: Product,
});
export type Booth = z.infer<typeof Booth>;

/**
 * A flat rectangle people look at: a screen (video, screen share) or a whiteboard. `at` is
 * the floor point under its centre, `y` the centre's height; it faces `rotation`. `wall`
 * hangs it on a wall (no footprint), `stand` puts it on feet (an obstacle).
 */
export const Surface = z.object({
  id: Id,
  label: z.string().max(40).optional(),
  at: Vec2,
  y: z.number().positive().max(30),
  width: z.number().positive().max(30),
  /** width / height */
  aspect: z.number().min(0.2).max(5),
  rotation: Angle,
  mount: z.enum(["wall", "stand"]),
});
export type Surface = z.infer<typeof Surface>;

/** Where someone serving stands (`at`) and the way they face; the counter stands in front of them. */
export const ServicePost = z.object({ id: Id, label: z.string().max(40).optional(), at: Vec2, rotation: Angle });
export type ServicePost = z.infer<typeof ServicePost>;

export const Sign = z.object({
  text: z.string().min(1).max(40),
  /** A smaller second line. */
  subtitle: z.string().max(60).optional(),
  at: Vec2,
  y: z.number().positive().max(30),
  width: z.number().positive().max(30),
  height: z.number().positive().max(10),
  rotation: Angle,
  /** `wall`: a panel on a wall; `hanging`: double-sided, from the ceiling; `totem`: a free-standing pylon (an obstacle). */
  style: z.enum(["wall", "hanging", "totem"]),
  color: Color,
  textColor: Color,
});
export type Sign = z.infer<typeof Sign>;

/** A straight wall inside the hall, along x or along z (leave gaps for doors by writing two). */
export const Partition = z
  .object({ from: Vec2, to: Vec2, height: z.number().positive().max(30), kind: z.enum(["glass", "solid"]) })
  .refine((p) => (p.from.x === p.to.x) !== (p.from.z === p.to.z), "partition must run along x or along z");
export type Partition = z.infer<typeof Partition>;

/** Something people cannot walk through; `look` says how the hall dresses it (`none`: an invisible barrier). */
export const Obstacle = z.object({ rect: Rect, look: z.enum(["none", "pillar", "planter", "bench", "shelf", "table"]) });
export type Obstacle = z.infer<typeof Obstacle>;

const Block = z.object({ label: z.string().max(40).optional(), at: Vec2, size: Size3, color: Color });

export const SceneSchema = z
  .object({
    format: z.literal(SCENE_FORMAT_VERSION),
    id: Id,
    name: z.string().min(1).max(80),
    /** Where visitors may walk (metres, floor plane); the hall's walls stand on its edges. */
    bounds: Rect,
    wallHeight: z.number().positive().max(30),
    /** Where visitors appear: a random point within `radius` of the centre. */
    spawn: Vec2.extend({ radius: z.number().nonnegative().max(20) }),
    /** Further named places to appear at (for staff, or to jump to), facing `ry`. */
    spawnPoints: z.array(Vec2.extend({ id: Id, ry: Angle, radius: z.number().nonnegative().max(20) })).max(20),
    /** Base colours: the fog and background (`sky`), trims and accents, and the fallback floor and walls. */
    palette: z.object({ floor: Color, walls: Color, accent: Color, sky: Color }),
    materials: z.object({
      floor: SurfaceMaterial,
      walls: SurfaceMaterial,
      /** A feature finish for the back wall (the one at `minZ`, ahead of visitors as they come in). */
      backWall: SurfaceMaterial.optional(),
      ceiling: z.object({ color: Color, lightPanels: z.boolean() }).optional(),
      /** Other finishes on parts of the floor (a carpet under a lounge, a stone walkway). */
      areas: z.array(z.object({ rect: Rect, material: SurfaceMaterial })).max(20),
    }),
    lighting: z.object({
      /** Tone-mapping exposure. */
      exposure: z.number().min(0.1).max(4),
      /** Strength of the generated (offline) room reflections and ambient light. */
      environment: z.number().min(0).max(4),
      lights: z.array(Light).max(8),
    }),
    /** Simple free-standing blocks (counters, pillars) drawn in the hall; people walk round them. */
    blocks: z.array(Block).max(200),
    zones: z.array(Zone).max(100),
    booths: z.array(Booth).max(200),
    screens: z.array(Surface).max(30),
    whiteboards: z.array(Surface).max(30),
    agentDesks: z.array(ServicePost).max(40),
    /** Where the AI concierge stands, behind the reception counter. */
    reception: ServicePost.omit({ id: true }).optional(),
    signage: z.array(Sign).max(200),
    partitions: z.array(Partition).max(60),
    obstacles: z.array(Obstacle).max(400),
  })
  .superRefine((scene, ctx) => {
    for (const list of ["booths", "screens", "whiteboards", "agentDesks", "zones", "spawnPoints"] as const) {
      const seen = new Set<string>();
      for (const item of scene[list]) {
        if (seen.has(item.id)) ctx.addIssue({ code: "custom", path: [list], message: `duplicate id "${item.id}" in ${list}` });
        seen.add(item.id);
      }
    }
  });
export type Scene = z.infer<typeof SceneSchema>;

/** Validates a scene of the current format; use `loadScene` for stored scenes of any version. */
export function parseScene(input: unknown): Scene {
  return SceneSchema.parse(input);
}

export function inRect(rect: Rect, x: number, z: number): boolean {
  return x >= rect.minX && x <= rect.maxX && z >= rect.minZ && z <= rect.maxZ;
}

export function zoneAt(zones: readonly Zone[], x: number, z: number): Zone | undefined {
  return zones.find((zone) => inRect(zone.rect, x, z));
}

/** Clamp a floor position into the scene's walkable rectangle, keeping a margin for the avatar's body. */
export function clampToBounds(bounds: Rect, x: number, z: number, margin = 0.3): { x: number; z: number } {
  return {
    x: Math.min(bounds.maxX - margin, Math.max(bounds.minX + margin, x)),
    z: Math.min(bounds.maxZ - margin, Math.max(bounds.minZ + margin, z)),
  };
}
