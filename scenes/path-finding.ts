import { BODY_RADIUS, isWalkable, moveWithinScene, nearestWalkable } from "./collision.ts";
import type { Rect, Scene, Vec2 } from "./scene-format.ts";
import { sceneObstacles } from "./scene-layout.ts";

/**
 * Ways across a scene's floor for a walking body ("take me there"): A* over a grid of the spots
 * where a body can stand (`collision.ts`'s rule), then shortened to the few corners a person
 * would turn at. Every leg of a path is a straight walk that `moveWithinScene` — the rule the
 * server applies to each move — lets a body finish, so a page walking it is never stopped.
 */

/** Grid pitch, metres: fine enough for the 1 m gaps between booths, coarse enough to be quick. */
const STEP = 0.25;
/** A little more than a body, so a path keeps off the edges it passes instead of grazing them. */
const CLEARANCE = BODY_RADIUS + 0.05;

interface Grid {
  cols: number;
  rows: number;
  open: Uint8Array;
  minX: number;
  minZ: number;
}

const grids = new WeakMap<Scene, Grid>();

function gridOf(scene: Scene): Grid {
  let grid = grids.get(scene);
  if (grid) return grid;
  const { bounds } = scene;
  const cols = Math.floor((bounds.maxX - bounds.minX) / STEP) + 1;
  const rows = Math.floor((bounds.maxZ - bounds.minZ) / STEP) + 1;
  const open = new Uint8Array(cols * rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) open[r * cols + c] = isWalkable(scene, { x: bounds.minX + c * STEP, z: bounds.minZ + r * STEP }, CLEARANCE) ? 1 : 0;
  grid = { cols, rows, open, minX: bounds.minX, minZ: bounds.minZ };
  grids.set(scene, grid);
  return grid;
}

/**
 * True when a body walks straight from `a` to `b` touching nothing: the server's own rule takes
 * it all the way (no slide), and the line keeps `radius` from every obstacle (exactly, not by
 * samples) and from the walls.
 */
export function isClearWalk(scene: Scene, a: Vec2, b: Vec2, radius = BODY_RADIUS): boolean {
  if (!isWalkable(scene, a, radius) || !isWalkable(scene, b, radius)) return false;
  const end = moveWithinScene(scene, a, b, radius);
  if (Math.hypot(end.x - b.x, end.z - b.z) > 1e-6) return false;
  // The walls: both ends inside the walkable rectangle keep the whole line inside it (convex).
  return sceneObstacles(scene).every((r) => segmentToRect(a, b, r) >= radius - 1e-6);
}

/** The distance between a segment and a rectangle (0 when they meet). */
function segmentToRect(a: Vec2, b: Vec2, r: Rect): number {
  if (segmentHitsRect(a, b, r)) return 0;
  // Apart, the closest pair has an end of one of them: a segment end, or a corner of the rectangle.
  const corners = [
    { x: r.minX, z: r.minZ },
    { x: r.maxX, z: r.minZ },
    { x: r.maxX, z: r.maxZ },
    { x: r.minX, z: r.maxZ },
  ];
  return Math.min(pointToRect(a, r), pointToRect(b, r), ...corners.map((c) => pointToSegment(c, a, b)));
}

function pointToRect(p: Vec2, r: Rect): number {
  return Math.hypot(p.x - Math.min(r.maxX, Math.max(r.minX, p.x)), p.z - Math.min(r.maxZ, Math.max(r.minZ, p.z)));
}

function pointToSegment(p: Vec2, a: Vec2, b: Vec2): number {
  const dx = b.x - a.x;
  const dz = b.z - a.z;
  const len2 = dx * dx + dz * dz;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.z - a.z) * dz) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.z - (a.z + t * dz));
}

/** Liang–Barsky: whether the segment passes through the rectangle. */
export function segmentHitsRect(a: Vec2, b: Vec2, r: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dz = b.z - a.z;
  for (const [p, q] of [
    [-dx, a.x - r.minX],
    [dx, r.maxX - a.x],
    [-dz, a.z - r.minZ],
    [dz, r.maxZ - a.z],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

export function pathLength(path: readonly Vec2[]): number {
  let metres = 0;
  for (let i = 1; i < path.length; i++) metres += Math.hypot(path[i]!.x - path[i - 1]!.x, path[i]!.z - path[i - 1]!.z);
  return metres;
}

/**
 * The way from `from` to `to` as waypoints, `from` first and the goal last (a goal inside
 * something is moved to the nearest spot a body can stand); undefined when no way exists.
 */
export function findPath(scene: Scene, from: Vec2, to: Vec2): Vec2[] | undefined {
  const start = isWalkable(scene, from) ? { x: from.x, z: from.z } : nearestWalkable(scene, from);
  const goal = isWalkable(scene, to) ? { x: to.x, z: to.z } : nearestWalkable(scene, to);
  if (isClearWalk(scene, start, goal)) return dedupe([start, goal]);
  const grid = gridOf(scene);
  const startCell = entryCell(scene, grid, start);
  const goalCell = entryCell(scene, grid, goal);
  if (startCell === undefined || goalCell === undefined) return undefined;
  const cells = aStar(grid, startCell, goalCell);
  if (!cells) return undefined;
  return dedupe(shorten(scene, [start, ...cells.map((i) => cellPoint(grid, i)), goal]));
}

function cellPoint(grid: Grid, i: number): Vec2 {
  return { x: grid.minX + (i % grid.cols) * STEP, z: grid.minZ + Math.floor(i / grid.cols) * STEP };
}

/** The nearest open cell that a body at `p` can walk straight to (searched outwards ring by ring). */
function entryCell(scene: Scene, grid: Grid, p: Vec2): number | undefined {
  const c0 = Math.round((p.x - grid.minX) / STEP);
  const r0 = Math.round((p.z - grid.minZ) / STEP);
  for (let ring = 0; ring <= 8; ring++) {
    let best: number | undefined;
    let bestD = Infinity;
    for (let dr = -ring; dr <= ring; dr++) {
      for (let dc = -ring; dc <= ring; dc++) {
        if (Math.max(Math.abs(dr), Math.abs(dc)) !== ring) continue;
        const c = c0 + dc;
        const r = r0 + dr;
        if (c < 0 || r < 0 || c >= grid.cols || r >= grid.rows || !grid.open[r * grid.cols + c]) continue;
        const q = cellPoint(grid, r * grid.cols + c);
        const d = Math.hypot(q.x - p.x, q.z - p.z);
        if (d < bestD && isClearWalk(scene, p, q)) [best, bestD] = [r * grid.cols + c, d];
      }
    }
    if (best !== undefined) return best;
  }
  return undefined;
}

const NEIGHBOURS = [
  [1, 0, 1],
  [-1, 0, 1],
  [0, 1, 1],
  [0, -1, 1],
  [1, 1, Math.SQRT2],
  [1, -1, Math.SQRT2],
  [-1, 1, Math.SQRT2],
  [-1, -1, Math.SQRT2],
] as const;

/** A* with 8 neighbours (a diagonal only where both sides are open: no cutting corners). */
function aStar(grid: Grid, start: number, goal: number): number[] | undefined {
  const { cols, rows, open } = grid;
  const g = new Float64Array(cols * rows).fill(Infinity);
  const came = new Int32Array(cols * rows).fill(-1);
  const closed = new Uint8Array(cols * rows);
  const gc = goal % cols;
  const gr = Math.floor(goal / cols);
  const h = (i: number) => {
    const dc = Math.abs((i % cols) - gc);
    const dr = Math.abs(Math.floor(i / cols) - gr);
    return Math.max(dc, dr) + (Math.SQRT2 - 1) * Math.min(dc, dr); // octile distance
  };
  const heap = new MinHeap();
  g[start] = 0;
  heap.push(start, h(start));
  while (heap.size > 0) {
    const i = heap.pop();
    if (i === goal) {
      const cells = [i];
      for (let j = came[i]!; j !== -1; j = came[j]!) cells.push(j);
      return cells.reverse();
    }
    if (closed[i]) continue;
    closed[i] = 1;
    const c = i % cols;
    const r = Math.floor(i / cols);
    for (const [dc, dr, cost] of NEIGHBOURS) {
      const nc = c + dc;
      const nr = r + dr;
      if (nc < 0 || nr < 0 || nc >= cols || nr >= rows) continue;
      const n = nr * cols + nc;
      if (!open[n] || closed[n]) continue;
      if (dc !== 0 && dr !== 0 && (!open[r * cols + nc] || !open[nr * cols + c])) continue;
      const tentative = g[i]! + cost;
      if (tentative >= g[n]!) continue;
      g[n] = tentative;
      came[n] = i;
      heap.push(n, tentative + h(n));
    }
  }
  return undefined;
}

/**
 * String pulling: from each corner, walk on past the next waypoints while a straight line to
 * them stays clear, and turn only where it no longer does (linear in the path's length).
 */
function shorten(scene: Scene, points: Vec2[]): Vec2[] {
  const out = [points[0]!];
  let i = 0;
  while (i < points.length - 1) {
    let j = i + 1;
    while (j + 1 < points.length && isClearWalk(scene, points[i]!, points[j + 1]!)) j++;
    out.push(points[j]!);
    i = j;
  }
  return out;
}

function dedupe(points: Vec2[]): Vec2[] {
  return points.filter((p, i) => i === 0 || Math.hypot(p.x - points[i - 1]!.x, p.z - points[i - 1]!.z) > 1e-6);
}

/** A binary min-heap of cell indices by priority. */
class MinHeap {
  readonly #items: number[] = [];
  readonly #keys: number[] = [];

  get size(): number {
    return this.#items.length;
  }

  push(item: number, key: number): void {
    const items = this.#items;
    const keys = this.#keys;
    let i = items.length;
    items.push(item);
    keys.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      items[i] = items[parent]!;
      keys[i] = keys[parent]!;
      i = parent;
    }
    items[i] = item;
    keys[i] = key;
  }

  pop(): number {
    const items = this.#items;
    const keys = this.#keys;
    const top = items[0]!;
    const lastItem = items.pop()!;
    const lastKey = keys.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= items.length) break;
        const r = l + 1;
        const child = r < items.length && keys[r]! < keys[l]! ? r : l;
        if (keys[child]! >= lastKey) break;
        items[i] = items[child]!;
        keys[i] = keys[child]!;
        i = child;
      }
      items[i] = lastItem;
      keys[i] = lastKey;
    }
    return top;
  }
}
