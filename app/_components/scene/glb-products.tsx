"use client";
import { useLoader } from "@react-three/fiber";
import { Suspense, useMemo } from "react";
import { Box3, Vector3 } from "three";
import { GLTFLoader } from "three/examples/jsm/loaders/GLTFLoader.js";
import { MeshoptDecoder } from "three/examples/jsm/libs/meshopt_decoder.module.js";
import type { Booth, Scene } from "../../../scenes/scene-format.ts";

/** Booths whose product is a GLB file served by this site, placed on top of their stands. */
export function GlbProducts({ scene }: { scene: Scene }) {
  const booths = scene.booths.filter((b) => b.product.kind === "glb");
  return (
    <>
      {booths.map((b) => (
        <Suspense key={b.id} fallback={null}>
          <GlbProduct booth={b} />
        </Suspense>
      ))}
    </>
  );
}

/** The studio compresses uploaded models with meshopt; the decoder ships with three (no download). */
const withMeshopt = (loader: GLTFLoader) => {
  loader.setMeshoptDecoder(MeshoptDecoder);
};

/**
 * A model stands on its stand whatever its own origin: centred over the stand, its lowest point
 * on the top. Without a scale of its own, one wider than the stand is shrunk to fit it (a marketer's
 * upload in centimetres or a whole room must not swallow the booth).
 */
function GlbProduct({ booth }: { booth: Booth }) {
  const product = booth.product as Extract<Booth["product"], { kind: "glb" }>;
  const gltf = useLoader(GLTFLoader, product.url, withMeshopt);
  const { model, scale } = useMemo(() => {
    const model = gltf.scene.clone(true);
    const box = new Box3().setFromObject(model);
    const size = box.getSize(new Vector3());
    const centre = box.getCenter(new Vector3());
    model.position.set(-centre.x, -box.min.y, -centre.z);
    const room = Math.min(booth.size.x, booth.size.z) * 0.9;
    const widest = Math.max(size.x, size.z, 1e-6);
    return { model, scale: product.scale ?? (widest > room ? room / widest : 1) };
  }, [gltf, booth.size.x, booth.size.z, product.scale]);
  return (
    <group name={`product:${booth.id}`} position={[booth.at.x, booth.size.y, booth.at.z]} rotation={[0, booth.rotation, 0]} scale={[scale, scale, scale]}>
      <primitive object={model} />
    </group>
  );
}
