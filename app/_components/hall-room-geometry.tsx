"use client";
import type { Scene } from "../../scenes/scene-format.ts";

/** Floor, walls, counters and lights of a scene. Static: built once per scene. */
export function HallRoomGeometry({ scene }: { scene: Scene }) {
  const { bounds, wallHeight, palette } = scene;
  const width = bounds.maxX - bounds.minX;
  const depth = bounds.maxZ - bounds.minZ;
  const cx = (bounds.minX + bounds.maxX) / 2;
  const cz = (bounds.minZ + bounds.maxZ) / 2;
  const t = 0.2;
  const walls: { pos: [number, number, number]; size: [number, number, number] }[] = [
    { pos: [cx, wallHeight / 2, bounds.minZ - t / 2], size: [width + 2 * t, wallHeight, t] },
    { pos: [cx, wallHeight / 2, bounds.maxZ + t / 2], size: [width + 2 * t, wallHeight, t] },
    { pos: [bounds.minX - t / 2, wallHeight / 2, cz], size: [t, wallHeight, depth] },
    { pos: [bounds.maxX + t / 2, wallHeight / 2, cz], size: [t, wallHeight, depth] },
  ];
  return (
    <group>
      <color attach="background" args={[palette.sky]} />
      <hemisphereLight args={[palette.sky, palette.floor, 0.9]} />
      <ambientLight intensity={0.25} />
      <directionalLight
        position={[6, 12, 8]}
        intensity={1.6}
        castShadow
        shadow-mapSize={[1024, 1024]}
        shadow-camera-left={-width / 2}
        shadow-camera-right={width / 2}
        shadow-camera-top={depth / 2}
        shadow-camera-bottom={-depth / 2}
      />
      <mesh rotation={[-Math.PI / 2, 0, 0]} position={[cx, 0, cz]} receiveShadow>
        <planeGeometry args={[width, depth]} />
        <meshStandardMaterial color={palette.floor} roughness={0.85} />
      </mesh>
      {/* a lighter inlay marks the central walkway */}
      <mesh rotation={[-Math.PI / 2, 0, 0]} position={[cx, 0.005, cz]} receiveShadow>
        <planeGeometry args={[3, depth - 1]} />
        <meshStandardMaterial color="#ebe6de" roughness={0.7} />
      </mesh>
      {walls.map((w, i) => (
        <mesh key={i} position={w.pos} receiveShadow>
          <boxGeometry args={w.size} />
          <meshStandardMaterial color={palette.walls} roughness={0.9} />
        </mesh>
      ))}
      <mesh position={[cx, wallHeight - 0.6, bounds.minZ + 0.02]}>
        <planeGeometry args={[8, 0.9]} />
        <meshStandardMaterial color={palette.accent} roughness={0.6} />
      </mesh>
      {scene.blocks.map((b, i) => (
        <mesh key={i} position={[b.at.x, b.size.y / 2, b.at.z]} castShadow receiveShadow>
          <boxGeometry args={[b.size.x, b.size.y, b.size.z]} />
          <meshStandardMaterial color={b.color} roughness={0.5} metalness={0.05} />
        </mesh>
      ))}
    </group>
  );
}
