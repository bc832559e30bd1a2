"use client";
import { useLoader } from "@react-three/fiber";
import { Suspense, useMemo } from "react";
import { GLTFLoader } from "three/examples/jsm/loaders/GLTFLoader.js";
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

function GlbProduct({ booth }: { booth: Booth }) {
  const product = booth.product as Extract<Booth["product"], { kind: "glb" }>;
  const gltf = useLoader(GLTFLoader, product.url);
  const model = useMemo(() => gltf.scene.clone(true), [gltf]);
  const s = product.scale ?? 1;
  return <primitive object={model} name={`product:${booth.id}`} position={[booth.at.x, booth.size.y, booth.at.z]} rotation={[0, booth.rotation, 0]} scale={[s, s, s]} />;
}
