import { BufferAttribute, Color, Vector3, type BufferGeometry } from "three";
import type { Scene } from "../../../scenes/scene-format.ts";

/**
 * On the low preset the hall's matte surfaces are drawn unlit, with their diffuse light
 * worked out once per vertex here instead of per pixel every frame: what
 * `MeshLambertMaterial` would draw (the same sky, ambient, sun, spot and point terms as
 * three's shaders), at the cost of `MeshBasicMaterial` — which for a software renderer is
 * most of the frame. Floors and walls are finely enough subdivided for spot lights to leave
 * their pools.
 */
export type Irradiance = (normal: Vector3, position: Vector3, out: Color) => Color;

/** Diffuse light reaching a point facing `normal`, times the Lambert 1/π: multiply an albedo by it. */
export function diffuseLight(lighting: Scene["lighting"], ambientIntensity: number): Irradiance {
  const ambient = new Color(1, 1, 1).multiplyScalar(ambientIntensity);
  const hemis: { sky: Color; ground: Color }[] = [];
  const suns: { color: Color; direction: Vector3 }[] = [];
  const spots: { color: Color; at: Vector3; axis: Vector3; coneCos: number; penumbraCos: number }[] = [];
  const points: { color: Color; at: Vector3; distance: number }[] = [];
  for (const l of lighting.lights) {
    if (l.kind === "hemisphere") hemis.push({ sky: new Color(l.sky).multiplyScalar(l.intensity), ground: new Color(l.ground).multiplyScalar(l.intensity) });
    else if (l.kind === "sun") suns.push({ color: new Color(l.color).multiplyScalar(l.intensity), direction: new Vector3(l.from.x, l.from.y, l.from.z).normalize() });
    else if (l.kind === "spot") {
      const at = new Vector3(l.at.x, l.at.y, l.at.z);
      spots.push({ color: new Color(l.color).multiplyScalar(l.intensity), at, axis: at.clone().sub(new Vector3(l.target.x, l.target.y, l.target.z)).normalize(), coneCos: Math.cos(l.angle), penumbraCos: Math.cos(l.angle * (1 - l.penumbra)) });
    } else points.push({ color: new Color(l.color).multiplyScalar(l.intensity), at: new Vector3(l.at.x, l.at.y, l.at.z), distance: l.distance });
  }
  const scratch = new Color();
  const toLight = new Vector3();
  return (n, p, out) => {
    out.copy(ambient);
    for (const h of hemis) out.add(scratch.copy(h.ground).lerp(h.sky, 0.5 * n.y + 0.5));
    for (const s of suns) out.add(scratch.copy(s.color).multiplyScalar(Math.max(0, n.dot(s.direction))));
    for (const s of spots) {
      const d = toLight.copy(s.at).sub(p).length();
      toLight.divideScalar(d);
      const cone = smoothstep(s.coneCos, s.penumbraCos, toLight.dot(s.axis));
      out.add(scratch.copy(s.color).multiplyScalar((cone * Math.max(0, n.dot(toLight))) / Math.max(d * d, 0.01)));
    }
    for (const l of points) {
      const d = toLight.copy(l.at).sub(p).length();
      toLight.divideScalar(d);
      const cutoff = l.distance > 0 ? Math.max(0, 1 - (d / l.distance) ** 4) ** 2 : 1;
      out.add(scratch.copy(l.color).multiplyScalar((cutoff * Math.max(0, n.dot(toLight))) / Math.max(d * d, 0.01)));
    }
    return out.multiplyScalar(1 / Math.PI);
  };
}

/** Multiplies a geometry's vertex colours (white where it has none) by the light each vertex receives. */
export function bakeDiffuse(geometry: BufferGeometry, light: Irradiance): void {
  const c = new Color();
  const n = new Vector3();
  const p = new Vector3();
  const { normal, position } = geometry.attributes;
  shadeVertices(geometry, (i) => light(n.fromBufferAttribute(normal!, i).normalize(), p.fromBufferAttribute(position!, i), c));
}

/** Multiplies a geometry's vertex colours (white where it has none) by a colour per vertex. */
export function shadeVertices(geometry: BufferGeometry, shade: (index: number) => Color): void {
  const count = geometry.attributes.position!.count;
  let colors = geometry.attributes.color;
  if (!colors) {
    colors = new BufferAttribute(new Float32Array(count * 3).fill(1), 3);
    geometry.setAttribute("color", colors);
  }
  for (let i = 0; i < count; i++) {
    const c = shade(i);
    colors.setXYZ(i, colors.getX(i) * c.r, colors.getY(i) * c.g, colors.getZ(i) * c.b);
  }
  colors.needsUpdate = true;
}

function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}
