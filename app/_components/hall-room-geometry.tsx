"use client";
import { useCanvasTexture } from "./use-canvas-texture.ts";
import type { Scene, Zone } from "../../scenes/scene-format.ts";

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
    <>
      <color attach="background" args={[palette.sky]} />
      <fog attach="fog" args={[palette.sky, 25, 60]} />
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
      <SignBoard text={scene.name} color={palette.accent} position={[cx, wallHeight - 0.9, bounds.minZ + 0.02]} />
      {scene.blocks.map((b, i) => (
        <mesh key={i} position={[b.at.x, b.size.y / 2, b.at.z]} castShadow receiveShadow>
          <boxGeometry args={[b.size.x, b.size.y, b.size.z]} />
          <meshStandardMaterial color={b.color} roughness={0.5} metalness={0.05} />
        </mesh>
      ))}
      {scene.zones.map((zone) => (
        <ZoneMarker key={zone.id} zone={zone} accent={palette.accent} />
      ))}
      {scene.blocks.map((b, i) => (b.label ? <Label key={`l${i}`} text={b.label} position={[b.at.x, b.size.y + 0.35, b.at.z]} /> : null))}
      {/* skirting in the accent colour grounds the walls */}
      {walls.map((w, i) => (
        <mesh key={`s${i}`} position={[w.pos[0], 0.08, w.pos[2]]}>
          <boxGeometry args={[w.size[0] + 0.02, 0.16, w.size[2] + 0.02]} />
          <meshStandardMaterial color={palette.accent} roughness={0.6} />
        </mesh>
      ))}
    </>
  );
}

/**
 * A private booth is drawn as glass walls (you can see in, you cannot hear in); a stage as a
 * low platform. Both carry their label.
 */
function ZoneMarker({ zone, accent }: { zone: Zone; accent: string }) {
  const { minX, minZ, maxX, maxZ } = zone.rect;
  const w = maxX - minX;
  const d = maxZ - minZ;
  const cx = (minX + maxX) / 2;
  const cz = (minZ + maxZ) / 2;
  if (zone.kind === "stage") {
    return (
      <group>
        <mesh position={[cx, 0.04, cz]} receiveShadow>
          <boxGeometry args={[w, 0.08, d]} />
          <meshStandardMaterial color="#8c7a63" roughness={0.6} />
        </mesh>
        <Label text={zone.label} position={[cx, 2.6, cz]} />
      </group>
    );
  }
  const h = 2.4;
  const panes: { pos: [number, number, number]; size: [number, number, number] }[] = [
    { pos: [cx, h / 2, minZ], size: [w, h, 0.05] },
    { pos: [minX, h / 2, cz], size: [0.05, h, d] },
  ];
  return (
    <group>
      {panes.map((p, i) => (
        <mesh key={i} position={p.pos}>
          <boxGeometry args={p.size} />
          <meshPhysicalMaterial color="#dbeef2" transparent opacity={0.28} roughness={0.05} metalness={0} depthWrite={false} />
        </mesh>
      ))}
      {panes.map((p, i) => (
        <mesh key={`f${i}`} position={[p.pos[0], h, p.pos[2]]}>
          <boxGeometry args={[p.size[0] + 0.04, 0.06, p.size[2] + 0.04]} />
          <meshStandardMaterial color={accent} roughness={0.5} />
        </mesh>
      ))}
      <mesh rotation={[-Math.PI / 2, 0, 0]} position={[cx, 0.006, cz]} receiveShadow>
        <planeGeometry args={[w, d]} />
        <meshStandardMaterial color="#d8cfc0" roughness={0.9} />
      </mesh>
      <Label text={zone.label} position={[cx, h + 0.35, cz]} />
    </group>
  );
}

/** The hall's name on the back wall, white on the accent colour. */
function SignBoard({ text, color, position }: { text: string; color: string; position: [number, number, number] }) {
  const texture = useCanvasTexture(
    1024,
    128,
    (ctx) => {
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, 1024, 128);
      ctx.fillStyle = "#ffffff";
      ctx.font = "600 64px system-ui, sans-serif";
      ctx.fillText(text, 512, 68, 980);
    },
    [text, color],
  );
  return (
    <mesh position={position}>
      <planeGeometry args={[8, 1]} />
      <meshStandardMaterial map={texture} roughness={0.6} />
    </mesh>
  );
}

/** A flat sign floating above a counter or plinth. */
function Label({ text, position }: { text: string; position: [number, number, number] }) {
  const texture = useCanvasTexture(
    512,
    96,
    (ctx) => {
      ctx.fillStyle = "#1d2a30";
      ctx.font = "600 52px system-ui, sans-serif";
      ctx.fillText(text, 256, 50, 500);
    },
    [text],
  );
  return (
    <sprite position={position} scale={[1.8, 0.34, 1]}>
      <spriteMaterial map={texture} transparent depthWrite={false} />
    </sprite>
  );
}
