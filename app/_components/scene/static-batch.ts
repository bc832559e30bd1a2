import { Color, Euler, Float32BufferAttribute, Matrix4, Quaternion, Vector3, type BufferGeometry } from "three";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";

/**
 * How a part's surface reads. Every part of the same finish, whatever its colour, is drawn
 * in one call: the colour travels as a vertex attribute. A whole showroom's furniture and
 * products come to about ten draw calls this way, which is what keeps software-rendered
 * pages walkable.
 */
export type Finish = "matte" | "satin" | "gloss" | "metal" | "wood" | "glow" | "glass" | "shadow" | "sign";

export type Vec3 = readonly [number, number, number];
/** A colour for the whole part, or one per vertex from its local position (gradients on screens). */
export type Paint = string | ((local: Vector3) => Color);

const scratch = { position: new Vector3(), quaternion: new Quaternion(), scale: new Vector3(), euler: new Euler(), matrix: new Matrix4() };

/** Collects static parts by finish, then merges each finish into one geometry. */
export class StaticBatch {
  readonly #parts = new Map<Finish, BufferGeometry[]>();

  add(finish: Finish, geometry: BufferGeometry, matrix: Matrix4, paint: Paint): void {
    const part = geometry.index ? geometry.toNonIndexed() : geometry;
    if (part !== geometry) geometry.dispose();
    for (const name of Object.keys(part.attributes)) if (name !== "position" && name !== "normal" && name !== "uv") part.deleteAttribute(name);
    const count = part.attributes.position!.count;
    if (!part.attributes.uv) part.setAttribute("uv", new Float32BufferAttribute(new Float32Array(count * 2), 2));
    const colors = new Float32Array(count * 3);
    const local = new Vector3();
    const solid = typeof paint === "string" ? new Color(paint) : undefined;
    for (let i = 0; i < count; i++) {
      const c = solid ?? (paint as (p: Vector3) => Color)(local.fromBufferAttribute(part.attributes.position!, i));
      colors[i * 3] = c.r;
      colors[i * 3 + 1] = c.g;
      colors[i * 3 + 2] = c.b;
    }
    part.setAttribute("color", new Float32BufferAttribute(colors, 3));
    part.applyMatrix4(matrix);
    let list = this.#parts.get(finish);
    if (!list) this.#parts.set(finish, (list = []));
    list.push(part);
  }

  /** One merged geometry per finish; the parts are released. */
  build(): Map<Finish, BufferGeometry> {
    const merged = new Map<Finish, BufferGeometry>();
    for (const [finish, parts] of this.#parts) {
      const geometry = mergeGeometries(parts, false);
      for (const p of parts) p.dispose();
      if (!geometry) throw new Error(`could not merge the ${finish} parts`);
      geometry.computeBoundingSphere();
      merged.set(finish, geometry);
    }
    this.#parts.clear();
    return merged;
  }
}

/**
 * A local frame to build in: position, then yaw/pitch/roll, then scale, relative to its
 * parent. Models are written in their own frame (origin on the stand's top, +z to the front)
 * and placed with one `frame` call.
 */
export class Parts {
  readonly #batch: StaticBatch;
  readonly #matrix: Matrix4;

  constructor(batch: StaticBatch, matrix: Matrix4 = new Matrix4()) {
    this.#batch = batch;
    this.#matrix = matrix;
  }

  /** A child frame at `at`, turned by `rotation` (radians about x, y, z), scaled by `scale`. */
  frame(at: Vec3, rotation: Vec3 = [0, 0, 0], scale = 1): Parts {
    return new Parts(this.#batch, this.#matrix.clone().multiply(compose(at, rotation, [scale, scale, scale])));
  }

  /** Adds a geometry (built around its own origin) at `at`, turned by `rotation`, stretched by `scale`. */
  add(finish: Finish, paint: Paint, geometry: BufferGeometry, at: Vec3 = [0, 0, 0], rotation: Vec3 = [0, 0, 0], scale: Vec3 = [1, 1, 1]): this {
    this.#batch.add(finish, geometry, this.#matrix.clone().multiply(compose(at, rotation, scale)), paint);
    return this;
  }
}

function compose(at: Vec3, rotation: Vec3, scale: Vec3): Matrix4 {
  const { position, quaternion, euler, matrix } = scratch;
  position.set(at[0], at[1], at[2]);
  quaternion.setFromEuler(euler.set(rotation[0], rotation[1], rotation[2], "YXZ"));
  return matrix.clone().compose(position, quaternion, scratch.scale.set(scale[0], scale[1], scale[2]));
}
