import { BufferAttribute, BufferGeometry, type Material, type Object3D, SkinnedMesh } from "three";

/**
 * A cheap stand-in for an avatar seen from afar: each skinned mesh gets a coarse twin, made by
 * vertex clustering, bound to the same skeleton (so the one procedural rig moves both) and
 * hidden until the figure is far away. Morph targets are left out: a blink or a mouth shape
 * is a pixel or two beyond ten metres, while 67 targets cost every vertex on the GPU.
 *
 * Clustering: vertices sharing a grid cell *and* facing the same way (dominant normal axis)
 * merge into one at their mean position and colour, with the skin weights of the member
 * nearest that mean; triangles whose corners merged away are dropped. Keying on the normal
 * keeps thin shells (hair over skull, lids over eyes, sleeve over arm) from folding into each
 * other. Only for generated avatars: an uploaded GLB's UV seams would not survive it.
 */
export const FAR_MESH_SUFFIX = "_Far";

export interface FarDetail {
  near: SkinnedMesh[];
  far: SkinnedMesh[];
}

/** Adds a coarse twin beside every skinned mesh of `root` (hidden); returns both sets. */
export function addFarDetail(root: Object3D, cellSize = 0.035): FarDetail {
  const near: SkinnedMesh[] = [];
  root.traverse((o) => {
    if ((o as SkinnedMesh).isSkinnedMesh) near.push(o as SkinnedMesh);
  });
  const far = near.map((mesh) => {
    const twin = new SkinnedMesh(clusterVertices(mesh.geometry, cellSize), mesh.material as Material);
    twin.name = mesh.name + FAR_MESH_SUFFIX;
    twin.position.copy(mesh.position);
    twin.quaternion.copy(mesh.quaternion);
    twin.scale.copy(mesh.scale);
    twin.castShadow = mesh.castShadow;
    // The same culling as the full mesh (app's figure culling gives every mesh one figure-wide sphere).
    twin.frustumCulled = mesh.frustumCulled;
    if (mesh.boundingSphere) twin.boundingSphere = mesh.boundingSphere.clone();
    twin.visible = false;
    mesh.parent!.add(twin);
    twin.bind(mesh.skeleton, mesh.bindMatrix);
    return twin;
  });
  return { near, far };
}

/** The merged geometry (see above): position, colour, skin and fresh normals; no morphs, no UVs. */
export function clusterVertices(source: BufferGeometry, cellSize: number): BufferGeometry {
  const position = source.getAttribute("position");
  const normal = source.getAttribute("normal"); // generated meshes always carry normals (MeshPart.toGeometry)
  const color = source.getAttribute("color");
  const skinIndex = source.getAttribute("skinIndex");
  const skinWeight = source.getAttribute("skinWeight");
  const count = position.count;

  const clusterOf = new Int32Array(count);
  const keys = new Map<string, number>();
  const sums = new Float64Array(count * 7); // x, y, z, r, g, b, members — per cluster (never more clusters than vertices)
  for (let i = 0; i < count; i++) {
    const x = position.getX(i), y = position.getY(i), z = position.getZ(i);
    const key = `${Math.floor(x / cellSize)},${Math.floor(y / cellSize)},${Math.floor(z / cellSize)},${facing(normal.getX(i), normal.getY(i), normal.getZ(i))}`;
    let c = keys.get(key);
    if (c === undefined) {
      c = keys.size;
      keys.set(key, c);
    }
    clusterOf[i] = c;
    const s = c * 7;
    sums[s]! += x;
    sums[s + 1]! += y;
    sums[s + 2]! += z;
    if (color) {
      sums[s + 3]! += color.getX(i);
      sums[s + 4]! += color.getY(i);
      sums[s + 5]! += color.getZ(i);
    }
    sums[s + 6]! += 1;
  }

  const clusters = keys.size;
  const positions = new Float32Array(clusters * 3);
  const colors = new Float32Array(clusters * 3);
  for (let c = 0; c < clusters; c++) {
    const n = sums[c * 7 + 6]!;
    for (let k = 0; k < 3; k++) {
      positions[c * 3 + k] = sums[c * 7 + k]! / n;
      colors[c * 3 + k] = sums[c * 7 + 3 + k]! / n;
    }
  }
  // Skin from the member nearest its cluster's mean, so a vertex never gets an average of
  // weights over different bone sets.
  const skinFrom = new Int32Array(clusters).fill(-1);
  const bestDistance = new Float64Array(clusters).fill(Infinity);
  for (let i = 0; i < count; i++) {
    const c = clusterOf[i]!;
    const d = (position.getX(i) - positions[c * 3]!) ** 2 + (position.getY(i) - positions[c * 3 + 1]!) ** 2 + (position.getZ(i) - positions[c * 3 + 2]!) ** 2;
    if (d < bestDistance[c]!) {
      bestDistance[c] = d;
      skinFrom[c] = i;
    }
  }

  const indices: number[] = [];
  const seen = new Set<string>();
  const corner = (t: number): number => clusterOf[source.index ? source.index.getX(t) : t]!;
  const triangles = (source.index ? source.index.count : count) / 3;
  for (let t = 0; t < triangles; t++) {
    const a = corner(t * 3), b = corner(t * 3 + 1), c = corner(t * 3 + 2);
    if (a === b || b === c || a === c) continue;
    const key = [a, b, c].sort((p, q) => p - q).join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    indices.push(a, b, c);
  }

  const out = new BufferGeometry();
  out.setAttribute("position", new BufferAttribute(positions, 3));
  if (color) out.setAttribute("color", new BufferAttribute(colors, 3));
  if (skinIndex && skinWeight) {
    const index = new (skinIndex.array.constructor as Uint16ArrayConstructor)(clusters * 4);
    const weight = new Float32Array(clusters * 4);
    for (let c = 0; c < clusters; c++) {
      const from = skinFrom[c]!;
      for (let k = 0; k < 4; k++) {
        index[c * 4 + k] = skinIndex.getComponent(from, k);
        weight[c * 4 + k] = skinWeight.getComponent(from, k);
      }
    }
    out.setAttribute("skinIndex", new BufferAttribute(index, 4));
    out.setAttribute("skinWeight", new BufferAttribute(weight, 4));
  }
  out.setIndex(indices);
  out.computeVertexNormals();
  out.computeBoundingBox();
  out.computeBoundingSphere();
  return out;
}

/** Which of the six axis directions a normal faces most. */
function facing(x: number, y: number, z: number): number {
  const ax = Math.abs(x), ay = Math.abs(y), az = Math.abs(z);
  if (ax >= ay && ax >= az) return x >= 0 ? 0 : 1;
  if (ay >= az) return y >= 0 ? 2 : 3;
  return z >= 0 ? 4 : 5;
}
