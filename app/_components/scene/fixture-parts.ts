"use client";
import { PlaneGeometry } from "three";
import type { Scene, Sign, Surface } from "../../../scenes/scene-format.ts";
import { rectExtent, surfaceTransform, totemOf } from "../../../scenes/scene-layout.ts";
import { atlasQuad, blob, wires } from "./furniture-parts.ts";
import { box } from "./product-models.ts";
import { atlasKey, type SignAtlas } from "./sign-atlas.ts";
import type { Parts } from "./static-batch.ts";
import { shade } from "./surface-textures.ts";

/**
 * Fixtures on and around the walls: signs, the frames and stands of screens and
 * whiteboards (their faces are separate named meshes, see `display-surfaces.tsx`), the
 * skirting, and the ceiling with its light panels.
 */
export function addFixtures(parts: Parts, scene: Scene, atlas: SignAtlas): void {
  scene.signage.forEach((sign, i) => addSign(parts, scene, sign, atlas, i));
  for (const s of scene.screens) addSurfaceFrame(parts, s, "screen");
  for (const s of scene.whiteboards) addSurfaceFrame(parts, s, "whiteboard");
  addRoomTrim(parts, scene);
}

function addSign(parts: Parts, scene: Scene, sign: Sign, atlas: SignAtlas, index: number): void {
  const face = atlasQuad(sign.width, sign.height, atlas.rect(atlasKey.sign(index)));
  const f = parts.frame([sign.at.x, 0, sign.at.z], [0, sign.rotation, 0]);
  if (sign.style === "wall") {
    f.add("satin", shade(sign.color, -0.2), box(sign.width + 0.04, sign.height + 0.04, 0.035), [0, sign.y, 0.0175]);
    f.add("sign", "#ffffff", face, [0, sign.y, 0.036]);
    return;
  }
  if (sign.style === "hanging") {
    f.add("satin", sign.color, box(sign.width, sign.height, 0.05), [0, sign.y, 0]);
    f.add("sign", "#ffffff", face, [0, sign.y, 0.026]);
    f.add("sign", "#ffffff", face.clone(), [0, sign.y, -0.026], [0, Math.PI, 0]);
    wires(f.frame([0, sign.y, 0]), sign.width * 0.7, sign.height / 2, scene.wallHeight - sign.y);
    return;
  }
  const totem = totemOf(sign)!;
  f.add("satin", sign.color, box(totem.width, totem.height, totem.depth - 0.1), [0, totem.height / 2, 0]);
  f.add("gloss", "#1b1d20", box(totem.width + 0.04, 0.05, totem.depth), [0, 0.025, 0]);
  f.add("sign", "#ffffff", face, [0, sign.y, (totem.depth - 0.1) / 2 + 0.002]);
  f.add("sign", "#ffffff", face.clone(), [0, sign.y, -(totem.depth - 0.1) / 2 - 0.002], [0, Math.PI, 0]);
  blob(parts, sign.at.x, sign.at.z, totem.width + 0.5, totem.depth + 0.5, sign.rotation);
}

function addSurfaceFrame(parts: Parts, surface: Surface, kind: "screen" | "whiteboard"): void {
  const t = surfaceTransform(surface);
  const f = parts.frame([t.position.x, 0, t.position.z], [0, t.rotationY, 0]);
  const { width: w, height: h } = t;
  const y = t.position.y;
  if (kind === "screen") {
    // Matte behind the picture (it is hidden there, and matte is the cheap finish), a gloss bezel round it.
    f.add("matte", "#141518", box(w + 0.02, h + 0.02, 0.05), [0, y, -0.03]);
    for (const [bx, by, bw, bh] of [[0, h / 2 + 0.02, w + 0.08, 0.04], [0, -h / 2 - 0.02, w + 0.08, 0.04], [-w / 2 - 0.02, 0, 0.04, h], [w / 2 + 0.02, 0, 0.04, h]] as const)
      f.add("gloss", "#1b1c20", box(bw, bh, 0.06), [bx, y + by, -0.028]);
  } else {
    f.add("metal", "#cfd3d8", box(w + 0.05, h + 0.05, 0.03), [0, y, -0.016]);
    f.add("metal", "#cfd3d8", box(w * 0.5, 0.025, 0.07), [0, y - h / 2 - 0.02, 0.03]);
    for (const [x, c] of [[-0.12, "#1d1f23"], [-0.04, "#1f6feb"], [0.04, "#d93025"]] as const) f.add("satin", c, box(0.07, 0.014, 0.014), [x, y - h / 2 - 0.0, 0.04]);
  }
  if (surface.mount === "stand") {
    const bottom = y - h / 2;
    for (const x of [-w / 2 + 0.08, w / 2 - 0.08]) {
      f.add("metal", "#9aa1a9", box(0.04, bottom + h * 0.8, 0.04), [x, (bottom + h * 0.8) / 2, -0.05]);
      f.add("metal", "#9aa1a9", box(0.05, 0.04, 0.6), [x, 0.05, -0.05]);
    }
    blob(parts, t.position.x, t.position.z, w + 0.4, 0.9, t.rotationY);
  }
}

function addRoomTrim(parts: Parts, scene: Scene): void {
  const { minX, minZ, maxX, maxZ } = scene.bounds;
  const { width, depth, cx, cz } = rectExtent(scene.bounds);
  const H = scene.wallHeight;
  const skirting = shade(scene.materials.walls.color, -0.55);
  for (const [x, z, len, rotation] of [[cx, minZ, width, 0], [cx, maxZ, width, Math.PI], [minX, cz, depth, Math.PI / 2], [maxX, cz, depth, -Math.PI / 2]] as const) {
    const f = parts.frame([x, 0, z], [0, rotation, 0]);
    f.add("satin", skirting, box(len, 0.12, 0.02), [0, 0.06, 0.01]);
    f.add("satin", shade(scene.materials.walls.color, 0.3), box(len, 0.1, 0.05), [0, H - 0.05, 0.025]);
  }
  const ceiling = scene.materials.ceiling;
  if (!ceiling) return;
  parts.add("matte", ceiling.color, new PlaneGeometry(width, depth), [cx, H, cz], [Math.PI / 2, 0, 0]);
  if (!ceiling.lightPanels) return;
  // Rows of linear lights, 3 m apart, clear of the walls.
  const rows = Math.max(1, Math.floor((depth - 2) / 3));
  const len = Math.min(6, (width - 2) / 3 - 0.6);
  const perRow = Math.max(1, Math.floor((width - 2) / (len + 0.6)));
  for (let r = 0; r < rows; r++) {
    const z = minZ + (depth - (rows - 1) * 3) / 2 + r * 3;
    for (let i = 0; i < perRow; i++) {
      const x = cx + (i - (perRow - 1) / 2) * (len + 0.6);
      parts.add("satin", "#d9dbde", box(len + 0.06, 0.03, 0.26), [x, H - 0.015, z]);
      parts.add("glow", "#fffaf0", new PlaneGeometry(len, 0.2), [x, H - 0.032, z], [Math.PI / 2, 0, 0]);
    }
  }
}
