import { describe, expect, it } from "vitest";
import { builtInScenes } from "./catalog.ts";
import { isWalkable, moveWithinScene } from "./collision.ts";
import { findPath, isClearWalk, pathLength } from "./path-finding.ts";
import type { Scene, Vec2 } from "./scene-format.ts";
import { boothFront, customerSpot, sceneObstacles } from "./scene-layout.ts";

const scenes = [...builtInScenes.values()];

/** Walks the path leg by leg as the server would take a page's moves, checking every 2 cm of it. */
function expectWalkable(scene: Scene, path: readonly Vec2[]): void {
  for (let i = 1; i < path.length; i++) {
    const [a, b] = [path[i - 1]!, path[i]!];
    const end = moveWithinScene(scene, a, b);
    expect(Math.hypot(end.x - b.x, end.z - b.z), `leg ${i} ${JSON.stringify(a)} → ${JSON.stringify(b)} is cut short`).toBeLessThan(1e-6);
    const n = Math.ceil(Math.hypot(b.x - a.x, b.z - a.z) / 0.02);
    for (let k = 0; k <= n; k++) {
      const p = { x: a.x + ((b.x - a.x) * k) / n, z: a.z + ((b.z - a.z) * k) / n };
      expect(isWalkable(scene, p), `leg ${i} crosses something at ${JSON.stringify(p)}`).toBe(true);
    }
  }
}

describe.each(scenes)("paths across $name", (scene) => {
  const starts: Vec2[] = [scene.spawn, customerSpot(scene.reception!, "reception"), ...scene.spawnPoints];

  it("exist from the entrance, the reception and the spawn points to the front of every booth, and never cross an obstacle or a wall", () => {
    for (const from of starts) {
      for (const booth of scene.booths) {
        const path = findPath(scene, from, boothFront(booth));
        expect(path, `${JSON.stringify(from)} → ${booth.id}`).toBeDefined();
        expect(path![0]).toEqual({ x: from.x, z: from.z });
        const last = path!.at(-1)!;
        expect(Math.hypot(last.x - boothFront(booth).x, last.z - boothFront(booth).z), booth.id).toBeLessThan(0.3);
        expectWalkable(scene, path!);
      }
    }
  });

  it("goes round what stands in the way and stays short: no longer than 1.6 × the straight line, and a few turns", () => {
    let detours = 0;
    for (const booth of scene.booths) {
      const to = boothFront(booth);
      const path = findPath(scene, scene.spawn, to)!;
      const straight = Math.hypot(to.x - scene.spawn.x, to.z - scene.spawn.z);
      if (!isClearWalk(scene, scene.spawn, to)) {
        detours++;
        expect(path.length, booth.id).toBeGreaterThan(2);
      }
      expect(pathLength(path), booth.id).toBeLessThanOrEqual(straight * 1.6 + 0.5);
      expect(path.length, booth.id).toBeLessThan(12);
    }
    // The demo halls are furnished: some booths cannot be walked to in a straight line.
    expect(detours).toBeGreaterThan(0);
  });

  it("is a straight walk (start and goal only) when nothing stands between", () => {
    const a = scene.spawn;
    const b = { x: scene.spawn.x + 0.8, z: scene.spawn.z };
    expect(findPath(scene, a, b)).toEqual([
      { x: a.x, z: a.z },
      { x: b.x, z: b.z },
    ]);
  });

  it("ends at the nearest standing spot when the goal is inside something", () => {
    const inside = sceneObstacles(scene)[0]!;
    const goal = { x: (inside.minX + inside.maxX) / 2, z: (inside.minZ + inside.maxZ) / 2 };
    const path = findPath(scene, scene.spawn, goal);
    expect(path).toBeDefined();
    expect(isWalkable(scene, path!.at(-1)!)).toBe(true);
    expectWalkable(scene, path!);
  });
});

describe("paths with no way through", () => {
  it("are undefined when a wall closes the goal off", () => {
    const base = builtInScenes.get("nova-electronics")!;
    // A sealed box of partitions around a spot in the middle of the floor.
    const box = { minX: -1, minZ: -1, maxX: 1, maxZ: 1 };
    const sealed: Scene = {
      ...base,
      partitions: [
        ...base.partitions,
        { from: { x: box.minX, z: box.minZ }, to: { x: box.maxX, z: box.minZ }, height: 3, kind: "solid" },
        { from: { x: box.minX, z: box.maxZ }, to: { x: box.maxX, z: box.maxZ }, height: 3, kind: "solid" },
        { from: { x: box.minX, z: box.minZ }, to: { x: box.minX, z: box.maxZ }, height: 3, kind: "solid" },
        { from: { x: box.maxX, z: box.minZ }, to: { x: box.maxX, z: box.maxZ }, height: 3, kind: "solid" },
      ],
    };
    expect(findPath(sealed, sealed.spawn, { x: 0, z: 0 })).toBeUndefined();
  });
});
