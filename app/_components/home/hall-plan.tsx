import type { ReactNode } from "react";
import type { Scene } from "../../../scenes/scene-format.ts";
import { counterOf, footprint, partitionRect, receptionBackdrop } from "../../../scenes/scene-layout.ts";

/** Booths are drawn in their product's colour, a little see-through so the floor's finish shows at the edges. */
const BOOTH_OPACITY = 0.82;

/** Pale walls (a white store) would vanish against the page: the plan draws them in a warm grey instead. */
function wallInk(color: string): string {
  const n = Number.parseInt(color.slice(1), 16);
  const luminance = (0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255)) / 255;
  return luminance > 0.75 ? "#8f8a82" : color;
}

const rectProps = (r: { minX: number; minZ: number; maxX: number; maxZ: number }) => ({ x: r.minX, y: r.minZ, width: r.maxX - r.minX, height: r.maxZ - r.minZ });

/**
 * A hall's floor plan drawn from its scene data, the entrance at the bottom: floor finishes,
 * the stage and private rooms, glass and walls, the reception where the concierge stands, and
 * each booth in its product's colour. A picture of the hall for the home page that any hall
 * gets — nothing is downloaded or drawn by hand.
 */
export function HallPlan({ scene, label, around, className = "hall-plan", children }: { scene: Scene; label: string; around?: { x: number; z: number; radius: number }; className?: string; children?: ReactNode }) {
  const { bounds } = scene;
  const pad = 0.6;
  // `around`: a window on part of the hall (the agent's view of where their customer stands).
  const viewBox = around
    ? `${around.x - around.radius} ${around.z - around.radius} ${2 * around.radius} ${2 * around.radius}`
    : `${bounds.minX - pad} ${bounds.minZ - pad} ${bounds.maxX - bounds.minX + 2 * pad} ${bounds.maxZ - bounds.minZ + 2 * pad}`;
  const doorWidth = 3;
  const walls = wallInk(scene.palette.walls);
  return (
    <svg className={className} viewBox={viewBox} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
      <rect {...rectProps(bounds)} fill={scene.materials.floor.color} stroke={walls} strokeWidth={0.45} rx={0.2} />
      {scene.materials.areas.map((a, i) => (
        <rect key={`area-${i}`} {...rectProps(a.rect)} fill={a.material.color} opacity={0.85} />
      ))}
      {scene.zones.map((z) => (
        <rect key={z.id} {...rectProps(z.rect)} fill={z.kind === "stage" ? scene.palette.accent : "#9cc3d8"} opacity={z.kind === "stage" ? 0.35 : 0.3} data-zone={z.kind} />
      ))}
      {scene.obstacles
        .filter((o) => o.look !== "none")
        .map((o, i) => (
          <rect key={`obstacle-${i}`} {...rectProps(o.rect)} fill="#8d8a84" opacity={0.55} rx={0.08} />
        ))}
      {scene.blocks.map((b, i) => (
        <rect key={`block-${i}`} {...rectProps(footprint(b.at, 0, b.size.x, b.size.z))} fill={b.color} opacity={0.8} />
      ))}
      {scene.partitions.map((p, i) => (
        <rect key={`partition-${i}`} {...rectProps(partitionRect(p))} fill={p.kind === "glass" ? "#7fb6d6" : walls} strokeWidth={p.kind === "glass" ? 0.06 : 0} stroke="#7fb6d6" />
      ))}
      {scene.agentDesks.map((d) => {
        const c = counterOf(d, "desk");
        return <rect key={d.id} {...rectProps(footprint(c.at, c.rotation, c.width, c.depth))} fill="#6b4f3a" rx={0.1} />;
      })}
      {scene.booths.map((b) => (
        <rect
          key={b.id}
          {...rectProps(footprint(b.at, b.rotation, b.size.x, b.size.z))}
          fill={(b.product.kind === "procedural" ? b.product.color : undefined) ?? scene.palette.accent}
          stroke="white"
          strokeWidth={0.12}
          opacity={BOOTH_OPACITY}
          rx={0.12}
          data-booth={b.id}
        >
          <title>{b.label}</title>
        </rect>
      ))}
      {scene.reception ? <Reception post={scene.reception} accent={scene.palette.accent} /> : null}
      {/* The way in, at the front wall (+z). */}
      <rect x={-doorWidth / 2} y={bounds.maxZ - 0.3} width={doorWidth} height={0.6} fill={scene.materials.floor.color} />
      <path d={`M ${-0.7} ${bounds.maxZ + 0.45} L 0 ${bounds.maxZ - 0.35} L 0.7 ${bounds.maxZ + 0.45}`} fill="none" stroke={scene.palette.accent} strokeWidth={0.22} strokeLinecap="round" strokeLinejoin="round" />
      {children}
    </svg>
  );
}

/** The reception counter and, behind it, the concierge (a dot with a ring: someone is there). */
function Reception({ post, accent }: { post: NonNullable<Scene["reception"]>; accent: string }) {
  const counter = counterOf(post, "reception");
  const backdrop = receptionBackdrop(post);
  return (
    <g data-reception="">
      <rect {...rectProps(footprint(backdrop.at, backdrop.rotation, backdrop.width, backdrop.depth))} fill={accent} />
      <rect {...rectProps(footprint(counter.at, counter.rotation, counter.width, counter.depth))} fill="#f7f4ef" stroke={accent} strokeWidth={0.1} rx={0.15} />
      <circle cx={post.at.x} cy={post.at.z} r={0.55} fill="none" stroke="#7a4fb5" strokeWidth={0.12} />
      <circle cx={post.at.x} cy={post.at.z} r={0.3} fill="#7a4fb5" />
    </g>
  );
}
