import { Vector3 } from "three";
import type { MeshPart, Rgb, Skin } from "./mesh-part.ts";
import { spow } from "./shape-math.ts";

/**
 * A rows × columns lattice of vertices joined into quads, optionally wrapping around and
 * closed at either end by a fan to a pole. Everything round on the avatar (limbs, torso,
 * eyes, ears, hair) is one of these, so winding is decided in one place: with rows running
 * along the surface's length and columns turning counter-clockwise seen from the row
 * direction's head, the front faces point outward.
 */
export interface LatticeOptions {
  rows: number;
  columns: number;
  wrap: boolean;
  point: (row: number, column: number) => Vector3;
  color: (row: number, column: number, p: Vector3) => Rgb;
  skin: (p: Vector3) => Skin;
  startPole?: Vector3;
  endPole?: Vector3;
  /** Flip the winding when the lattice's natural orientation faces inward. */
  inward?: boolean;
}

export function addLattice(part: MeshPart, o: LatticeOptions): number[][] {
  const grid: number[][] = [];
  for (let r = 0; r < o.rows; r++) {
    const row: number[] = [];
    for (let c = 0; c < o.columns; c++) {
      const p = o.point(r, c);
      row.push(part.addVertex(p.x, p.y, p.z, o.color(r, c, p), o.skin(p)));
    }
    grid.push(row);
  }
  const tri = (a: number, b: number, c: number): void => (o.inward ? part.addTriangle(a, c, b) : part.addTriangle(a, b, c));
  const spanColumns = o.wrap ? o.columns : o.columns - 1;
  for (let r = 0; r + 1 < o.rows; r++) {
    for (let c = 0; c < spanColumns; c++) {
      const c1 = (c + 1) % o.columns;
      const a = grid[r]![c]!;
      const b = grid[r + 1]![c]!;
      const d = grid[r]![c1]!;
      const e = grid[r + 1]![c1]!;
      tri(a, b, d);
      tri(d, b, e);
    }
  }
  if (o.startPole) {
    const p = o.startPole;
    const pole = part.addVertex(p.x, p.y, p.z, o.color(-1, 0, p), o.skin(p));
    for (let c = 0; c < spanColumns; c++) tri(pole, grid[0]![c]!, grid[0]![(c + 1) % o.columns]!);
  }
  if (o.endPole) {
    const p = o.endPole;
    const pole = part.addVertex(p.x, p.y, p.z, o.color(o.rows, 0, p), o.skin(p));
    const last = grid[o.rows - 1]!;
    for (let c = 0; c < spanColumns; c++) tri(last[c]!, pole, last[(c + 1) % o.columns]!);
  }
  return grid;
}

/** One cross-section of a swept tube. `u`/`v` span the section; the tube runs along u × v. */
export interface TubeStation {
  center: Vector3;
  u: Vector3;
  v: Vector3;
  ru: number;
  rv: number;
  /** Index into the caller's colour table, so clothing edges fall on stations. */
  tag?: number;
}

export interface TubeOptions {
  stations: TubeStation[];
  segments: number;
  /** 2 = ellipse; larger is boxier (torso, shoes). */
  exponent?: number;
  color: (station: TubeStation, angle: number, p: Vector3) => Rgb;
  skin: (p: Vector3) => Skin;
  capStart?: boolean;
  capEnd?: boolean;
}

export function tubePoint(s: TubeStation, angle: number, exponent = 2): Vector3 {
  const e = 2 / exponent;
  const cu = spow(Math.cos(angle), e) * s.ru;
  const cv = spow(Math.sin(angle), e) * s.rv;
  return s.center.clone().addScaledVector(s.u, cu).addScaledVector(s.v, cv);
}

export function addTube(part: MeshPart, o: TubeOptions): number[][] {
  const angles = Array.from({ length: o.segments }, (_, i) => (i / o.segments) * Math.PI * 2);
  const first = o.stations[0]!;
  const last = o.stations[o.stations.length - 1]!;
  return addLattice(part, {
    rows: o.stations.length,
    columns: o.segments,
    wrap: true,
    point: (r, c) => tubePoint(o.stations[r]!, angles[c]!, o.exponent),
    color: (r, c, p) => o.color(o.stations[Math.min(Math.max(r, 0), o.stations.length - 1)]!, angles[c] ?? 0, p),
    skin: o.skin,
    startPole: o.capStart ? first.center : undefined,
    endPole: o.capEnd ? last.center : undefined,
    inward: true,
  });
}

/** A UV ellipsoid in an arbitrary frame: rings run from +axisZ to -axisZ. */
export function addEllipsoid(
  part: MeshPart,
  center: Vector3,
  axes: { x: Vector3; y: Vector3; z: Vector3 },
  radii: Vector3,
  rings: number,
  segments: number,
  color: (p: Vector3, local: Vector3) => Rgb,
  skin: (p: Vector3) => Skin,
): void {
  const local = (polar: number, azimuth: number): Vector3 =>
    new Vector3(Math.sin(polar) * Math.cos(azimuth), Math.sin(polar) * Math.sin(azimuth), Math.cos(polar));
  const toWorld = (l: Vector3): Vector3 =>
    center.clone().addScaledVector(axes.x, l.x * radii.x).addScaledVector(axes.y, l.y * radii.y).addScaledVector(axes.z, l.z * radii.z);
  const localOf = (r: number, c: number): Vector3 =>
    r < 0 ? new Vector3(0, 0, 1) : r >= rings - 1 ? new Vector3(0, 0, -1) : local(((r + 1) / rings) * Math.PI, (c / segments) * Math.PI * 2);
  addLattice(part, {
    rows: rings - 1,
    columns: segments,
    wrap: true,
    point: (r, c) => toWorld(localOf(r, c)),
    color: (r, c, p) => color(p, localOf(r, c)),
    skin,
    startPole: toWorld(new Vector3(0, 0, 1)),
    endPole: toWorld(new Vector3(0, 0, -1)),
  });
}
