import { BODY_RADIUS, isWalkable, nearestWalkable } from "./collision.ts";
import { isClearWalk, segmentHitsRect } from "./path-finding.ts";
import { inRect, type Booth, type Obstacle, type Partition, type Rect, type Scene, type Sign, type Surface, type Vec2 } from "./scene-format.ts";
import { boothFront, counterOf, customerSpot, footprint, partitionRect, receptionBackdrop, surfaceStand, surfaceTransform, totemOf, type Box } from "./scene-layout.ts";

/**
 * What the scene studio tells a marketer about the hall they are editing: mistakes that break
 * it for visitors (errors) and things that are probably not what they meant (warnings). The
 * schema already says whether a scene is well-formed; these rules say whether it works as a
 * place: everything inside the walls, nothing standing in anything else, every product, screen
 * and counter within walking distance of the entrance, signs on walls and readable.
 */
export interface SceneIssue {
  severity: "error" | "warning";
  /** which entry: "booths/<id>", "screens/<id>", "whiteboards/<id>", "agentDesks/<id>", "reception", "spawn", "spawnPoints/<id>", "signage/<index>", "obstacles/<index>", "partitions/<index>", "zones/<id>" */
  target: string;
  code: string;
  message: { en: string; "zh-CN": string };
}

type Text = { en: string; "zh-CN": string };

/** How far past a wall an edge may sit and still count as flush with it (rounding, flush shelving). */
const WALL_SLACK = 0.01;
/** Two footprints that share less than this along either axis merely touch. */
const OVERLAP_SLACK = 0.01;
/** How far a spot people stand at may be moved to free floor before it no longer counts as that spot. */
const STAND_SHIFT = 0.5;
/** A wall-mounted thing this close to a wall's face hangs on it. */
const MOUNT_REACH = 0.2;
/** "In front of a screen within a few metres": how far out, and how far past its sides, a viewer may stand. */
const VIEW_DISTANCE = 4;
const VIEW_SIDE = 0.5;
/** Letters lower than this (metres) cannot be read from a few metres away. */
const MIN_TITLE = 0.08;
const MIN_SUBTITLE = 0.05;
/** The reachability grid's pitch, as path-finding's: finer than the gap between two booths. */
const STEP = 0.25;

export function checkScene(scene: Scene): SceneIssue[] {
  const issues: SceneIssue[] = [];
  const report = (severity: SceneIssue["severity"], target: string, code: string, message: Text) => issues.push({ severity, target, code, message });
  const entries = entriesOf(scene);

  checkIds(scene, report);
  // Something outside the hall is reported as that alone: its overlaps and reach follow from it.
  const outside = new Set<string>();
  for (const e of entries) {
    if (!e.points.some((p) => !insideBounds(scene.bounds, p))) continue;
    outside.add(e.target);
    report("error", e.target, "out-of-bounds", say(e.name, { en: "is outside the hall.", "zh-CN": "在展厅之外。" }));
  }
  const placed = entries.filter((e) => !outside.has(e.target));

  for (const e of placed) {
    if (e.body && crossesWall(scene.bounds, e.body)) report("error", e.target, "crosses-wall", say(e.name, { en: "overlaps the wall.", "zh-CN": "与墙体重叠。" }));
  }

  const solids = solidsOf(scene);
  checkBoothOverlaps(scene, solids, outside, report);
  checkSpawn(scene, solids, outside, report);
  checkReach(scene, outside, report);
  checkMounting(scene, placed, report);
  checkSignText(scene, report);

  return [...issues.filter((i) => i.severity === "error"), ...issues.filter((i) => i.severity === "warning")];
}

type Report = (severity: SceneIssue["severity"], target: string, code: string, message: Text) => void;

/** An entry as the rules see it: what to call it, the points that must be inside the hall, what it stands on. */
interface Entry {
  target: string;
  name: Text;
  points: Vec2[];
  /** The footprint that must stay inside the walls: booths, stands, totems, obstacles. */
  body?: Rect;
  /** Hangs on a wall: where, at what height (centre). */
  mounted?: { at: Vec2; y: number };
}

const boxRect = (b: Box): Rect => footprint(b.at, b.rotation, b.width, b.depth);
const centre = (r: Rect): Vec2 => ({ x: (r.minX + r.maxX) / 2, z: (r.minZ + r.maxZ) / 2 });

const names = {
  booth: (b: Booth): Text => ({ en: `the booth “${b.label}”`, "zh-CN": `展位“${b.label}”` }),
  screen: (s: Surface): Text => ({ en: `the screen “${s.label ?? s.id}”`, "zh-CN": `屏幕“${s.label ?? s.id}”` }),
  whiteboard: (s: Surface): Text => ({ en: `the whiteboard “${s.label ?? s.id}”`, "zh-CN": `白板“${s.label ?? s.id}”` }),
  desk: (d: { id: string; label?: string }): Text => ({ en: `the desk “${d.label ?? d.id}”`, "zh-CN": `坐席“${d.label ?? d.id}”` }),
  reception: { en: "the reception", "zh-CN": "接待台" } as Text,
  spawn: { en: "the entrance (where visitors appear)", "zh-CN": "入口（访客出现的位置）" } as Text,
  spawnPoint: (id: string): Text => ({ en: `the spawn point “${id}”`, "zh-CN": `出生点“${id}”` }),
  sign: (s: Sign): Text => ({ en: `the sign “${s.text}”`, "zh-CN": `标牌“${s.text}”` }),
  obstacle: (o: Obstacle): Text => obstacleNames[o.look],
  partition: (p: Partition): Text => (p.kind === "glass" ? { en: "the glass partition", "zh-CN": "玻璃隔断" } : { en: "the solid partition", "zh-CN": "实体隔墙" }),
  zone: (z: { label: string; id: string }): Text => ({ en: `the zone “${z.label || z.id}”`, "zh-CN": `区域“${z.label || z.id}”` }),
};

const obstacleNames: Record<Obstacle["look"], Text> = {
  none: { en: "the invisible barrier", "zh-CN": "隐形障碍" },
  pillar: { en: "the pillar", "zh-CN": "柱子" },
  planter: { en: "the planter", "zh-CN": "花槽" },
  bench: { en: "the bench", "zh-CN": "长椅" },
  shelf: { en: "the shelf", "zh-CN": "货架" },
  table: { en: "the table", "zh-CN": "桌子" },
};

/** A sentence: the entry's name, then what is wrong with it. */
function say(name: Text, rest: Text): Text {
  return { en: `${name.en[0]!.toUpperCase()}${name.en.slice(1)} ${rest.en}`, "zh-CN": `${name["zh-CN"]}${rest["zh-CN"]}` };
}

function entriesOf(scene: Scene): Entry[] {
  const surface = (kind: "screens" | "whiteboards") => (s: Surface): Entry => {
    const stand = surfaceStand(s);
    return {
      target: `${kind}/${s.id}`,
      name: kind === "screens" ? names.screen(s) : names.whiteboard(s),
      points: [s.at],
      body: stand && boxRect(stand),
      mounted: s.mount === "wall" ? { at: s.at, y: s.y } : undefined,
    };
  };
  return [
    ...scene.booths.map((b): Entry => ({ target: `booths/${b.id}`, name: names.booth(b), points: [b.at], body: footprint(b.at, b.rotation, b.size.x, b.size.z) })),
    ...scene.screens.map(surface("screens")),
    ...scene.whiteboards.map(surface("whiteboards")),
    ...scene.agentDesks.map((d): Entry => ({ target: `agentDesks/${d.id}`, name: names.desk(d), points: [d.at] })),
    ...(scene.reception ? [{ target: "reception", name: names.reception, points: [scene.reception.at] }] : []),
    { target: "spawn", name: names.spawn, points: [scene.spawn] },
    ...scene.spawnPoints.map((p): Entry => ({ target: `spawnPoints/${p.id}`, name: names.spawnPoint(p.id), points: [p] })),
    ...scene.signage.map((s, i): Entry => {
      const totem = totemOf(s);
      return { target: `signage/${i}`, name: names.sign(s), points: [s.at], body: totem && boxRect(totem), mounted: s.style === "wall" ? { at: s.at, y: s.y } : undefined };
    }),
    ...scene.obstacles.map((o, i): Entry => ({ target: `obstacles/${i}`, name: names.obstacle(o), points: [centre(o.rect)], body: o.rect })),
    ...scene.partitions.map((p, i): Entry => ({ target: `partitions/${i}`, name: names.partition(p), points: [p.from, p.to] })),
    ...scene.zones.map((z): Entry => ({ target: `zones/${z.id}`, name: names.zone(z), points: [centre(z.rect)] })),
  ];
}

function insideBounds(b: Rect, p: Vec2): boolean {
  return p.x >= b.minX - WALL_SLACK && p.x <= b.maxX + WALL_SLACK && p.z >= b.minZ - WALL_SLACK && p.z <= b.maxZ + WALL_SLACK;
}

function crossesWall(b: Rect, r: Rect): boolean {
  return r.minX < b.minX - WALL_SLACK || r.maxX > b.maxX + WALL_SLACK || r.minZ < b.minZ - WALL_SLACK || r.maxZ > b.maxZ + WALL_SLACK;
}

function overlap(a: Rect, b: Rect): boolean {
  return Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX) > OVERLAP_SLACK && Math.min(a.maxZ, b.maxZ) - Math.max(a.minZ, b.minZ) > OVERLAP_SLACK;
}

const idLists = [
  ["booths", { en: "booth", "zh-CN": "展位" }],
  ["screens", { en: "screen", "zh-CN": "屏幕" }],
  ["whiteboards", { en: "whiteboard", "zh-CN": "白板" }],
  ["agentDesks", { en: "desk", "zh-CN": "坐席" }],
  ["zones", { en: "zone", "zh-CN": "区域" }],
  ["spawnPoints", { en: "spawn point", "zh-CN": "出生点" }],
] as const;

/** Ids name entries in links and in the server's state: two alike and one of them is lost. */
function checkIds(scene: Scene, report: Report): void {
  for (const [list, kind] of idLists) {
    const seen = new Set<string>();
    for (const { id } of scene[list]) {
      if (seen.has(id)) report("error", `${list}/${id}`, "duplicate-id", { en: `Another ${kind.en} already has the id “${id}”.`, "zh-CN": `已有另一个${kind["zh-CN"]}使用 ID“${id}”。` });
      seen.add(id);
    }
  }
}

/** A solid footprint and what to call it when something stands in it. */
interface Solid {
  rect: Rect;
  name: Text;
  /** The booth's target, for booths (a booth does not overlap itself). */
  target?: string;
}

/** Every solid footprint, as `sceneObstacles` has them, each with a name. */
function solidsOf(scene: Scene): Solid[] {
  const desk = (d: { id: string; label?: string }): Text => ({ en: `the counter of ${names.desk(d).en}`, "zh-CN": `${names.desk(d)["zh-CN"]}的柜台` });
  const stand = (s: Surface, name: Text): Solid[] => {
    const box = surfaceStand(s);
    return box ? [{ rect: boxRect(box), name: { en: `the stand of ${name.en}`, "zh-CN": `${name["zh-CN"]}的支架` } }] : [];
  };
  return [
    ...scene.booths.map((b) => ({ rect: footprint(b.at, b.rotation, b.size.x, b.size.z), name: names.booth(b), target: `booths/${b.id}` })),
    ...scene.obstacles.map((o) => ({ rect: o.rect, name: names.obstacle(o) })),
    ...scene.blocks.map((b) => ({ rect: footprint(b.at, 0, b.size.x, b.size.z), name: { en: `the block “${b.label ?? ""}”`, "zh-CN": `方块“${b.label ?? ""}”` } })),
    ...scene.agentDesks.map((d) => ({ rect: boxRect(counterOf(d, "desk")), name: desk(d) })),
    ...(scene.reception
      ? [
          { rect: boxRect(counterOf(scene.reception, "reception")), name: { en: "the reception counter", "zh-CN": "接待台柜台" } },
          { rect: boxRect(receptionBackdrop(scene.reception)), name: { en: "the reception backdrop", "zh-CN": "接待台背景墙" } },
        ]
      : []),
    ...scene.screens.flatMap((s) => stand(s, names.screen(s))),
    ...scene.whiteboards.flatMap((s) => stand(s, names.whiteboard(s))),
    ...scene.signage.flatMap((s) => {
      const totem = totemOf(s);
      return totem ? [{ rect: boxRect(totem), name: names.sign(s) }] : [];
    }),
    ...scene.partitions.map((p) => ({ rect: partitionRect(p), name: names.partition(p) })),
  ];
}

/** A product standing in another, or in a shelf or a counter, is one the hall draws through the other. */
function checkBoothOverlaps(scene: Scene, solids: readonly Solid[], outside: ReadonlySet<string>, report: Report): void {
  for (const booth of solids.filter((s) => s.target && !outside.has(s.target))) {
    for (const other of solids) {
      if (other === booth || (other.target && outside.has(other.target)) || !overlap(booth.rect, other.rect)) continue;
      report("warning", booth.target!, "overlaps", say(booth.name, { en: `overlaps ${other.name.en}.`, "zh-CN": `与${other.name["zh-CN"]}重叠。` }));
    }
  }
}

/** Visitors appear at the spawn and staff at the spawn points: each must be floor a body fits on. */
function checkSpawn(scene: Scene, solids: readonly Solid[], outside: ReadonlySet<string>, report: Report): void {
  const points = [
    { target: "spawn", name: names.spawn, p: scene.spawn as Vec2 },
    ...scene.spawnPoints.map((s) => ({ target: `spawnPoints/${s.id}`, name: names.spawnPoint(s.id), p: s as Vec2 })),
  ];
  for (const { target, name, p } of points) {
    if (outside.has(target) || isWalkable(scene, p)) continue;
    const inside = solids.find((s) => inRect(s.rect, p.x, p.z));
    report(
      "error",
      target,
      "spawn-blocked",
      inside
        ? say(name, { en: `is inside ${inside.name.en}: people would appear stuck in it.`, "zh-CN": `位于${inside.name["zh-CN"]}内部：人物出现时会被卡住。` })
        : say(name, { en: "has no room to stand: it is too close to a wall or furniture.", "zh-CN": "没有站立空间：离墙或家具太近。" }),
    );
  }
}

/**
 * Who can get where: one flood fill over the floor from the entrance, then every product,
 * screen, board and counter asks it. A booth nobody reaches is a warning (the product is still
 * on show); a counter nobody reaches is an error (nobody can be served there).
 */
function checkReach(scene: Scene, outside: ReadonlySet<string>, report: Report): void {
  const reach = floorReachedFrom(scene, scene.spawn);
  if (!reach) return; // the entrance itself is reported; everything would be unreachable from it

  for (const booth of scene.booths) {
    const target = `booths/${booth.id}`;
    if (outside.has(target) || reach.canStandAt(boothFront(booth))) continue;
    const name = names.booth(booth);
    report("warning", target, "unreachable", { en: `Nobody can reach ${name.en}: there is no way on foot from the entrance to the spot in front of it.`, "zh-CN": `没有人能走到${name["zh-CN"]}前面：从入口步行无法到达。` });
  }

  const blockers = scene.partitions.filter((p) => p.kind === "solid");
  for (const kind of ["screens", "whiteboards"] as const) {
    for (const s of scene[kind]) {
      const target = `${kind}/${s.id}`;
      if (outside.has(target) || canBeSeen(s, reach, blockers)) continue;
      const name = kind === "screens" ? names.screen(s) : names.whiteboard(s);
      report("warning", target, "unreachable", { en: `Nobody can reach ${name.en}: no floor within ${VIEW_DISTANCE} m in front of it can be walked to from the entrance.`, "zh-CN": `没有人能走到${name["zh-CN"]}跟前：它前方 ${VIEW_DISTANCE} 米内没有可从入口步行到达的地面。` });
    }
  }

  const counterText = (name: Text): Text => ({ en: `Nobody can reach ${name.en}: customers cannot get to the spot in front of its counter.`, "zh-CN": `没有人能走到${name["zh-CN"]}：顾客无法到达柜台前的位置。` });
  for (const d of scene.agentDesks) {
    const target = `agentDesks/${d.id}`;
    if (!outside.has(target) && !reach.canStandAt(customerSpot(d, "desk"))) report("error", target, "unreachable", counterText(names.desk(d)));
  }
  if (scene.reception && !outside.has("reception") && !reach.canStandAt(customerSpot(scene.reception, "reception"))) report("error", "reception", "unreachable", counterText(names.reception));
}

interface Reach {
  /** Whether a body can get to `p`, or to free floor within a step of it, from where the fill began. */
  canStandAt(p: Vec2): boolean;
  /** Grid points reached, for looking over an area. */
  cells: Uint8Array;
  cols: number;
  rows: number;
  point(c: number, r: number): Vec2;
}

/**
 * The floor a body can walk to from `from`, on a 0.25 m grid of points where it fits. The pitch
 * is under a body's radius, so a body fits between any two neighbouring points that it fits on
 * (it cannot pass through what lies between them): neighbouring free points are connected.
 */
function floorReachedFrom(scene: Scene, from: Vec2): Reach | undefined {
  const start = isWalkable(scene, from) ? from : nearestWalkable(scene, from);
  if (!isWalkable(scene, start)) return undefined;
  const { bounds } = scene;
  const cols = Math.floor((bounds.maxX - bounds.minX) / STEP) + 1;
  const rows = Math.floor((bounds.maxZ - bounds.minZ) / STEP) + 1;
  const point = (c: number, r: number): Vec2 => ({ x: bounds.minX + c * STEP, z: bounds.minZ + r * STEP });
  const open = new Uint8Array(cols * rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) open[r * cols + c] = isWalkable(scene, point(c, r), BODY_RADIUS) ? 1 : 0;

  const cells = new Uint8Array(cols * rows);
  const queue: number[] = [];
  for (const i of nearbyCells(start, cols, rows, bounds)) {
    if (open[i] && isClearWalk(scene, start, point(i % cols, Math.floor(i / cols)))) {
      cells[i] = 1;
      queue.push(i);
    }
  }
  while (queue.length > 0) {
    const i = queue.pop()!;
    const c = i % cols;
    const r = Math.floor(i / cols);
    for (const [nc, nr] of [
      [c + 1, r],
      [c - 1, r],
      [c, r + 1],
      [c, r - 1],
    ] as const) {
      if (nc < 0 || nr < 0 || nc >= cols || nr >= rows) continue;
      const n = nr * cols + nc;
      if (!open[n] || cells[n]) continue;
      cells[n] = 1;
      queue.push(n);
    }
  }

  return {
    cells,
    cols,
    rows,
    point,
    canStandAt(p) {
      const spot = isWalkable(scene, p) ? p : nearestWalkable(scene, p);
      if (!isWalkable(scene, spot) || Math.hypot(spot.x - p.x, spot.z - p.z) > STAND_SHIFT) return false;
      return nearbyCells(spot, cols, rows, bounds).some((i) => cells[i] === 1 && isClearWalk(scene, point(i % cols, Math.floor(i / cols)), spot));
    },
  };
}

/** Grid cells within two steps of `p`, nearest first. */
function nearbyCells(p: Vec2, cols: number, rows: number, bounds: Rect): number[] {
  const c0 = Math.round((p.x - bounds.minX) / STEP);
  const r0 = Math.round((p.z - bounds.minZ) / STEP);
  const found: { i: number; d: number }[] = [];
  for (let dr = -2; dr <= 2; dr++) {
    for (let dc = -2; dc <= 2; dc++) {
      const c = c0 + dc;
      const r = r0 + dr;
      if (c >= 0 && r >= 0 && c < cols && r < rows) found.push({ i: r * cols + c, d: dc * dc + dr * dr });
    }
  }
  return found.sort((a, b) => a.d - b.d).map((f) => f.i);
}

/** Some reached floor in front of the surface, within a few metres, with no solid wall in between. */
function canBeSeen(surface: Surface, reach: Reach, blockers: readonly Partition[]): boolean {
  const { normal, width } = surfaceTransform(surface);
  const side = { x: normal.z, z: -normal.x };
  const halfSide = width / 2 + VIEW_SIDE;
  const walls = blockers.filter((p) => p.height >= surface.y).map(partitionRect);
  for (let r = 0; r < reach.rows; r++) {
    for (let c = 0; c < reach.cols; c++) {
      if (!reach.cells[r * reach.cols + c]) continue;
      const q = reach.point(c, r);
      const dx = q.x - surface.at.x;
      const dz = q.z - surface.at.z;
      const ahead = dx * normal.x + dz * normal.z;
      if (ahead <= 0 || ahead > VIEW_DISTANCE || Math.abs(dx * side.x + dz * side.z) > halfSide) continue;
      if (walls.every((w) => !segmentHitsRect(q, surface.at, w))) return true;
    }
  }
  return false;
}


/** What a wall-mounted thing can hang on: the hall's walls, partitions, shelving, pillars, tall blocks, the reception's backdrop. */
function checkMounting(scene: Scene, placed: readonly Entry[], report: Report): void {
  const supports: { rect: Rect; height: number }[] = [
    ...scene.partitions.map((p) => ({ rect: partitionRect(p), height: p.height })),
    // Obstacles have no height in the format; shelving and pillars are dressed tall.
    ...scene.obstacles.filter((o) => o.look === "shelf" || o.look === "pillar").map((o) => ({ rect: o.rect, height: scene.wallHeight })),
    ...scene.blocks.map((b) => ({ rect: footprint(b.at, 0, b.size.x, b.size.z), height: b.size.y })),
    ...(scene.reception ? [receptionBackdrop(scene.reception)].map((b) => ({ rect: boxRect(b), height: b.height })) : []),
  ];
  const { bounds } = scene;
  for (const e of placed) {
    if (!e.mounted) continue;
    const { at, y } = e.mounted;
    const onHallWall = y <= scene.wallHeight && Math.min(at.x - bounds.minX, bounds.maxX - at.x, at.z - bounds.minZ, bounds.maxZ - at.z) <= MOUNT_REACH;
    if (onHallWall || supports.some((s) => y <= s.height && pointToRect(at, s.rect) <= MOUNT_REACH)) continue;
    report("warning", e.target, "floating", say(e.name, { en: "floats in the air: it is wall-mounted but not on a wall.", "zh-CN": "悬在半空：它设为挂墙，却不在任何墙上。" }));
  }
}

function pointToRect(p: Vec2, r: Rect): number {
  return Math.hypot(p.x - Math.min(r.maxX, Math.max(r.minX, p.x)), p.z - Math.min(r.maxZ, Math.max(r.minZ, p.z)));
}

/** The hall shrinks a line until it fits its panel; too long a line comes out too small to read. */
function checkSignText(scene: Scene, report: Report): void {
  scene.signage.forEach((sign, i) => {
    const { title, subtitle } = letterHeights(sign);
    const tooSmall = title < MIN_TITLE ? title : subtitle !== undefined && subtitle < MIN_SUBTITLE ? subtitle : undefined;
    if (tooSmall === undefined) return;
    const cm = Math.max(0, Math.round(tooSmall * 100));
    report("warning", `signage/${i}`, "text-too-long", { en: `The text of ${names.sign(sign).en} does not fit: its letters would be about ${cm} cm high.`, "zh-CN": `${names.sign(sign)["zh-CN"]}的文字放不下：字高只有约 ${cm} 厘米。` });
  });
}

/**
 * Roughly how high the hall's sign drawing (`app/_components/scene/sign-atlas.ts`) sets a
 * sign's lines, in metres: each at most a share of the panel's height (of its width on a
 * totem) and shrunk until it fits the width less a margin. A totem's subtitle wraps instead;
 * one that runs off the bottom counts as 0.
 */
function letterHeights(sign: Pick<Sign, "text" | "subtitle" | "width" | "height" | "style">): { title: number; subtitle?: number } {
  const { width: w, height: h } = sign;
  const room = w - 2 * 0.12 * Math.min(w, h);
  const fit = (text: string, max: number) => Math.min(max, room / ems(text));
  if (sign.style === "totem") {
    const title = fit(sign.text, w * 0.3);
    if (!sign.subtitle) return { title };
    const size = title * 0.42;
    const lines = Math.ceil((ems(sign.subtitle) * size) / room);
    const bottom = h * 0.2 + title * 1.2 + lines * size * 1.3;
    return { title, subtitle: lines <= 6 && bottom <= h ? size : 0 };
  }
  if (!sign.subtitle) return { title: fit(sign.text, h * 0.56) };
  return { title: fit(sign.text, h * 0.44), subtitle: fit(sign.subtitle, h * 0.2) };
}

/** A line's width in font sizes: Chinese characters are square, Latin letters a little over half as wide. */
function ems(text: string): number {
  let n = 0;
  for (const ch of text) n += /\s/.test(ch) ? 0.3 : ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.6;
  return Math.max(n, 0.6);
}
