import { type Document, type Material, NodeIO, Primitive, type Scene, type Texture } from "@gltf-transform/core";
import { ALL_EXTENSIONS } from "@gltf-transform/extensions";
import { renderAsync } from "@resvg/resvg-js";
import { MeshoptDecoder, MeshoptSimplifier } from "meshoptimizer";
import sharp from "sharp";

/**
 * A product model's thumbnail for the studio's lists, drawn on the server where there is no GPU
 * and no DOM: every triangle of the scene the hall shows is projected with a fixed 3/4
 * orthographic view (front-right, from above), flat-shaded by its normal against one light in the
 * material's base colour (a texture only tints it by its average colour), sorted back to front
 * (painter's algorithm) into an SVG of polygons, and rasterised by resvg. A model over the
 * thumbnail's triangle cap is decimated first (meshoptimizer's simplifier), so it keeps its
 * shape. Good enough to recognise the object at 256 px; not a renderer.
 *
 * Trusts its input: untrusted bytes go through `intakeGlb` first, which bounds what this draws.
 */

export interface ThumbnailOptions {
  /** Width and height of the PNG in pixels (default 256). */
  size?: number;
  /** CSS colour behind the model; default none (transparent), so the studio's cards show through. */
  background?: string;
  /** Most triangles drawn (default 20 000): above that the meshes are decimated. */
  maxTriangles?: number;
}

const DEFAULT_SIZE = 256;
const DEFAULT_MAX_TRIANGLES = 20_000;
const MARGIN = 0.08;
const AMBIENT = 0.38;

/** View: azimuth 35° from the front (+Z, glTF's forward) towards +X, 25° above the horizon. */
const AZIMUTH = (35 * Math.PI) / 180;
const ELEVATION = (25 * Math.PI) / 180;
type Vec3 = [number, number, number];
/** Towards the camera. */
const TOWARD: Vec3 = [Math.sin(AZIMUTH) * Math.cos(ELEVATION), Math.sin(ELEVATION), Math.cos(AZIMUTH) * Math.cos(ELEVATION)];
const RIGHT: Vec3 = normalize(cross([-TOWARD[0], -TOWARD[1], -TOWARD[2]], [0, 1, 0]));
const UP: Vec3 = cross(RIGHT, [-TOWARD[0], -TOWARD[1], -TOWARD[2]]);
/** A key light over the camera's left shoulder, so the three faces of a box read differently. */
const LIGHT: Vec3 = normalize(add(add(scale(RIGHT, -0.5), scale(UP, 0.9)), scale(TOWARD, 0.35)));

const TRIANGLES = Primitive.Mode.TRIANGLES;
const TRIANGLE_STRIP = Primitive.Mode.TRIANGLE_STRIP;
const TRIANGLE_FAN = Primitive.Mode.TRIANGLE_FAN;

interface Drawn {
  /** Screen x, y of the three corners (view units, y up). */
  xy: Float64Array;
  depth: number;
  area: number;
  rgb: Vec3;
  alpha: number;
}

/** The model's thumbnail as PNG bytes (`size`² pixels). */
export async function renderGlbThumbnail(source: Document | Uint8Array, options: ThumbnailOptions = {}): Promise<Uint8Array> {
  const doc = source instanceof Uint8Array ? await readGlb(source) : source;
  const size = options.size ?? DEFAULT_SIZE;
  const svg = await glbThumbnailSvg(doc, options);
  // No text in the drawing: skipping the system fonts saves resvg most of its start-up.
  const png = (await renderAsync(svg, { fitTo: { mode: "width", value: size }, font: { loadSystemFonts: false } })).asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** The thumbnail's SVG (what `renderGlbThumbnail` rasterises). */
export async function glbThumbnailSvg(doc: Document, options: ThumbnailOptions = {}): Promise<string> {
  const size = options.size ?? DEFAULT_SIZE;
  const maxTriangles = options.maxTriangles ?? DEFAULT_MAX_TRIANGLES;
  const triangles = await projectScene(doc, maxTriangles);
  // Decimation may stop short of the cap (it won't distort a mesh to get there); then the smallest on screen go.
  const kept = largest(triangles, maxTriangles).sort((a, b) => a.depth - b.depth);
  const fit = fitToSquare(kept, size);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">`];
  if (options.background) parts.push(`<rect width="${size}" height="${size}" fill="${escapeAttribute(options.background)}"/>`);
  for (const t of kept) {
    const points = [0, 1, 2].map((k) => `${round(fit.x(t.xy[k * 2]!))},${round(fit.y(t.xy[k * 2 + 1]!))}`).join(" ");
    const colour = hex(t.rgb);
    const opacity = t.alpha < 1 ? ` fill-opacity="${round(t.alpha)}" stroke-opacity="${round(t.alpha)}"` : "";
    // A 1 px stroke in the fill colour closes the anti-aliasing seams between neighbouring triangles.
    parts.push(`<polygon points="${points}" fill="${colour}" stroke="${colour}" stroke-width="1" stroke-linejoin="round"${opacity}/>`);
  }
  parts.push("</svg>");
  return parts.join("");
}

/** The scene the hall shows: the default one, else the first. */
export function shownScene(doc: Document): Scene | null {
  const root = doc.getRoot();
  return root.getDefaultScene() ?? root.listScenes()[0] ?? null;
}

/** Error the thumbnail's decimation may introduce, relative to each mesh's size (2 % ≈ 5 px at 256). */
const DECIMATION_ERROR = 0.02;

async function projectScene(doc: Document, maxTriangles: number): Promise<Drawn[]> {
  const scene = shownScene(doc);
  if (!scene) return [];
  const placed: { matrix: readonly number[]; primitive: Primitive; indices: Uint32Array }[] = [];
  const lists = new Map<Primitive, Uint32Array>();
  let total = 0;
  scene.traverse((node) => {
    for (const primitive of node.getMesh()?.listPrimitives() ?? []) {
      const mode = primitive.getMode();
      if (!primitive.getAttribute("POSITION") || (mode !== TRIANGLES && mode !== TRIANGLE_STRIP && mode !== TRIANGLE_FAN)) continue;
      if (!lists.has(primitive)) lists.set(primitive, triangleIndices(primitive));
      const indices = lists.get(primitive)!;
      placed.push({ matrix: node.getWorldMatrix(), primitive, indices });
      total += indices.length / 3;
    }
  });
  // Over the cap, every mesh is decimated by the same share: a uniform loss of detail, where
  // dropping triangles would leave holes.
  const share = total > maxTriangles ? maxTriangles / total : 1;
  if (share < 1) await MeshoptSimplifier.ready;

  const colours = new Map<Material | null, Promise<{ rgb: Vec3; alpha: number; doubleSided: boolean }>>();
  const out: Drawn[] = [];
  for (const { matrix: m, primitive, indices: list } of placed) {
    const material = primitive.getMaterial();
    if (!colours.has(material)) colours.set(material, materialColour(material));
    const { rgb, alpha, doubleSided } = await colours.get(material)!;
    // A mirroring transform flips the winding, as it does on the GPU.
    const det = m[0]! * (m[5]! * m[10]! - m[6]! * m[9]!) - m[4]! * (m[1]! * m[10]! - m[2]! * m[9]!) + m[8]! * (m[1]! * m[6]! - m[2]! * m[5]!);
    const mirror = det < 0 ? -1 : 1;
    const position = primitive.getAttribute("POSITION")!;
    const count = position.getCount();
    const world = new Float32Array(count * 3);
    const p = [0, 0, 0];
    for (let i = 0; i < count; i++) {
      position.getElement(i, p);
      world[i * 3] = m[0]! * p[0]! + m[4]! * p[1]! + m[8]! * p[2]! + m[12]!;
      world[i * 3 + 1] = m[1]! * p[0]! + m[5]! * p[1]! + m[9]! * p[2]! + m[13]!;
      world[i * 3 + 2] = m[2]! * p[0]! + m[6]! * p[1]! + m[10]! * p[2]! + m[14]!;
    }
    let indices = list;
    if (share < 1 && indices.length > 3 * 64) {
      const target = Math.max(3, Math.floor((indices.length / 3) * share) * 3);
      [indices] = MeshoptSimplifier.simplify(indices, world, 3, target, DECIMATION_ERROR, ["Prune"]);
    }
    for (let t = 0; t + 2 < indices.length; t += 3) {
      const drawn = shade(world, indices[t]!, indices[t + 1]!, indices[t + 2]!, mirror, doubleSided, rgb, alpha);
      if (drawn) out.push(drawn);
    }
  }
  return out;
}

/** A primitive's triangles as a plain triangle list (strips and fans unrolled), leaving out indices past its vertices. */
function triangleIndices(primitive: Primitive): Uint32Array {
  const count = primitive.getAttribute("POSITION")!.getCount();
  const indices = primitive.getIndices();
  const n = indices ? indices.getCount() : count;
  const index = indices ? (i: number) => indices.getScalar(i) : (i: number) => i;
  const mode = primitive.getMode();
  const triangles = mode === TRIANGLES ? Math.floor(n / 3) : Math.max(0, n - 2);
  const out = new Uint32Array(triangles * 3);
  let k = 0;
  for (let t = 0; t < triangles; t++) {
    let a: number, b: number, c: number;
    if (mode === TRIANGLES) [a, b, c] = [index(t * 3), index(t * 3 + 1), index(t * 3 + 2)];
    else if (mode === TRIANGLE_STRIP) [a, b, c] = t % 2 === 0 ? [index(t), index(t + 1), index(t + 2)] : [index(t + 1), index(t), index(t + 2)];
    else [a, b, c] = [index(0), index(t + 1), index(t + 2)];
    if (a >= count || b >= count || c >= count) continue;
    out[k++] = a;
    out[k++] = b;
    out[k++] = c;
  }
  return k === out.length ? out : out.slice(0, k);
}

function shade(world: Float32Array, a: number, b: number, c: number, mirror: number, doubleSided: boolean, rgb: Vec3, alpha: number): Drawn | null {
  const pa: Vec3 = [world[a * 3]!, world[a * 3 + 1]!, world[a * 3 + 2]!];
  const pb: Vec3 = [world[b * 3]!, world[b * 3 + 1]!, world[b * 3 + 2]!];
  const pc: Vec3 = [world[c * 3]!, world[c * 3 + 1]!, world[c * 3 + 2]!];
  let normal = scale(cross(sub(pb, pa), sub(pc, pa)), mirror);
  const length = Math.hypot(...normal);
  if (!(length > 0) || !Number.isFinite(length)) return null;
  normal = scale(normal, 1 / length);
  let facing = dot(normal, TOWARD);
  if (facing < 0) {
    // Back face: the hall culls it unless the material is double-sided, and then lights its other side.
    if (!doubleSided) return null;
    normal = scale(normal, -1);
    facing = -facing;
  }
  const xy = new Float64Array(6);
  let depth = 0;
  for (const [k, point] of [pa, pb, pc].entries()) {
    xy[k * 2] = dot(point, RIGHT);
    xy[k * 2 + 1] = dot(point, UP);
    depth += dot(point, TOWARD) / 3;
  }
  const area = Math.abs((xy[2]! - xy[0]!) * (xy[5]! - xy[1]!) - (xy[4]! - xy[0]!) * (xy[3]! - xy[1]!)) / 2;
  const light = AMBIENT + (1 - AMBIENT) * Math.max(0, dot(normal, LIGHT));
  return { xy, depth, area, rgb: [rgb[0] * light, rgb[1] * light, rgb[2] * light], alpha };
}

/** Linear base colour: the factor, tinted by the base colour texture's average colour when it has one. */
async function materialColour(material: Material | null): Promise<{ rgb: Vec3; alpha: number; doubleSided: boolean }> {
  if (!material) return { rgb: [0.8, 0.8, 0.8], alpha: 1, doubleSided: false };
  const [r, g, b, a] = material.getBaseColorFactor();
  const tint = await averageColour(material.getBaseColorTexture());
  const blended = material.getAlphaMode() === "BLEND";
  return { rgb: [r * tint[0], g * tint[1], b * tint[2]], alpha: blended ? Math.max(0.15, a * tint[3]) : 1, doubleSided: material.getDoubleSided() };
}

async function averageColour(texture: Texture | null): Promise<[number, number, number, number]> {
  const image = texture?.getImage();
  if (!image) return [1, 1, 1, 1];
  try {
    const { channels } = await sharp(image).ensureAlpha().stats();
    const mean = (i: number) => (channels[i]?.mean ?? 255) / 255;
    return [srgbToLinear(mean(0)), srgbToLinear(mean(1)), srgbToLinear(mean(2)), mean(3)];
  } catch {
    return [1, 1, 1, 1]; // an undecodable texture leaves the factor alone
  }
}

function largest(triangles: Drawn[], limit: number): Drawn[] {
  if (triangles.length <= limit) return triangles;
  return triangles.sort((a, b) => b.area - a.area).slice(0, limit);
}

function fitToSquare(triangles: readonly Drawn[], size: number): { x: (v: number) => number; y: (v: number) => number } {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const t of triangles) {
    for (let k = 0; k < 3; k++) {
      minX = Math.min(minX, t.xy[k * 2]!);
      maxX = Math.max(maxX, t.xy[k * 2]!);
      minY = Math.min(minY, t.xy[k * 2 + 1]!);
      maxY = Math.max(maxY, t.xy[k * 2 + 1]!);
    }
  }
  if (!Number.isFinite(minX)) return { x: () => 0, y: () => 0 };
  const extent = Math.max(maxX - minX, maxY - minY) || 1;
  const k = (size * (1 - 2 * MARGIN)) / extent;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return { x: (v) => size / 2 + (v - cx) * k, y: (v) => size / 2 - (v - cy) * k };
}

async function readGlb(glb: Uint8Array): Promise<Document> {
  await MeshoptDecoder.ready;
  const aligned = glb.byteOffset % 4 === 0 ? glb : new Uint8Array(glb); // typed-array views of the BIN chunk need it
  return new NodeIO().registerExtensions(ALL_EXTENSIONS).registerDependencies({ "meshopt.decoder": MeshoptDecoder }).readBinary(aligned);
}

function hex(linear: Vec3): string {
  return `#${linear.map((c) => Math.round(linearToSrgb(Math.min(1, Math.max(0, c))) * 255).toString(16).padStart(2, "0")).join("")}`;
}
const srgbToLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const linearToSrgb = (c: number) => (c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055);
const round = (n: number) => Math.round(n * 100) / 100;
const escapeAttribute = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
function add(a: Vec3, b: Vec3): Vec3 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}
function scale(a: Vec3, k: number): Vec3 {
  return [a[0] * k, a[1] * k, a[2] * k];
}
function normalize(a: Vec3): Vec3 {
  return scale(a, 1 / Math.hypot(...a));
}
