import { BufferAttribute, BufferGeometry, Color, Uint16BufferAttribute } from "three";
import { type BoneName, boneIndex } from "./skeleton-names.ts";

/** Up to four (bone, weight) pairs; normalised when added. */
export type Skin = ReadonlyArray<readonly [BoneName, number]>;

export type Rgb = readonly [number, number, number];

/** A hex sRGB colour in the linear space glTF COLOR_0 and three's vertex colours use. */
export function linearRgb(hex: string): Rgb {
  const c = new Color(hex);
  return [c.r, c.g, c.b];
}

export function mixRgb(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

export function scaleRgb(a: Rgb, k: number): Rgb {
  return [a[0] * k, a[1] * k, a[2] * k];
}

/**
 * Growable vertex soup for one draw call: positions, vertex colours and skinning. Parts are
 * appended into one of these per mesh, so the avatar stays at a handful of draw calls.
 */
export class MeshPart {
  readonly positions: number[] = [];
  readonly colors: number[] = [];
  readonly joints: number[] = [];
  readonly weights: number[] = [];
  readonly indices: number[] = [];

  get vertexCount(): number {
    return this.positions.length / 3;
  }

  addVertex(x: number, y: number, z: number, color: Rgb, skin: Skin): number {
    this.positions.push(x, y, z);
    this.colors.push(color[0], color[1], color[2]);
    const pairs = skin.filter(([, w]) => w > 1e-4).sort((a, b) => b[1] - a[1]).slice(0, 4);
    const total = pairs.reduce((sum, [, w]) => sum + w, 0);
    const joints = [0, 0, 0, 0];
    const weights = [0, 0, 0, 0];
    pairs.forEach(([bone, w], i) => {
      joints[i] = boneIndex(bone);
      weights[i] = w / total;
    });
    this.joints.push(...joints);
    this.weights.push(...weights);
    return this.vertexCount - 1;
  }

  addTriangle(a: number, b: number, c: number): void {
    this.indices.push(a, b, c);
  }

  /** Quad a-b-c-d counter-clockwise when seen from the side its normal faces. */
  addQuad(a: number, b: number, c: number, d: number): void {
    this.indices.push(a, b, c, a, c, d);
  }

  setPosition(i: number, x: number, y: number, z: number): void {
    this.positions[i * 3] = x;
    this.positions[i * 3 + 1] = y;
    this.positions[i * 3 + 2] = z;
  }

  append(other: MeshPart): number {
    const offset = this.vertexCount;
    this.positions.push(...other.positions);
    this.colors.push(...other.colors);
    this.joints.push(...other.joints);
    this.weights.push(...other.weights);
    for (const i of other.indices) this.indices.push(i + offset);
    return offset;
  }

  toGeometry(): BufferGeometry {
    const geometry = new BufferGeometry();
    geometry.setAttribute("position", new BufferAttribute(new Float32Array(this.positions), 3));
    geometry.setAttribute("color", new BufferAttribute(new Float32Array(this.colors), 3));
    geometry.setAttribute("skinIndex", new Uint16BufferAttribute(this.joints, 4));
    geometry.setAttribute("skinWeight", new BufferAttribute(new Float32Array(exactWeights(this.weights)), 4));
    geometry.setIndex(this.indices);
    geometry.computeVertexNormals();
    repairNormals(geometry);
    return geometry;
  }
}

/** glTF validators reject weight sums off by float noise, so fold the rounding into the largest. */
function exactWeights(weights: readonly number[]): number[] {
  const out = Array.from(weights, (w) => Math.fround(w));
  for (let i = 0; i < out.length; i += 4) {
    const rest = Math.fround(out[i + 1]! + out[i + 2]! + out[i + 3]!);
    out[i] = Math.fround(1 - rest);
  }
  return out;
}

/** A vertex only on degenerate triangles gets a zero normal, which glTF forbids. */
function repairNormals(geometry: BufferGeometry): void {
  const normals = geometry.getAttribute("normal");
  for (let i = 0; i < normals.count; i++) {
    const length = Math.hypot(normals.getX(i), normals.getY(i), normals.getZ(i));
    if (!(length > 0.5)) normals.setXYZ(i, 0, 1, 0);
  }
}
