import { Document, NodeIO } from "@gltf-transform/core";
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { Group, Mesh, MeshStandardMaterial, SphereGeometry, TorusKnotGeometry, type BufferGeometry } from "three";
import { productModels } from "../app/_components/scene/product-models.ts";
import { Parts, StaticBatch } from "../app/_components/scene/static-batch.ts";
import { exportAvatarGlb } from "../avatars/export-glb.ts";
import { launchChromium } from "../e2e/support/browser.ts";
import { startProductServer, type ProductServer } from "../e2e/support/product-server.ts";
import { intakeGlb } from "../game-server/studio/glb-intake.ts";
import { buildTestGlb } from "../game-server/studio/test-glb.ts";
import { builtInScenes } from "../scenes/catalog.ts";
import { isWalkable } from "../scenes/collision.ts";
import { novaElectronics } from "../scenes/demo/nova-electronics.ts";
import { customerSpot } from "../scenes/scene-layout.ts";
import { parseScene, ProductModel, type Booth, type Obstacle, type Scene, type Sign, type Surface, type Vec2 } from "../scenes/scene-format.ts";
import type { Benchmark, BenchResult, Goal, Row } from "./benchmark.ts";
import { mean } from "./sample-stats.ts";

/**
 * The scene studio (issue: "time to load and first render a scene with 200 objects in the hall
 * and in the studio; memory in the studio at 1,000 objects; GLB optimisation: bytes before / after
 * for the demo products and an uploaded model"), on the real product (needs `npm run build`):
 *
 * 1. Scenes: the electronics hall as it is (the baseline), and with 200 and 1,000 more things
 *    (`sceneWithExtras`), each put in through the studio's own API as a marketer: create from the
 *    template, lock, save the draft, publish, and (for the hall) give the demo hall the scene.
 * 2. Hall: a visitor's fresh page, from navigation and from the lobby's Enter click to the frame
 *    that completes the scene, baseline and 200 in the same run.
 * 3. Studio: a marketer's fresh page on /studio/<id>, from navigation to the studio canvas' frame
 *    that completes the scene, for the three scenes; then the page's JS heap after a garbage
 *    collection (CDP), and its DOM nodes.
 * 4. GLB intake (`intakeGlb`, in this process): bytes before and after, triangles and time, for
 *    models built in code (boxes with textures and instances, a dense textured torus knot as "an
 *    uploaded model", an unwelded sphere) and the demo halls' procedural products exported with
 *    three's GLTFExporter; the knot once more through the upload API (worker thread, stored).
 *
 * Frames are seen from outside the product: an init script counts each WebGL draw call (and its
 * triangles) per canvas and groups the calls made in one task into a frame; the hall and the
 * studio are measured the same way. A frame "completes the scene" when its draw calls and
 * triangles are those the canvas then keeps drawing, once nothing has changed for a while.
 */

// ——— Scenes with N more things in them ———

type ExtraKind = "booth" | "obstacle" | "sign" | "block" | "screen" | "whiteboard";

/** What a marketer's busy hall is made of (booths, furniture, signs, display surfaces), before the format's limits cut in. */
const MIX: readonly (readonly [ExtraKind, number])[] = [
  ["booth", 0.3],
  ["obstacle", 0.3],
  ["sign", 0.2],
  ["block", 0.15],
  ["screen", 0.025],
  ["whiteboard", 0.025],
];

/** The schema's maximum length of each list (scene-format.ts). */
const LIMITS: Record<ExtraKind, number> = { booth: 200, obstacle: 400, sign: 200, block: 200, screen: 30, whiteboard: 30 };
const LIST: Record<ExtraKind, "booths" | "obstacles" | "signage" | "blocks" | "screens" | "whiteboards"> = {
  booth: "booths",
  obstacle: "obstacles",
  sign: "signage",
  block: "blocks",
  screen: "screens",
  whiteboard: "whiteboards",
};

/** How many of each kind `extra` more things are: the mix, then whatever room the format leaves, in the mix's order. */
export function extrasMix(base: Scene, extra: number): Record<ExtraKind, number> {
  const room = Object.fromEntries(MIX.map(([kind]) => [kind, LIMITS[kind] - base[LIST[kind]].length])) as Record<ExtraKind, number>;
  const counts = Object.fromEntries(MIX.map(([kind, share]) => [kind, Math.min(room[kind], Math.round(extra * share))])) as Record<ExtraKind, number>;
  let left = extra - Object.values(counts).reduce((a, b) => a + b, 0);
  for (const [kind] of MIX) {
    const more = Math.max(0, Math.min(left, room[kind] - counts[kind]));
    counts[kind] += more;
    left -= more;
  }
  if (left > 0) throw new Error(`the scene format has room for ${extra - left} more things, not ${extra}`);
  return counts;
}

/** Floor cells, in metres. Things stand on islands of CELLS × CELLS cells with aisles between them. */
const PITCH = 0.36;
const CELLS = 5;
/** An aisle between islands is this many cells wide: 1.08 m, so a body (0.6 m) walks it on the checks' 0.25 m grid. */
const AISLE = 3;
/** Each thing's footprint on the floor. */
const ITEM = 0.3;
const COLORS = ["#2b3a55", "#e46a4f", "#1f6feb", "#5b3fd9", "#3d8b5f", "#c49a6c", "#8a8f98", "#d9d4cc"];

/**
 * The base scene with `extra` more placed things: booths with procedural products, furniture,
 * hanging signs, blocks, and screens and whiteboards on the walls, as a marketer could build it in
 * the studio. Floor things stand on a grid of islands inside the bounds, kept clear of the base
 * scene's furniture, its entrance, walkway, counters and spawn points, and separated by aisles,
 * so that everything the hall needs stays reachable; when the islands are full, further things
 * share their cells (the checks warn about overlaps; nothing else changes). Deterministic.
 */
export function sceneWithExtras(base: Scene, extra: number, id = base.id): Scene {
  const counts = extrasMix(base, extra);
  const cells = freeCells(base);
  const floor = counts.booth + counts.obstacle + counts.block;
  // Spread over the whole hall: every k-th free cell, not the first rows.
  const stride = Math.max(1, Math.floor(cells.length / Math.max(1, floor)));
  const spots: Vec2[] = [];
  for (let i = 0; spots.length < floor; i++) spots.push(cells[(i * stride + Math.floor(i / cells.length)) % cells.length]!);
  const signSpots = spreadOver(cells, counts.sign);

  const booths: Booth[] = [];
  const obstacles: Obstacle[] = [];
  const blocks: Scene["blocks"] = [];
  const looks = ["pillar", "planter", "bench", "shelf", "table"] as const;
  let next = 0;
  // Interleaved so every kind is spread over the hall.
  for (let i = 0; next < spots.length; i++) {
    for (const kind of ["booth", "obstacle", "block"] as const) {
      const made = kind === "booth" ? booths.length : kind === "obstacle" ? obstacles.length : blocks.length;
      if (made >= counts[kind] || next >= spots.length) continue;
      const at = spots[next++]!;
      const color = COLORS[(i + made) % COLORS.length]!;
      if (kind === "booth") {
        booths.push({
          id: `bench-booth-${made}`,
          label: `Bench product ${made}`,
          description: "A product placed by the studio benchmark.",
          kbArticleId: "kb-bench-product",
          at,
          rotation: (made % 4) * (Math.PI / 2),
          size: { x: ITEM, y: 0.9, z: ITEM },
          stand: "plinth",
          product: { kind: "procedural", model: ProductModel.options[made % ProductModel.options.length]!, color },
        });
      } else if (kind === "obstacle") {
        obstacles.push({ rect: { minX: at.x - ITEM / 2, minZ: at.z - ITEM / 2, maxX: at.x + ITEM / 2, maxZ: at.z + ITEM / 2 }, look: looks[made % looks.length]! });
      } else {
        blocks.push({ label: `Bench block ${made}`, at, size: { x: ITEM, y: 0.5 + (made % 4) * 0.25, z: ITEM }, color });
      }
    }
  }

  const signage: Sign[] = signSpots.map((at, i) => ({
    text: `Offer ${i}`,
    subtitle: "This week only",
    at,
    y: 4 + (i % 3) * 0.3,
    width: 1.2,
    height: 0.45,
    rotation: (i % 2) * Math.PI,
    style: "hanging",
    color: COLORS[i % COLORS.length]!,
    textColor: "#ffffff",
  }));

  const wallSpots = onWalls(base, counts.screen + counts.whiteboard);
  const surface = (kind: "screen" | "whiteboard", i: number, spot: { at: Vec2; rotation: number }): Surface => ({
    id: `bench-${kind}-${i}`,
    label: `Bench ${kind} ${i}`,
    at: spot.at,
    y: kind === "screen" ? 2.6 : 1.5,
    width: 1.1,
    aspect: kind === "screen" ? 16 / 9 : 1.5,
    rotation: spot.rotation,
    mount: "wall",
  });
  const screens = Array.from({ length: counts.screen }, (_, i) => surface("screen", i, wallSpots[i]!));
  const whiteboards = Array.from({ length: counts.whiteboard }, (_, i) => surface("whiteboard", i, wallSpots[counts.screen + i]!));

  return parseScene({
    ...base,
    id,
    booths: [...base.booths, ...booths],
    obstacles: [...base.obstacles, ...obstacles],
    blocks: [...base.blocks, ...blocks],
    signage: [...base.signage, ...signage],
    screens: [...base.screens, ...screens],
    whiteboards: [...base.whiteboards, ...whiteboards],
  });
}

/** Cell centres on islands, clear of the base scene's furniture (by a body and more), its walkway, entrance, counters and spawn points. */
function freeCells(base: Scene): Vec2[] {
  const { bounds } = base;
  const keepClear: { p: Vec2; r: number }[] = [
    { p: base.spawn, r: base.spawn.radius + 1.2 },
    ...base.spawnPoints.map((s) => ({ p: s as Vec2, r: s.radius + 1 })),
    ...base.agentDesks.map((d) => ({ p: customerSpot(d, "desk"), r: 1.2 })),
    ...(base.reception ? [{ p: customerSpot(base.reception, "reception"), r: 1.5 }] : []),
    // Booths, screens and boards of the base scene keep the floor in front of them.
    ...base.booths.map((b) => ({ p: { x: b.at.x + Math.sin(b.rotation) * (b.size.z / 2 + 0.8), z: b.at.z + Math.cos(b.rotation) * (b.size.z / 2 + 0.8) }, r: 1 })),
    ...[...base.screens, ...base.whiteboards].map((s) => ({ p: { x: s.at.x + Math.sin(s.rotation) * 1.5, z: s.at.z + Math.cos(s.rotation) * 1.5 }, r: 1.2 })),
  ];
  const walkway = base.materials.areas[0]?.rect;
  const cells: Vec2[] = [];
  const period = CELLS + AISLE;
  const margin = 0.6;
  const cols = Math.floor((bounds.maxX - bounds.minX - 2 * margin) / PITCH);
  const rows = Math.floor((bounds.maxZ - bounds.minZ - 2 * margin) / PITCH);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c % period >= CELLS || r % period >= CELLS) continue; // an aisle
      const p = { x: bounds.minX + margin + (c + 0.5) * PITCH, z: bounds.minZ + margin + (r + 0.5) * PITCH };
      if (walkway && p.x > walkway.minX - 0.4 && p.x < walkway.maxX + 0.4 && p.z > walkway.minZ - 0.4) continue;
      if (keepClear.some((k) => Math.hypot(k.p.x - p.x, k.p.z - p.z) < k.r)) continue;
      if (!isWalkable(base, p, ITEM / 2 + 0.7)) continue;
      cells.push({ x: round(p.x), z: round(p.z) });
    }
  }
  return cells;
}

/** `n` of `cells`, evenly spaced through the list. */
function spreadOver(cells: readonly Vec2[], n: number): Vec2[] {
  return Array.from({ length: n }, (_, i) => cells[Math.floor(((i + 0.5) * cells.length) / Math.max(1, n)) % cells.length]!);
}

/** `n` places on the hall's four walls, evenly spaced along them, each facing into the hall. */
function onWalls(base: Scene, n: number): { at: Vec2; rotation: number }[] {
  const { minX, minZ, maxX, maxZ } = base.bounds;
  const w = maxX - minX;
  const d = maxZ - minZ;
  const perimeter = 2 * (w + d);
  const inset = 0.04;
  return Array.from({ length: n }, (_, i) => {
    let s = ((i + 0.5) * perimeter) / Math.max(1, n);
    if (s < w) return { at: { x: round(minX + s), z: minZ + inset }, rotation: 0 };
    s -= w;
    if (s < d) return { at: { x: maxX - inset, z: round(minZ + s) }, rotation: -Math.PI / 2 };
    s -= d;
    if (s < w) return { at: { x: round(maxX - s), z: maxZ - inset }, rotation: Math.PI };
    s -= w;
    return { at: { x: minX + inset, z: round(maxZ - s) }, rotation: Math.PI / 2 };
  });
}

const round = (v: number) => Math.round(v * 1000) / 1000;

// ——— GLB models, before and after intake ———

interface GlbCase {
  name: string;
  /** Where it comes from, for the table. */
  kind: string;
  glb: Uint8Array;
}

/** A product the demo halls draw in code, as one GLB: each finish's merged parts as a mesh with vertex colours (GLTFExporter, as avatars are exported). */
export async function productGlb(model: ProductModel, color: string): Promise<Uint8Array> {
  const batch = new StaticBatch();
  productModels[model](new Parts(batch), color);
  const group = new Group();
  for (const [finish, geometry] of batch.build()) {
    group.add(new Mesh(geometry, new MeshStandardMaterial({ name: finish, vertexColors: true, roughness: finish === "gloss" || finish === "metal" ? 0.2 : 0.7, metalness: finish === "metal" ? 0.8 : 0 })));
  }
  return exportAvatarGlb(group); // (a generic Object3D export; there are no morph targets to thin)
}

/** A model as a DCC tool writes it: one mesh from three's geometry, float attributes, optionally a photo-like JPEG texture. */
async function geometryGlb(geometry: BufferGeometry, textureSize?: number): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const material = doc.createMaterial("surface").setBaseColorFactor([0.85, 0.85, 0.85, 1]).setRoughnessFactor(0.5).setMetallicFactor(0);
  if (textureSize) material.setBaseColorTexture(doc.createTexture("photo").setImage(await photoJpeg(textureSize)).setMimeType("image/jpeg"));
  const attribute = (name: string, type: "VEC2" | "VEC3") => {
    const source = geometry.getAttribute(name);
    return doc.createAccessor().setType(type).setArray(new Float32Array(source.array)).setBuffer(buffer);
  };
  const primitive = doc.createPrimitive().setMaterial(material).setAttribute("POSITION", attribute("position", "VEC3")).setAttribute("NORMAL", attribute("normal", "VEC3"));
  if (textureSize) primitive.setAttribute("TEXCOORD_0", attribute("uv", "VEC2"));
  if (geometry.index) primitive.setIndices(doc.createAccessor().setType("SCALAR").setArray(new Uint32Array(geometry.index.array)).setBuffer(buffer));
  const scene = doc.createScene("model").addChild(doc.createNode("model").setMesh(doc.createMesh("model").addPrimitive(primitive)));
  doc.getRoot().setDefaultScene(scene);
  return new NodeIO().writeBinary(doc);
}

/** Smooth colour bands with fine grain (a deterministic stand-in for a photographed texture), as JPEG at quality 90. */
async function photoJpeg(size: number): Promise<Uint8Array> {
  const pixels = Buffer.alloc(size * size * 3);
  let seed = 12345;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const grain = ((seed >>> 16) & 31) - 16;
      const i = (y * size + x) * 3;
      pixels[i] = Math.max(0, Math.min(255, 140 + 80 * Math.sin(x / 53) + grain));
      pixels[i + 1] = Math.max(0, Math.min(255, 120 + 70 * Math.sin((x + y) / 97) + grain));
      pixels[i + 2] = Math.max(0, Math.min(255, 110 + 90 * Math.cos(y / 71) + grain));
    }
  }
  return new Uint8Array(await sharp(pixels, { raw: { width: size, height: size, channels: 3 } }).jpeg({ quality: 90 }).toBuffer());
}

/** The models intake is measured on; `quick` takes three of the demo products. */
async function glbCases(quick: boolean): Promise<GlbCase[]> {
  const products = new Map<string, { model: ProductModel; color: string; hall: string }>();
  for (const scene of builtInScenes.values()) {
    for (const booth of scene.booths) {
      if (booth.product.kind === "procedural" && !products.has(booth.product.model)) products.set(booth.product.model, { model: booth.product.model, color: booth.product.color ?? "#8a8f98", hall: scene.name });
    }
  }
  const cases: GlbCase[] = [
    { name: "box", kind: "buildTestGlb", glb: await buildTestGlb() },
    { name: "box, 1024 px PNG texture", kind: "buildTestGlb", glb: await buildTestGlb({ texture: true, textureSize: 1024 }) },
    { name: "box × 50 instances, 2048 px PNG texture", kind: "buildTestGlb", glb: await buildTestGlb({ texture: true, textureSize: 2048, instances: 50 }) },
    { name: "torus knot 65 k triangles, 2048 px JPEG", kind: "uploaded model", glb: await geometryGlb(new TorusKnotGeometry(0.3, 0.09, 512, 64), 2048) },
    { name: "sphere 16 k triangles, unwelded", kind: "uploaded model", glb: await geometryGlb(new SphereGeometry(0.3, 128, 64).toNonIndexed()) },
  ];
  for (const p of [...products.values()].slice(0, quick ? 3 : undefined)) cases.push({ name: `${p.model} (${p.hall})`, kind: "demo product", glb: await productGlb(p.model, p.color) });
  return cases;
}

// ——— The studio API, as a marketer ———

interface ApiReply<T> {
  status: number;
  body: T;
  ms: number;
}

class StudioApi {
  readonly url: string;
  readonly #cookie: string;
  private constructor(url: string, cookie: string) {
    this.url = url;
    this.#cookie = cookie;
  }

  static async signIn(url: string): Promise<StudioApi> {
    const response = await fetch(`${url}/api/auth/signin`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: MARKETER.email, password: MARKETER.password }) });
    const cookie = /atrium_staff=[^;]*/.exec(response.headers.get("set-cookie") ?? "")?.[0];
    if (!response.ok || !cookie) throw new Error(`the marketer's sign-in failed (${response.status}); is ATRIUM_DEMO_STAFF=1 set?`);
    return new StudioApi(url, cookie);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<ApiReply<T>> {
    const binary = body instanceof Uint8Array;
    const t0 = performance.now();
    const response = await fetch(`${this.url}/api/studio${path}`, {
      method,
      headers: { cookie: this.#cookie, ...(body === undefined ? {} : { "content-type": binary ? "model/gltf-binary" : "application/json" }) },
      body: body === undefined ? undefined : binary ? new Uint8Array(body) : JSON.stringify(body),
    });
    const text = await response.text();
    const ms = performance.now() - t0;
    if (!response.ok) throw new Error(`${method} /api/studio${path}: ${response.status} ${text.slice(0, 300)}`);
    return { status: response.status, body: JSON.parse(text) as T, ms };
  }
}

const MARKETER = { email: "olivia.brown@nova.example", password: "atrium-demo" };

interface StoredScene {
  id: string;
  label: string;
  extra: number;
  things: number;
  draftBytes: number;
  /** GET /api/studio/scenes/:id: the draft with the server's checks, what the studio asks first. */
  detailMs: number;
  errors: number;
  warnings: number;
}

type Issue = { severity: "error" | "warning" };

/** Puts `scene` into the product the way the studio does: a new scene from the template, its draft saved under the lock, published. */
async function putScene(api: StudioApi, label: string, extra: number, scene: Scene): Promise<StoredScene> {
  const created = await api.call<{ scene: { id: string; revision: number } }>("POST", "/scenes", { name: `Bench ${label}`, from: novaElectronics.id });
  const { id, revision } = created.body.scene;
  await api.call("POST", `/scenes/${id}/lock`);
  const draft = { ...scene, id, name: `Bench ${label}` };
  const draftBytes = Buffer.byteLength(JSON.stringify({ revision, draft }));
  if (draftBytes > 1024 * 1024) throw new Error(`the ${label} draft is ${draftBytes} bytes, over the API's 1 MB`);
  await api.call("PUT", `/scenes/${id}/draft`, { revision, draft });
  await api.call("POST", `/scenes/${id}/publish`);
  await api.call("DELETE", `/scenes/${id}/lock`);
  const detail = await api.call<{ issues: Issue[] }>("GET", `/scenes/${id}`);
  const things = scene.booths.length + scene.obstacles.length + scene.blocks.length + scene.signage.length + scene.screens.length + scene.whiteboards.length;
  return {
    id, label, extra, things, draftBytes, detailMs: detail.ms,
    errors: detail.body.issues.filter((i) => i.severity === "error").length,
    warnings: detail.body.issues.filter((i) => i.severity === "warning").length,
  };
}

/** Gives the demo hall `scene` and waits until the hall's API serves it. */
async function showInHall(api: StudioApi, scene: StoredScene): Promise<void> {
  await api.call("PUT", "/halls/demo/scene", { sceneId: scene.id });
  for (let i = 0; i < 50; i++) {
    const hall = (await (await fetch(`${api.url}/api/halls/demo`)).json()) as { scene?: { id?: string } };
    if (hall.scene?.id === scene.id) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the demo hall did not switch to ${scene.id}`);
}

// ——— Frames, seen from outside the page ———

interface Frame {
  at: number;
  calls: number;
  triangles: number;
}

declare global {
  interface Window {
    __benchClickAt?: number;
  }
}

/**
 * Runs in the page before its own scripts: counts WebGL draw calls and their triangles per
 * canvas, and closes a frame at the end of the task that drew it (a microtask), stamped with
 * `performance.now()` (milliseconds since navigation started). Also notes the last click.
 */
function installFrameProbe(): void {
  type Tally = { calls: number; triangles: number };
  type Counted = { __benchFrames?: { at: number; calls: number; triangles: number }[] };
  const pending = new Map<Counted, Tally>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const at = performance.now();
    for (const [canvas, tally] of pending) {
      const frames = (canvas.__benchFrames ??= []);
      if (frames.length < 20_000) frames.push({ at, calls: tally.calls, triangles: tally.triangles });
    }
    pending.clear();
  };
  const count = (canvas: Counted, mode: number, vertices: number, instances: number) => {
    let tally = pending.get(canvas);
    if (!tally) pending.set(canvas, (tally = { calls: 0, triangles: 0 }));
    tally.calls++;
    // TRIANGLES, TRIANGLE_STRIP, TRIANGLE_FAN (as three's renderer counts them); lines and points draw none.
    tally.triangles += (mode === 4 ? Math.floor(vertices / 3) : mode === 5 || mode === 6 ? Math.max(0, vertices - 2) : 0) * instances;
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(flush);
    }
  };
  type Gl = WebGL2RenderingContext & { canvas: Counted };
  for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype] as unknown as Record<string, (...args: number[]) => void>[]) {
    const wrap = (name: string, vertices: (a: number[]) => number, instances: (a: number[]) => number) => {
      const original = proto[name];
      if (!original) return;
      proto[name] = function (this: Gl, ...args: number[]) {
        count(this.canvas, args[0]!, vertices(args), instances(args));
        return original.apply(this, args);
      };
    };
    wrap("drawArrays", (a) => a[2]!, () => 1);
    wrap("drawElements", (a) => a[1]!, () => 1);
    wrap("drawArraysInstanced", (a) => a[2]!, (a) => a[3]!);
    wrap("drawElementsInstanced", (a) => a[1]!, (a) => a[4]!);
    wrap("drawRangeElements", (a) => a[3]!, () => 1);
  }
  document.addEventListener("click", () => (window.__benchClickAt = performance.now()), true);
}

interface SceneLoad {
  /** Navigation start → the canvas' first frame with anything drawn, ms. */
  firstMs: number;
  /** Navigation start → the first frame of the finished picture, ms. */
  completeMs: number;
  /** The Enter click → that frame (the hall), ms. */
  fromClickMs?: number;
  calls: number;
  triangles: number;
  /** Mean time between frames once the picture is complete, ms: what each redraw costs. */
  frameMs: number;
}

/**
 * Waits until `selector`'s canvas has drawn the same calls and triangles for `quietMs` and at
 * least three frames, and returns when that picture was first complete.
 */
async function waitForPicture(page: Page, selector: string, quietMs: number, timeoutMs: number): Promise<SceneLoad> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await page.evaluate((sel) => {
      const canvas = document.querySelector(sel) as (Element & { __benchFrames?: Frame[] }) | null;
      const frames = (canvas?.__benchFrames ?? []).filter((f) => f.calls > 0);
      const last = frames.at(-1);
      let from = frames.length - 1;
      while (from > 0 && last && frames[from - 1]!.calls === last.calls && frames[from - 1]!.triangles === last.triangles) from--;
      return { now: performance.now(), first: frames[0], complete: frames[from], last, stableFrames: frames.length - from, frames: frames.length, clickAt: window.__benchClickAt };
    }, selector);
    if (seen.first && seen.complete && seen.last && seen.stableFrames >= 3 && seen.now - seen.complete.at >= quietMs) {
      return {
        firstMs: seen.first.at,
        completeMs: seen.complete.at,
        ...(seen.clickAt === undefined ? {} : { fromClickMs: seen.complete.at - seen.clickAt }),
        calls: seen.last.calls,
        triangles: seen.last.triangles,
        frameMs: (seen.last.at - seen.complete.at) / (seen.stableFrames - 1),
      };
    }
    if (Date.now() > deadline) throw new Error(`${selector}: no settled picture within ${timeoutMs / 1000} s (${seen.frames} frames drawn)`);
    await page.waitForTimeout(250);
  }
}

const HALL_CANVAS = "[data-quality] canvas";
const STUDIO_CANVAS = "[data-testid=studio-canvas] canvas";

/** A visitor's fresh page on the demo hall: lobby, Enter, the scene drawn. */
async function loadHall(browser: Browser, url: string, quietMs: number): Promise<SceneLoad & { geometries: number; textures: number }> {
  const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
  try {
    await context.addInitScript(installFrameProbe);
    const page = await context.newPage();
    await page.goto(`${url}/hall/demo`);
    await page.getByTestId("lobby-name").fill("Bench visitor");
    await page.getByTestId("lobby-enter").click();
    const load = await waitForPicture(page, HALL_CANVAS, quietMs, 120_000);
    const info = await page.evaluate(() => window.atriumProbe?.renderInfo());
    return { ...load, geometries: info?.geometries ?? 0, textures: info?.textures ?? 0 };
  } finally {
    await context.close();
  }
}

interface StudioLoad extends SceneLoad {
  heapMB: number;
  domNodes: number;
}

/** A marketer's fresh page on /studio/<id>: the outline and the canvas' finished picture, then the JS heap after a garbage collection. */
async function loadStudio(browser: Browser, url: string, sceneId: string, quietMs: number): Promise<StudioLoad> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    await signInContext(context, url);
    await context.addInitScript(installFrameProbe);
    const page = await context.newPage();
    await page.goto(`${url}/studio/${sceneId}`);
    await page.getByTestId("outline").waitFor({ timeout: 120_000 });
    const load = await waitForPicture(page, STUDIO_CANVAS, quietMs, 180_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send("HeapProfiler.collectGarbage");
    await cdp.send("Performance.enable");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    return { ...load, heapMB: metric("JSHeapUsedSize") / 1024 / 1024, domNodes: metric("Nodes") };
  } finally {
    await context.close();
  }
}

async function signInContext(context: BrowserContext, url: string): Promise<void> {
  const response = await context.request.post(`${url}/api/auth/signin`, { data: MARKETER });
  if (!response.ok()) throw new Error(`the marketer's sign-in failed in the browser (${response.status()})`);
}

// ——— The benchmark ———

const seconds = (ms: number) => ms / 1000;
const runs = (values: readonly number[]) => values.map((v) => v.toFixed(1)).join(" / ");

const studio: Benchmark = {
  name: "studio",
  description: "scene studio: hall and studio first render at 200 / 1,000 more objects vs the demo hall, studio memory, GLB bytes before / after intake",
  timeLimitSeconds: 420,
  async run({ quick, log }): Promise<BenchResult> {
    const rounds = quick ? 1 : 2;
    const quietMs = quick ? 1500 : 2500;
    const sizes = [
      { label: "demo hall (baseline)", extra: 0 },
      { label: "+200 things", extra: 200 },
      { label: "+1,000 things", extra: 1000 },
    ];

    // GLB intake first, alone on the CPU: no server or browser beside it.
    log("GLB intake: building the models");
    const glbRows: Row[] = [];
    let glbAllSmaller = true;
    const knot = { glb: new Uint8Array(), ms: 0 };
    for (const c of await glbCases(quick)) {
      const t0 = performance.now();
      const out = await intakeGlb(c.glb);
      const ms = performance.now() - t0;
      glbAllSmaller &&= out.bytes <= c.glb.byteLength;
      if (c.kind === "uploaded model" && c.name.startsWith("torus knot")) Object.assign(knot, { glb: c.glb, ms });
      glbRows.push({ model: c.name, from: c.kind, "bytes in": c.glb.byteLength, "bytes out": out.bytes, "out / in": out.bytes / c.glb.byteLength, triangles: out.triangles, textures: out.textures, "intake ms": ms });
      log(`GLB intake: ${c.name}: ${c.glb.byteLength} → ${out.bytes} bytes in ${ms.toFixed(0)} ms`);
    }

    const server: ProductServer = await startProductServer({ ATRIUM_DEMO_STAFF: "1" });
    let browser: Browser | undefined;
    try {
      const api = await StudioApi.signIn(server.url);
      const stored: StoredScene[] = [];
      for (const size of sizes) {
        const scene = sceneWithExtras(novaElectronics, size.extra);
        stored.push(await putScene(api, size.label, size.extra, scene));
        log(`scene ${size.label}: ${stored.at(-1)!.id}, ${stored.at(-1)!.draftBytes} bytes`);
      }
      const [baseline, two, thousand] = stored as [StoredScene, StoredScene, StoredScene];

      // The knot once more through the upload API: the worker thread, stored as a product.
      const upload = await api.call<{ asset: { bytes: number; originalBytes: number; triangles: number } }>("POST", "/assets?name=Bench%20knot", knot.glb);
      glbRows.push({ model: "torus knot, uploaded through the API", from: "POST /api/studio/assets", "bytes in": upload.body.asset.originalBytes, "bytes out": upload.body.asset.bytes, "out / in": upload.body.asset.bytes / upload.body.asset.originalBytes, triangles: upload.body.asset.triangles, textures: null, "intake ms": upload.ms });

      // The server's first render of each route is not what is measured.
      for (const path of ["/hall/demo", `/studio/${baseline.id}`]) await (await fetch(`${server.url}${path}`)).text();
      browser = await launchChromium();
      // The first page of each kind in a browser compiles its scripts for the first time.
      log("warm-up: the hall and the studio once each, not measured");
      await showInHall(api, baseline);
      await loadHall(browser, server.url, 500);
      await loadStudio(browser, server.url, baseline.id, 500);

      const hall = new Map<string, (SceneLoad & { geometries: number; textures: number })[]>();
      const studioLoads = new Map<string, StudioLoad[]>();
      for (let round = 0; round < rounds; round++) {
        const forward = round % 2 === 0;
        for (const scene of forward ? [baseline, two] : [two, baseline]) {
          await showInHall(api, scene);
          log(`hall, ${scene.label}, round ${round + 1}`);
          const load = await loadHall(browser, server.url, quietMs);
          hall.set(scene.id, [...(hall.get(scene.id) ?? []), load]);
          log(`hall, ${scene.label}: complete at ${seconds(load.completeMs).toFixed(1)} s, ${load.calls} calls`);
        }
        for (const scene of forward ? [baseline, two, thousand] : [thousand, two, baseline]) {
          log(`studio, ${scene.label}, round ${round + 1}`);
          const load = await loadStudio(browser, server.url, scene.id, quietMs);
          studioLoads.set(scene.id, [...(studioLoads.get(scene.id) ?? []), load]);
          log(`studio, ${scene.label}: complete at ${seconds(load.completeMs).toFixed(1)} s, ${load.calls} calls, heap ${load.heapMB.toFixed(1)} MB`);
        }
      }
      await showInHall(api, baseline);

      const avg = <T>(list: readonly T[], pick: (t: T) => number) => mean(list.map(pick));
      const hallBase = avg(hall.get(baseline.id)!, (l) => l.completeMs);
      const studioBase = avg(studioLoads.get(baseline.id)!, (l) => l.completeMs);
      const heapBase = avg(studioLoads.get(baseline.id)!, (l) => l.heapMB);
      const hallRows: Row[] = [baseline, two].map((s) => {
        const loads = hall.get(s.id)!;
        return {
          scene: s.label,
          "first frame s": seconds(avg(loads, (l) => l.firstMs)),
          "complete s": seconds(avg(loads, (l) => l.completeMs)),
          "complete s (runs)": runs(loads.map((l) => seconds(l.completeMs))),
          "Enter → complete s": seconds(avg(loads, (l) => l.fromClickMs ?? Number.NaN)),
          "× baseline": avg(loads, (l) => l.completeMs) / hallBase,
          "frame ms": avg(loads, (l) => l.frameMs),
          "draw calls": loads.at(-1)!.calls,
          triangles: loads.at(-1)!.triangles,
          geometries: loads.at(-1)!.geometries,
          textures: loads.at(-1)!.textures,
        };
      });
      const studioRows: Row[] = stored.map((s) => {
        const loads = studioLoads.get(s.id)!;
        return {
          scene: s.label,
          "first frame s": seconds(avg(loads, (l) => l.firstMs)),
          "complete s": seconds(avg(loads, (l) => l.completeMs)),
          "complete s (runs)": runs(loads.map((l) => seconds(l.completeMs))),
          "× baseline": avg(loads, (l) => l.completeMs) / studioBase,
          "frame ms": avg(loads, (l) => l.frameMs),
          "draw calls": loads.at(-1)!.calls,
          triangles: loads.at(-1)!.triangles,
          "JS heap MB": avg(loads, (l) => l.heapMB),
          "heap × baseline": avg(loads, (l) => l.heapMB) / heapBase,
          "DOM nodes": avg(loads, (l) => l.domNodes),
        };
      });
      const sceneRows: Row[] = stored.map((s) => ({
        scene: s.label,
        "placed things": s.things,
        "draft KB": s.draftBytes / 1024,
        "GET draft + checks ms": s.detailMs,
        errors: s.errors,
        warnings: s.warnings,
      }));

      const studio200 = avg(studioLoads.get(two.id)!, (l) => l.completeMs) / studioBase;
      const studio1000 = avg(studioLoads.get(thousand.id)!, (l) => l.completeMs) / studioBase;
      const hall200 = avg(hall.get(two.id)!, (l) => l.completeMs) / hallBase;
      const heap1000 = avg(studioLoads.get(thousand.id)!, (l) => l.heapMB);
      const mix = extrasMix(novaElectronics, 1000);
      const goals: Goal[] = [
        { target: "studio: 200 more things complete within 3× the demo hall's time", measured: `${studio200.toFixed(2)}× (${seconds(avg(studioLoads.get(two.id)!, (l) => l.completeMs)).toFixed(1)} s vs ${seconds(studioBase).toFixed(1)} s)`, met: studio200 <= 3 },
        { target: "GLB intake output ≤ input for every model", measured: glbAllSmaller ? "every model" : `larger: ${glbRows.filter((r) => (r["out / in"] as number) > 1).map((r) => r.model).join(", ")}`, met: glbAllSmaller },
      ];
      return {
        tables: [
          { title: "Scenes, as the studio API stored them", rows: sceneRows },
          { title: `Hall: a visitor's fresh page, navigation → scene complete (mean of ${rounds})`, rows: hallRows },
          { title: `Studio: a marketer's fresh page on /studio/<id>, navigation → scene complete (mean of ${rounds}); JS heap after GC`, rows: studioRows },
          { title: "GLB intake: bytes before / after", rows: glbRows },
        ],
        summary: {
          hallBaselineS: seconds(hallBase), hall200Ratio: hall200,
          studioBaselineS: seconds(studioBase), studio200Ratio: studio200, studio1000Ratio: studio1000,
          studioHeapBaselineMB: heapBase, studioHeap1000MB: heap1000, studioHeap1000Ratio: heap1000 / heapBase,
          knotBytesIn: knot.glb.byteLength, knotIntakeMs: knot.ms, glbAllSmaller,
        },
        goals,
        notes: [
          `Extra things (1,000): ${mix.booth} booths with procedural products, ${mix.obstacle} furniture obstacles, ${mix.sign} hanging signs, ${mix.block} blocks, ${mix.screen} screens and ${mix.whiteboard} whiteboards on the walls (the format's limits: 200 booths, 400 obstacles, 200 signs, 200 blocks, 30 screens, 30 boards); 200 in the proportions 30 / 30 / 20 / 15 / 2.5 / 2.5 %. Floor things are 0.3 m across on islands with aisles, so everything stays reachable; at 1,000 some share a spot (overlap warnings).`,
          "Frames are counted from outside (WebGL draw calls per canvas, grouped per task); 'complete' is the first frame with the draw calls and triangles the canvas keeps drawing. Headless Chromium renders with SwiftShader (CPU) here: absolute times are far above a GPU's, ratios carry over better.",
          "Draw calls and triangles are the last run's; the hall's vary a little with where the visitor appears (a random point near the entrance) and so what is in view.",
          "Each load is a fresh browser context (cold HTTP cache), after one unmeasured warm-up load of each page; the hall's time includes the lobby (filling the name, Enter). JS heap: CDP Performance.getMetrics after HeapProfiler.collectGarbage. GPU memory is not measured (SwiftShader).",
          "GLB intake runs in this process (main thread), alone on the CPU; the API upload runs it on the server's worker thread and includes the HTTP round trip and storing. Demo products are exported with three's GLTFExporter (one mesh per finish, vertex colours); the hall draws them merged, not from GLB.",
        ],
      };
    } finally {
      await browser?.close();
      await server.stop();
    }
  },
};

export default studio;
