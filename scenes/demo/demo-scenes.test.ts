import { describe, expect, it } from "vitest";
// The browser tests' walk plan, checked here against the scene they walk in.
import { demoWalks } from "../../e2e/support/demo-walks.ts";
import { builtInScenes } from "../catalog.ts";
import { isWalkable, moveWithinScene } from "../collision.ts";
import { zoneAt, type Scene, type Vec2 } from "../scene-format.ts";
import { boothFront, customerSpot, sceneObstacles } from "../scene-layout.ts";
import { meridianBank } from "./meridian-bank.ts";
import { novaElectronics } from "./nova-electronics.ts";

const HEARING_RADIUS = 12; // game-server's Limits.hearingRadius; scenes/ does not import game-server

/** Spots on the floor a visitor can reach from the entrance, on a 0.25 m grid. */
function reachable(scene: Scene): (p: Vec2) => boolean {
  const step = 0.25;
  const { bounds } = scene;
  const cols = Math.floor((bounds.maxX - bounds.minX) / step) + 1;
  const rows = Math.floor((bounds.maxZ - bounds.minZ) / step) + 1;
  const seen = new Uint8Array(cols * rows);
  const cell = (p: Vec2) => [Math.round((p.x - bounds.minX) / step), Math.round((p.z - bounds.minZ) / step)] as const;
  const at = (c: number, r: number) => ({ x: bounds.minX + c * step, z: bounds.minZ + r * step });
  const [c0, r0] = cell(scene.spawn);
  const queue = [[c0, r0] as const];
  seen[r0 * cols + c0] = 1;
  while (queue.length) {
    const [c, r] = queue.pop()!;
    for (const [dc, dr] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
      const [nc, nr] = [c + dc, r + dr];
      if (nc < 0 || nr < 0 || nc >= cols || nr >= rows || seen[nr * cols + nc]) continue;
      // A step counts when the body gets all the way, not merely slides somewhere.
      const to = at(nc, nr);
      const end = moveWithinScene(scene, at(c, r), to);
      if (Math.hypot(end.x - to.x, end.z - to.z) > 1e-6) continue;
      seen[nr * cols + nc] = 1;
      queue.push([nc, nr]);
    }
  }
  return (p) => {
    const [c, r] = cell(p);
    // The nearest grid points around a spot; one of them reached is close enough to stand there.
    return [0, 1, -1].some((dc) => [0, 1, -1].some((dr) => seen[(r + dr) * cols + (c + dc)] === 1));
  };
}

describe.each([novaElectronics, meridianBank])("demo scene $name", (scene) => {
  it("is a valid scene of the current format and ships in the catalog", () => {
    expect(builtInScenes.get(scene.id)).toEqual(scene);
  });

  it("has what a showroom needs: concierge, products, screens, boards, desks, a private room and a stage", () => {
    expect(scene.reception).toBeDefined();
    expect(scene.booths.filter((b) => b.product.kind === "procedural").length).toBeGreaterThanOrEqual(4);
    for (const booth of scene.booths) {
      expect(booth.description.length, booth.id).toBeGreaterThan(20);
      expect(booth.kbArticleId).toMatch(/^kb-/);
    }
    expect(scene.screens.length).toBeGreaterThanOrEqual(1);
    expect(scene.whiteboards.length).toBeGreaterThanOrEqual(1);
    expect(scene.agentDesks.length).toBeGreaterThanOrEqual(2);
    expect(scene.zones.some((z) => z.kind === "private")).toBe(true);
    expect(scene.zones.some((z) => z.kind === "stage")).toBe(true);
    expect(scene.signage.length).toBeGreaterThanOrEqual(4);
  });

  it("lets every visitor in: the whole spawn circle is open floor", () => {
    const { x, z, radius } = scene.spawn;
    for (let i = 0; i < 16; i++) {
      const a = (i / 16) * Math.PI * 2;
      expect(isWalkable(scene, { x: x + Math.cos(a) * radius, z: z + Math.sin(a) * radius })).toBe(true);
    }
    for (const p of scene.spawnPoints) expect(isWalkable(scene, p), p.id).toBe(true);
  });

  it("lets a visitor walk from the entrance to every product, the concierge, every desk and into every room", () => {
    const canReach = reachable(scene);
    for (const booth of scene.booths) expect(canReach(boothFront(booth)), booth.id).toBe(true);
    expect(canReach(customerSpot(scene.reception!, "reception")), "reception").toBe(true);
    for (const desk of scene.agentDesks) expect(canReach(customerSpot(desk, "desk")), desk.id).toBe(true);
    for (const zone of scene.zones) {
      const { minX, minZ, maxX, maxZ } = zone.rect;
      const inside: Vec2[] = [];
      for (let x = minX + 0.5; x < maxX; x += 0.5) for (let z = minZ + 0.5; z < maxZ; z += 0.5) if (isWalkable(scene, { x, z })) inside.push({ x, z });
      expect(inside.some(canReach), zone.id).toBe(true);
    }
  });

  it("keeps the staff behind their counters: the concierge and agents stand on open floor", () => {
    expect(isWalkable(scene, scene.reception!.at)).toBe(true);
    for (const desk of scene.agentDesks) expect(isWalkable(scene, desk.at), desk.id).toBe(true);
  });

  it("keeps every obstacle inside the hall", () => {
    const { bounds } = scene;
    for (const r of sceneObstacles(scene)) {
      expect(r.minX).toBeGreaterThanOrEqual(bounds.minX - 0.06);
      expect(r.maxX).toBeLessThanOrEqual(bounds.maxX + 0.06);
      expect(r.minZ).toBeGreaterThanOrEqual(bounds.minZ - 0.06);
      expect(r.maxZ).toBeLessThanOrEqual(bounds.maxZ + 0.06);
    }
  });
});

describe("the demo hall's browser-test walks", () => {
  const scene = novaElectronics;
  const clear = (from: Vec2, to: Vec2) => {
    const end = moveWithinScene(scene, from, to);
    return Math.hypot(end.x - to.x, end.z - to.z) < 1e-6;
  };
  const spawnSpots = [scene.spawn, ...Array.from({ length: 12 }, (_, i) => ({ x: scene.spawn.x + Math.cos(i) * scene.spawn.radius, z: scene.spawn.z + Math.sin(i) * scene.spawn.radius }))];
  const { start, cFar, cBack, booth } = demoWalks;

  it("are straight walks free of obstacles, from anywhere a visitor can appear", () => {
    for (const from of spawnSpots) for (const to of Object.values(start)) expect(clear(from, to), `${JSON.stringify(from)} → ${JSON.stringify(to)}`).toBe(true);
    expect(clear(start.c, cFar)).toBe(true);
    expect(clear(cFar, cBack)).toBe(true);
    expect(clear(start.b, booth.b)).toBe(true);
    expect(clear(cBack, booth.c)).toBe(true);
    expect(clear(start.a, booth.aOutside)).toBe(true);
  });

  it("put people where the hearing tests expect them", () => {
    const distance = (p: Vec2, q: Vec2) => Math.hypot(p.x - q.x, p.z - q.z);
    expect(distance(start.a, start.c)).toBeGreaterThan(6 * distance(start.a, start.b));
    expect(distance(start.a, start.c)).toBeLessThan(HEARING_RADIUS);
    expect(distance(start.a, cFar)).toBeGreaterThan(HEARING_RADIUS + 2);
    expect(distance(start.a, cBack)).toBeLessThan(HEARING_RADIUS);
    expect(zoneAt(scene.zones, booth.b.x, booth.b.z)?.id).toBe("booth-1");
    expect(zoneAt(scene.zones, booth.c.x, booth.c.z)?.id).toBe("booth-1");
    expect(zoneAt(scene.zones, booth.aOutside.x, booth.aOutside.z)).toBeUndefined();
    expect(distance(booth.aOutside, booth.b)).toBeLessThan(2);
    // Nobody waits on the stage, which would carry their voice hall-wide.
    for (const p of [...Object.values(start), cFar, cBack]) expect(zoneAt(scene.zones, p.x, p.z)).toBeUndefined();
  });

  it("leave the aisle ahead of the entrance open for a visitor who just walks forward", () => {
    // The two-visitor test holds W for two seconds from the spawn, facing the back wall.
    for (const from of spawnSpots) expect(clear(from, { x: from.x, z: from.z - 6.5 })).toBe(true);
  });
});
