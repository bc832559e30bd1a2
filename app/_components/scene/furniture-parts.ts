"use client";
import { CylinderGeometry, IcosahedronGeometry, PlaneGeometry } from "three";
import type { Booth, Obstacle, Partition, Rect, Scene, Zone } from "../../../scenes/scene-format.ts";
import { counterOf, receptionBackdrop, rectExtent, type Box } from "../../../scenes/scene-layout.ts";
import { hashSeed, seededRandom } from "../../../avatars/seed-hash.ts";
import { box, cyl, productModels, rbox } from "./product-models.ts";
import { atlasKey, type AtlasRect, type SignAtlas } from "./sign-atlas.ts";
import type { Parts } from "./static-batch.ts";
import { shade } from "./surface-textures.ts";

/**
 * The furniture a scene's data implies, written into the static batch: booths (stand,
 * product, header, card), the reception and agents' counters, obstacles dressed by their
 * `look`, partitions, the stage and the outline of private rooms, each with a soft contact
 * shadow so it sits on the floor even where real shadows are off.
 */
export function addFurniture(parts: Parts, scene: Scene, atlas: SignAtlas): void {
  for (const booth of scene.booths) addBooth(parts, scene, booth, atlas);
  if (scene.reception) addReception(parts, scene, atlas);
  for (const desk of scene.agentDesks) {
    const counter = counterOf(desk, "desk");
    const f = frameOf(parts, counter);
    const { width: w, depth: d, height: h } = counter;
    f.add("satin", "#f4f4f2", box(w, h - 0.04, d), [0, (h - 0.04) / 2, 0]);
    f.add("wood", "#d9b48a", box(w + 0.06, 0.04, d + 0.06), [0, h - 0.02, 0]);
    f.add("satin", scene.palette.accent, box(w + 0.002, 0.08, d + 0.002), [0, 0.2, 0]);
    f.add("sign", "#ffffff", atlasQuad(1.2, 0.2, atlas.rect(atlasKey.desk(desk.id))), [0, h - 0.26, d / 2 + 0.002]);
    // The agent's monitor faces them; its back is what the customer sees.
    const screen = f.frame([0.25, h, -0.12], [0, Math.PI + 0.2, 0]);
    screen.add("metal", "#c9ccd1", box(0.2, 0.01, 0.15), [0, 0.005, 0]);
    screen.add("metal", "#c9ccd1", box(0.04, 0.2, 0.02), [0, 0.1, -0.03]);
    screen.add("gloss", "#1c1e22", box(0.56, 0.34, 0.025), [0, 0.34, 0]);
    screen.add("glow", "#dfe9f5", new PlaneGeometry(0.53, 0.31), [0, 0.34, 0.013]);
    blob(parts, counter.at.x, counter.at.z, w + 0.5, d + 0.5, counter.rotation);
  }
  for (const o of scene.obstacles) addObstacle(parts, scene, o);
  for (const p of scene.partitions) addPartition(parts, scene, p);
  for (const zone of scene.zones) addZone(parts, scene, zone);
}

function addBooth(parts: Parts, scene: Scene, booth: Booth, atlas: SignAtlas): void {
  const { x: w, y: h, z: d } = booth.size;
  const f = parts.frame([booth.at.x, 0, booth.at.z], [0, booth.rotation, 0]);
  if (booth.stand === "table") {
    f.add("wood", "#e2c29c", box(w, 0.05, d), [0, h - 0.025, 0]);
    f.add("satin", "#f6f6f4", box(w - 0.16, h - 0.11, d - 0.16), [0, (h - 0.05) / 2 + 0.03, 0]);
    f.add("matte", "#2a2c30", box(w - 0.22, 0.06, d - 0.22), [0, 0.03, 0]);
    f.add("glow", shade(scene.palette.accent, 0.3), box(w - 0.2, 0.012, 0.012), [0, h - 0.065, d / 2 - 0.085]);
  } else if (booth.stand === "plinth") {
    f.add("satin", "#f4f3f0", box(w, h - 0.03, d), [0, (h - 0.03) / 2, 0]);
    f.add("gloss", "#1d1f23", box(w + 0.02, 0.03, d + 0.02), [0, h - 0.015, 0]);
    if (h > 0.2) f.add("glow", shade(scene.palette.accent, 0.3), box(w + 0.004, 0.012, d + 0.004), [0, 0.06, 0]);
  } else {
    f.add("wood", "#5a3d2b", box(w, h - 0.03, d), [0, (h - 0.03) / 2, 0]);
    f.add("gloss", "#16181b", box(w + 0.02, 0.03, d + 0.02), [0, h - 0.015, 0]);
  }
  if (h > 0.3) {
    const cardW = Math.min(0.9, w * 0.8);
    const cardH = Math.min(0.45, h * 0.6);
    const inset = booth.stand === "table" ? 0.08 : 0;
    f.add("sign", "#ffffff", atlasQuad(cardW, cardH, atlas.rect(atlasKey.boothCard(booth.id))), [0, h * 0.52, d / 2 - inset + 0.003]);
  }
  if (booth.product.kind === "procedural") productModels[booth.product.model](f.frame([0, h, 0]), booth.product.color ?? "#3a3d42");
  // A header panel hung from the ceiling over the stand, readable from both sides.
  const header = f.frame([0, 2.75, 0]);
  const hw = Math.min(1.8, w + 0.5);
  header.add("satin", scene.palette.accent, box(hw, 0.42, 0.04));
  header.add("sign", "#ffffff", atlasQuad(hw, 0.42, atlas.rect(atlasKey.boothHeader(booth.id))), [0, 0, 0.021]);
  header.add("sign", "#ffffff", atlasQuad(hw, 0.42, atlas.rect(atlasKey.boothHeader(booth.id))), [0, 0, -0.021], [0, Math.PI, 0]);
  wires(header, hw * 0.7, 0.21, scene.wallHeight - 2.75);
  blob(parts, booth.at.x, booth.at.z, w + 0.6, d + 0.6, booth.rotation);
}

function addReception(parts: Parts, scene: Scene, atlas: SignAtlas): void {
  const post = scene.reception!;
  const counter = counterOf(post, "reception");
  const { width: w, depth: d, height: h } = counter;
  const accent = scene.palette.accent;
  const f = frameOf(parts, counter);
  f.add("satin", "#f7f6f3", rbox(w, h - 0.05, d, 0.04), [0, (h - 0.05) / 2, 0]);
  f.add("gloss", "#22262b", box(w + 0.12, 0.05, d + 0.12), [0, h - 0.025, 0]);
  f.add("satin", accent, box(w + 0.004, 0.32, 0.02), [0, h - 0.3, d / 2 + 0.004]);
  f.add("sign", "#ffffff", atlasQuad(2.4, 0.3, atlas.rect(atlasKey.reception)), [0, h - 0.3, d / 2 + 0.016]);
  f.add("glow", shade(accent, 0.5), box(w - 0.1, 0.015, 0.015), [0, 0.08, d / 2 + 0.01]);
  // A low shelf on the concierge's side, and a tablet they hand over.
  f.add("wood", "#cfa77a", box(w - 0.3, 0.03, 0.3), [0, 0.8, -d / 2 + 0.15]);
  f.add("gloss", "#2b2e33", rbox(0.3, 0.012, 0.22, 0.012), [0.8, h + 0.006, 0.05], [0, -0.3, 0]);
  f.add("glow", "#bcd7ff", new PlaneGeometry(0.27, 0.19), [0.8, h + 0.013, 0.05], [-Math.PI / 2, -0.3, 0]);
  blob(parts, counter.at.x, counter.at.z, w + 0.6, d + 0.7, counter.rotation);

  const backdrop = receptionBackdrop(post);
  const b = frameOf(parts, backdrop);
  b.add("wood", "#9b6b48", box(backdrop.width, backdrop.height, backdrop.depth), [0, backdrop.height / 2, 0]);
  b.add("glow", shade(accent, 0.55), box(backdrop.width + 0.02, 0.02, 0.02), [0, backdrop.height, backdrop.depth / 2]);
  b.add("glow", shade(accent, 0.55), box(backdrop.width - 0.3, 0.015, 0.015), [0, 0.05, backdrop.depth / 2 + 0.01]);
  blob(parts, backdrop.at.x, backdrop.at.z, backdrop.width + 0.6, backdrop.depth + 0.8, backdrop.rotation);
}

function addObstacle(parts: Parts, scene: Scene, o: Obstacle): void {
  const { width: w, depth: d, cx, cz } = rectExtent(o.rect);
  const rand = seededRandom(hashSeed(`${cx},${cz}`));
  switch (o.look) {
    case "none":
      return;
    case "pillar": {
      const r = Math.min(w, d) / 2;
      const f = parts.frame([cx, 0, cz]);
      const H = scene.wallHeight;
      f.add("gloss", "#f1ece4", cyl(r * 0.92, H, 32), [0, H / 2, 0]);
      f.add("satin", "#d9d2c6", box(w + 0.1, 0.3, d + 0.1), [0, 0.15, 0]);
      f.add("satin", "#e8e2d8", box(w + 0.06, 0.08, d + 0.06), [0, 0.34, 0]);
      f.add("satin", "#e8e2d8", box(w + 0.16, 0.25, d + 0.16), [0, H - 0.125, 0]);
      f.add("satin", "#e8e2d8", cyl(r * 0.98, 0.1, 32), [0, H - 0.3, 0]);
      blob(parts, cx, cz, w + 0.9, d + 0.9, 0);
      return;
    }
    case "planter": {
      const r = Math.min(w, d) / 2;
      const f = parts.frame([cx, 0, cz]);
      f.add("satin", "#2f3338", new CylinderGeometry(r, r * 0.8, 0.55, 24), [0, 0.275, 0]);
      f.add("matte", "#3b2b20", cyl(r * 0.9, 0.02, 24), [0, 0.54, 0]);
      f.add("satin", "#6b4a2f", new CylinderGeometry(0.025, 0.04, 1.1, 8), [0, 1.0, 0]);
      for (let i = 0; i < 7; i++) {
        const a = rand() * Math.PI * 2;
        const s = 0.22 + rand() * 0.16;
        const green = ["#3f7d3a", "#4f8f45", "#2f6b35", "#5c9a4c"][i % 4]!;
        f.add("matte", green, new IcosahedronGeometry(s, 1), [Math.cos(a) * 0.18, 1.25 + rand() * 0.55, Math.sin(a) * 0.18]);
      }
      blob(parts, cx, cz, w + 0.6, d + 0.6, 0);
      return;
    }
    case "bench": {
      const f = parts.frame([cx, 0, cz], [0, w >= d ? 0 : Math.PI / 2, 0]);
      const [len, dep] = w >= d ? [w, d] : [d, w];
      f.add("wood", "#c99e6e", box(len, 0.06, dep), [0, 0.45, 0]);
      f.add("satin", "#3d4147", box(len - 0.1, 0.04, dep - 0.1), [0, 0.4, 0]);
      for (const x of [-len / 2 + 0.15, len / 2 - 0.15]) f.add("metal", "#2b2e33", box(0.06, 0.4, dep - 0.08), [x, 0.2, 0]);
      blob(parts, cx, cz, w + 0.5, d + 0.5, 0);
      return;
    }
    case "table": {
      const r = Math.min(w, d) / 2;
      const f = parts.frame([cx, 0, cz]);
      f.add("wood", "#c99e6e", cyl(r, 0.04, 32), [0, 0.74, 0]);
      f.add("metal", "#2b2e33", cyl(0.04, 0.72, 12), [0, 0.36, 0]);
      f.add("metal", "#2b2e33", cyl(r * 0.6, 0.02, 24), [0, 0.01, 0]);
      blob(parts, cx, cz, w + 0.4, d + 0.4, 0);
      return;
    }
    case "shelf":
      addShelf(parts, scene, o.rect, rand);
      return;
  }
}

/** A wall of shelving stocked with boxes, facing the middle of the hall. */
function addShelf(parts: Parts, scene: Scene, rect: Rect, rand: () => number): void {
  const w = rect.maxX - rect.minX;
  const d = rect.maxZ - rect.minZ;
  const cx = (rect.minX + rect.maxX) / 2;
  const cz = (rect.minZ + rect.maxZ) / 2;
  const hallX = (scene.bounds.minX + scene.bounds.maxX) / 2;
  const hallZ = (scene.bounds.minZ + scene.bounds.maxZ) / 2;
  const alongX = w >= d;
  const [len, dep] = alongX ? [w, d] : [d, w];
  const rotation = alongX ? (cz < hallZ ? 0 : Math.PI) : cx < hallX ? Math.PI / 2 : -Math.PI / 2;
  const f = parts.frame([cx, 0, cz], [0, rotation, 0]);
  const H = 2.4;
  f.add("satin", "#f3f2ef", box(len, H, 0.04), [0, H / 2, -dep / 2 + 0.02]);
  for (const x of [-len / 2 + 0.02, len / 2 - 0.02]) f.add("satin", "#f3f2ef", box(0.04, H, dep), [x, H / 2, 0]);
  f.add("matte", "#2a2c30", box(len, 0.1, dep), [0, 0.05, 0]);
  f.add("glow", shade(scene.palette.accent, 0.2), box(len, 0.1, 0.02), [0, H - 0.05, dep / 2 - 0.01]);
  const stock = ["#1f6feb", "#e46a4f", "#f2f2f2", "#2b2e33", "#7b61ff", "#2fbf71", "#f5b400", "#c9ccd1"];
  for (const y of [0.45, 0.95, 1.45, 1.95]) {
    f.add("wood", "#e2c29c", box(len - 0.08, 0.03, dep - 0.06), [0, y, 0.01]);
    for (let x = -len / 2 + 0.12; x < len / 2 - 0.25; ) {
      const bw = 0.12 + rand() * 0.16;
      const bh = 0.14 + rand() * 0.24;
      f.add("satin", stock[Math.floor(rand() * stock.length)]!, box(bw, bh, dep * 0.6), [x + bw / 2, y + 0.015 + bh / 2, 0]);
      x += bw + 0.03 + rand() * 0.05;
    }
  }
  blob(parts, cx, cz, w + 0.5, d + 0.5, 0);
}

function addPartition(parts: Parts, scene: Scene, p: Partition): void {
  const alongX = p.from.z === p.to.z;
  const len = alongX ? Math.abs(p.to.x - p.from.x) : Math.abs(p.to.z - p.from.z);
  const f = parts.frame([(p.from.x + p.to.x) / 2, 0, (p.from.z + p.to.z) / 2], [0, alongX ? 0 : Math.PI / 2, 0]);
  if (p.kind === "solid") {
    f.add("satin", scene.palette.walls, box(len, p.height, 0.1), [0, p.height / 2, 0]);
    return;
  }
  f.add("glass", "#e4f3f5", box(len, p.height - 0.08, 0.02), [0, p.height / 2, 0]);
  f.add("metal", "#9aa1a9", box(len, 0.05, 0.05), [0, p.height - 0.025, 0]);
  f.add("metal", "#9aa1a9", box(len, 0.06, 0.05), [0, 0.03, 0]);
  for (const x of [-len / 2, len / 2]) f.add("metal", "#9aa1a9", box(0.05, p.height, 0.05), [x, p.height / 2, 0]);
  // A frosted band at eye height, so people see the glass before they walk into it.
  f.add("satin", "#f4f7f8", box(len, 0.12, 0.022), [0, 1.45, 0]);
}

function addZone(parts: Parts, scene: Scene, zone: Zone): void {
  const { minX, minZ, maxX, maxZ } = zone.rect;
  const { width: w, depth: d, cx, cz } = rectExtent(zone.rect);
  const glow = shade(scene.palette.accent, 0.45);
  if (zone.kind === "stage") {
    // Low enough to stand on without stepping up; its lit edge says "stage".
    parts.add("wood", "#4a3326", box(w, 0.05, d), [cx, 0.025, cz]);
    for (const [x, z, sx, sz] of [[cx, minZ, w, 0.03], [cx, maxZ, w, 0.03], [minX, cz, 0.03, d], [maxX, cz, 0.03, d]] as const)
      parts.add("glow", glow, box(sx, 0.02, sz), [x, 0.045, z]);
    return;
  }
  // A private room's threshold: an inlaid line round it on the floor.
  const t = 0.05;
  for (const [x, z, sx, sz] of [[cx, minZ + t, w - 0.1, t], [cx, maxZ - t, w - 0.1, t], [minX + t, cz, t, d - 0.1], [maxX - t, cz, t, d - 0.1]] as const)
    parts.add("satin", scene.palette.accent, box(sx, 0.004, sz), [x, 0.004, z]);
}

/** Parts frame for a box standing on the floor (origin on the floor under its centre). */
function frameOf(parts: Parts, b: Box): Parts {
  return parts.frame([b.at.x, 0, b.at.z], [0, b.rotation, 0]);
}

/** Two hanging wires from a panel's top (at `top` above the frame) up `length` metres to the ceiling. */
export function wires(f: Parts, spread: number, top: number, length: number): void {
  if (length <= top) return;
  for (const x of [-spread / 2, spread / 2]) f.add("metal", "#8d939b", new CylinderGeometry(0.004, 0.004, length - top, 4), [x, top + (length - top) / 2, 0]);
}

/** A soft contact shadow on the floor under something `w` × `d`. */
export function blob(parts: Parts, x: number, z: number, w: number, d: number, rotation: number): void {
  parts.add("shadow", "#000000", new PlaneGeometry(w, d), [x, 0.006, z], [-Math.PI / 2, rotation, 0]);
}

/** A quad showing one panel of the sign atlas. */
export function atlasQuad(w: number, h: number, r: AtlasRect): PlaneGeometry {
  const g = new PlaneGeometry(w, h);
  const uv = g.attributes.uv!;
  for (let i = 0; i < uv.count; i++) uv.setXY(i, r.u0 + uv.getX(i) * (r.u1 - r.u0), r.v0 + uv.getY(i) * (r.v1 - r.v0));
  return g;
}
