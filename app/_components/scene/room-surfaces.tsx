"use client";
import { useThree } from "@react-three/fiber";
import { useEffect, useMemo } from "react";
import { Color, LinearMipmapNearestFilter, MeshBasicMaterial, MeshStandardMaterial, PlaneGeometry, Vector3, type BufferGeometry } from "three";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";
import type { Rect, Scene, SurfaceMaterial } from "../../../scenes/scene-format.ts";
import { shadeVertices, type Irradiance } from "./baked-lighting.ts";
import { floorOcclusion, wallOcclusion } from "./room-occlusion.ts";
import { paintSurface } from "./surface-textures.ts";

interface Surface {
  key: string;
  geometry: BufferGeometry;
  material: MeshStandardMaterial | MeshBasicMaterial;
}

/**
 * The floor, the floor's other finishes and the four walls, each finish textured with its
 * generated pattern. Surfaces sharing a finish share one material and one merged mesh; UVs
 * are in pattern repeats, so a pattern keeps its scale on every wall. Floors and walls are
 * subdivided (half a metre) and carry soft occlusion in their vertex colours. These cover
 * most of the picture, so on the low preset (`bakedLight` given) they are drawn unlit with
 * their light baked into the same vertices, and without anisotropic filtering.
 */
export function RoomSurfaces({ scene, bakedLight }: { scene: Scene; bakedLight?: Irradiance }) {
  const gl = useThree((s) => s.gl);
  const surfaces = useMemo(() => buildSurfaces(scene, bakedLight, Math.min(8, gl.capabilities.getMaxAnisotropy())), [scene, bakedLight, gl]);
  useEffect(
    () => () => {
      for (const s of surfaces) {
        s.geometry.dispose();
        s.material.map?.dispose();
        s.material.dispose();
      }
    },
    [surfaces],
  );
  return (
    <>
      {surfaces.map((s) => (
        <mesh key={s.key} name={`room:${s.key}`} geometry={s.geometry} material={s.material} receiveShadow />
      ))}
    </>
  );
}

function buildSurfaces(scene: Scene, bakedLight: Irradiance | undefined, maxAnisotropy: number): Surface[] {
  const { minX, minZ, maxX, maxZ } = scene.bounds;
  const H = scene.wallHeight;
  const groups = new Map<string, { spec: SurfaceMaterial; parts: BufferGeometry[]; layer: number }>();
  const put = (spec: SurfaceMaterial, geometry: BufferGeometry, layer: number) => {
    const key = `${layer}:${JSON.stringify(spec)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { spec, parts: [], layer }));
    g.parts.push(geometry);
  };
  put(scene.materials.floor, floorPlane(scene.bounds, scene.materials.floor.tile, 0), 0);
  scene.materials.areas.forEach((area) => put(area.material, floorPlane(area.rect, area.material.tile, 0.002), 1));
  const { walls, backWall = walls } = scene.materials;
  const width = maxX - minX;
  const depth = maxZ - minZ;
  for (const [x, z, len, rotation, finish] of [
    [(minX + maxX) / 2, minZ, width, 0, backWall],
    [(minX + maxX) / 2, maxZ, width, Math.PI, walls],
    [minX, (minZ + maxZ) / 2, depth, Math.PI / 2, walls],
    [maxX, (minZ + maxZ) / 2, depth, -Math.PI / 2, walls],
  ] as const) {
    const g = tiled(new PlaneGeometry(len, H, Math.ceil(len), Math.ceil(H / 0.5)), len / finish.tile, H / finish.tile);
    g.rotateY(rotation);
    g.translate(x, H / 2, z);
    put(finish, g, 2);
  }
  return [...groups.entries()].map(([key, g]) => {
    const geometry = mergeGeometries(g.parts)!;
    for (const p of g.parts) p.dispose();
    shadeRoom(geometry, g.layer === 2 ? "wall" : "floor", scene, bakedLight);
    const map = paintSurface(g.spec, bakedLight ? 512 : 1024);
    map.anisotropy = bakedLight ? 1 : maxAnisotropy;
    // One mip level read instead of two: a tenth of the room's cost on a software renderer.
    if (bakedLight) map.minFilter = LinearMipmapNearestFilter;
    // Floor finishes lie on top of each other: the later one wins without flicker.
    const layering = { polygonOffset: g.layer === 1, polygonOffsetFactor: -1, polygonOffsetUnits: -1 };
    const material =
      bakedLight
        ? new MeshBasicMaterial({ map, vertexColors: true, ...layering })
        : new MeshStandardMaterial({ map, vertexColors: true, roughness: g.spec.roughness, metalness: g.spec.metalness ?? 0, ...layering });
    return { key, geometry, material };
  });
}

/** Occlusion, and on the low preset the light, into the vertex colours. */
function shadeRoom(geometry: BufferGeometry, kind: "floor" | "wall", scene: Scene, bakedLight: Irradiance | undefined): void {
  const floor = floorOcclusion(scene);
  const wall = wallOcclusion(scene.wallHeight);
  const { position, normal } = geometry.attributes;
  const p = new Vector3();
  const n = new Vector3();
  const c = new Color();
  shadeVertices(geometry, (i) => {
    p.fromBufferAttribute(position!, i);
    const ao = kind === "floor" ? floor(p.x, p.z) : wall(p.y);
    return (bakedLight ? bakedLight(n.fromBufferAttribute(normal!, i), p, c) : c.setRGB(1, 1, 1)).multiplyScalar(ao);
  });
}

function floorPlane(r: Rect, tile: number, y: number): BufferGeometry {
  const w = r.maxX - r.minX;
  const d = r.maxZ - r.minZ;
  const g = new PlaneGeometry(w, d, Math.ceil(w / 0.5), Math.ceil(d / 0.5));
  g.rotateX(-Math.PI / 2);
  g.translate((r.minX + r.maxX) / 2, y, (r.minZ + r.maxZ) / 2);
  // World-anchored UVs: a pattern runs on across areas instead of restarting at each.
  const pos = g.attributes.position!;
  const uv = g.attributes.uv!;
  for (let i = 0; i < pos.count; i++) uv.setXY(i, pos.getX(i) / tile, -pos.getZ(i) / tile);
  return g;
}

function tiled(g: PlaneGeometry, repeatU: number, repeatV: number): PlaneGeometry {
  const uv = g.attributes.uv!;
  for (let i = 0; i < uv.count; i++) uv.setXY(i, uv.getX(i) * repeatU, uv.getY(i) * repeatV);
  return g;
}
