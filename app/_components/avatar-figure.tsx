"use client";
import { useMemo } from "react";
import { lookFor } from "../../avatars/avatar-look.ts";

/**
 * A stylised stand-in figure (body, head, hair, eyes) coloured by the visitor's look. The
 * rigged, blendshape-driven digital human replaces it in issue 3; its forward is local +z.
 */
export function AvatarFigure({ seed }: { seed: string }) {
  const look = useMemo(() => lookFor(seed), [seed]);
  const s = look.height / 1.75;
  return (
    <group scale={[s, s, s]}>
      {[-0.11, 0.11].map((x) => (
        <mesh key={x} position={[x, 0.45, 0]} castShadow>
          <capsuleGeometry args={[0.085, 0.7, 4, 12]} />
          <meshStandardMaterial color={look.bottom} roughness={0.8} />
        </mesh>
      ))}
      <mesh position={[0, 1.15, 0]} castShadow>
        <capsuleGeometry args={[0.22, 0.45, 6, 16]} />
        <meshStandardMaterial color={look.top} roughness={0.7} />
      </mesh>
      {[-0.3, 0.3].map((x) => (
        <mesh key={x} position={[x, 1.12, 0]} rotation={[0, 0, x > 0 ? 0.12 : -0.12]} castShadow>
          <capsuleGeometry args={[0.065, 0.55, 4, 10]} />
          <meshStandardMaterial color={look.top} roughness={0.7} />
        </mesh>
      ))}
      <mesh position={[0, 1.5, 0]}>
        <cylinderGeometry args={[0.06, 0.07, 0.1, 12]} />
        <meshStandardMaterial color={look.skin} roughness={0.6} />
      </mesh>
      <mesh position={[0, 1.66, 0]} castShadow>
        <sphereGeometry args={[0.15, 24, 18]} />
        <meshStandardMaterial color={look.skin} roughness={0.55} />
      </mesh>
      <mesh position={[0, 1.71, -0.015]} scale={[1.05, 0.8, 1.05]}>
        <sphereGeometry args={[0.15, 24, 12, 0, Math.PI * 2, 0, Math.PI / 1.9]} />
        <meshStandardMaterial color={look.hair} roughness={0.9} />
      </mesh>
      {[-0.05, 0.05].map((x) => (
        <mesh key={x} position={[x, 1.68, 0.135]}>
          <sphereGeometry args={[0.018, 10, 8]} />
          <meshStandardMaterial color="#1b1b1b" roughness={0.3} />
        </mesh>
      ))}
      <mesh position={[0, 1.63, 0.15]}>
        <sphereGeometry args={[0.022, 10, 8]} />
        <meshStandardMaterial color={look.skin} roughness={0.6} />
      </mesh>
    </group>
  );
}
