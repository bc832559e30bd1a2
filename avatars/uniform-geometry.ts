import { Vector3 } from "three";
import { badgeLettering } from "./badge-lettering.ts";
import type { BodyProportions } from "./body-proportions.ts";
import { addChestDecal } from "./chest-decal.ts";
import { type MeshPart, mixRgb, scaleRgb } from "./mesh-part.ts";
import { addNeckBand, neckBaseY, neckPoint } from "./neckline.ts";
import type { OutfitLook } from "./outfit.ts";
import { addEllipsoid, addTube, type TubeStation } from "./primitive-shapes.ts";
import { lerp } from "./shape-math.ts";
import { torsoFrontPoint, torsoSkin } from "./torso-shape.ts";

/**
 * The staff uniform's front, over the blazer-coloured torso: a white shirt in the blazer's V
 * with a standing collar and collar points, a tie with a knot, notched lapels that stand off the
 * chest with a rolled edge, the blazer's collar round the back of the neck, a brand pin, the
 * buttoned front opening below, and a name badge with the name on it. Reference metres in
 * (scaled by the body), world metres out.
 */
const V_TOP = 1.465;
const BUTTON = 1.2;
const BADGE = { left: 0.086, right: 0.152, top: 1.352, bottom: 1.32, band: 0.26 };

export function addUniform(part: MeshPart, body: BodyProportions, look: OutfitLook): void {
  const sh = body.shape.shoulders;
  // The V: the lapels' inner edges meet at the button.
  const vHalf = (y: number): number => lerp(0.003, 0.05 * sh, (y - BUTTON) / (V_TOP - BUTTON));

  // Shirt, a little wider than the V so the lapels cover its edges.
  addChestDecal(part, body, 10, 7, (s, t) => {
    const y = lerp(V_TOP + 0.01, BUTTON - 0.01, s);
    return [(t * 2 - 1) * (vHalf(y) + 0.014), y];
  }, 0.0025, (s, t) => scaleRgb(look.shirt, (1 - 0.12 * s) * (s < 0.25 && Math.abs(t * 2 - 1) > 0.2 ? 0.86 : 1)));

  // Tie: the blade down the V (tucked under the buttoned front), then the knot at the collar.
  const throat = neckBaseY(body, 0);
  addChestDecal(part, body, 6, 3, (s, t) => {
    const y = lerp(throat - 0.012, BUTTON - 0.005, s);
    const half = lerp(0.0075, 0.016, Math.min(1, s * 1.6));
    return [(t * 2 - 1) * half, y];
  }, 0.0045, (s, t) => scaleRgb(look.tie, (1 - 0.1 * Math.abs(t * 2 - 1)) * (1 - 0.15 * s)));
  addKnot(part, body, look, throat);

  // Shirt collar: a band standing round the neck, open at the throat, and its two points.
  addNeckBand(part, body, {
    from: 0.32,
    to: Math.PI * 2 - 0.32,
    stations: 20,
    bottom: () => -0.006,
    height: (a) => lerp(0.022, 0.032, (1 - Math.cos(a)) / 2),
    out: 0.0015,
    thickness: 0.003,
    color: (_a, up) => scaleRgb(look.shirt, up > 0.5 ? 1 : 0.92),
    flare: 0.12,
  });
  for (const side of [1, -1] as const) addCollarPoint(part, body, look, side);

  // The blazer's collar round the back of the neck, outside the shirt's.
  addNeckBand(part, body, {
    from: 1.05,
    to: Math.PI * 2 - 1.05,
    stations: 12,
    bottom: () => -0.006,
    height: () => 0.024,
    out: 0.0055,
    thickness: 0.006,
    color: (_a, up) => scaleRgb(look.top, up > 0.5 ? 0.95 : 0.8),
    flare: 0.25,
  });

  for (const side of [1, -1] as const) addLapel(part, body, look, side, vHalf);

  // Brand pin on the left lapel.
  const pin = torsoFrontPoint(0.085 * sh * body.scale, 1.39, body);
  pin.add(new Vector3(pin.x * 0.15, 0, 1).normalize().multiplyScalar(0.009 * body.scale));
  addEllipsoid(
    part, pin, { x: new Vector3(1, 0, 0), y: new Vector3(0, 1, 0), z: new Vector3(0, 0, 1) },
    new Vector3(0.0045, 0.0045, 0.002).multiplyScalar(body.scale), 4, 8,
    (_p, l) => scaleRgb(look.tie, 0.8 + 0.4 * Math.max(0, l.z)), (p) => torsoSkin(p, body),
  );

  // The front closes at the button and opens toward the hem, a darker edge each side.
  for (const side of [1, -1] as const) {
    addChestDecal(part, body, 5, 2, (s, t) => {
      const x = side * (0.004 + 0.05 * s * s) + (t - 0.5) * 0.004;
      return [x, lerp(BUTTON - 0.005, 0.985, s)];
    }, 0.003, () => scaleRgb(look.top, 0.55));
  }
  for (const y of [BUTTON - 0.025, BUTTON - 0.1]) {
    const b = torsoFrontPoint(0.006 * body.scale, y, body).add(new Vector3(0, 0, 0.003 * body.scale));
    addEllipsoid(
      part, b, { x: new Vector3(1, 0, 0), y: new Vector3(0, 1, 0), z: new Vector3(0, 0, 1) },
      new Vector3(0.0075, 0.0075, 0.0025).multiplyScalar(body.scale), 4, 8, () => [0.025, 0.025, 0.03], (p) => torsoSkin(p, body),
    );
  }

  addBadge(part, body, look);
}

/** The knot: a short tapered block in front of the throat, under the collar's opening. */
function addKnot(part: MeshPart, body: BodyProportions, look: OutfitLook, throat: number): void {
  const s = body.scale;
  const stations: TubeStation[] = [0.018, 0.008, -0.004, -0.013].map((dy, i) => ({
    center: neckPoint(body, throat + dy, 0, 0.009 - 0.002 * i),
    u: new Vector3(1, 0, 0),
    v: new Vector3(0, 0.25, 1).normalize(),
    ru: [0.0105, 0.011, 0.009, 0.0072][i]! * s,
    rv: [0.005, 0.0065, 0.006, 0.004][i]! * s,
  }));
  addTube(part, {
    stations, segments: 8, color: (st) => scaleRgb(look.tie, st === stations[0] ? 0.8 : 0.92), skin: (p) => torsoSkin(p, body), capStart: true, capEnd: true,
  });
}

/** A collar point: a flat blade from the collar's front edge down and out over the chest. */
function addCollarPoint(part: MeshPart, body: BodyProportions, look: OutfitLook, side: 1 | -1): void {
  const s = body.scale;
  const angle = side * 0.36;
  const root = neckPoint(body, neckBaseY(body, angle) + 0.016, angle, 0.006);
  const tip = torsoFrontPoint(side * 0.042 * body.shape.shoulders * s, neckBaseY(body, 0) - 0.05, body);
  tip.add(new Vector3(tip.x * 0.15, 0, 1).normalize().multiplyScalar(0.0065 * s));
  const dir = tip.clone().sub(root).normalize();
  const stations: TubeStation[] = [0, 0.45, 1].map((t, i) => {
    const center = root.clone().lerp(tip, t);
    const normal = new Vector3(center.x * 0.3, 0.5, 1).normalize();
    const across = new Vector3().crossVectors(normal, dir).normalize();
    return { center, u: across, v: normal, ru: [0.012, 0.011, 0.002][i]! * s, rv: 0.0016 * s };
  });
  // The point's top face in full light, its edge a touch grey, so white reads on white.
  addTube(part, {
    stations, segments: 4, exponent: 6, color: (_st, around) => scaleRgb(look.shirt, Math.sin(around) > 0.5 ? 1.05 : 0.8), skin: (p) => torsoSkin(p, body), capStart: true, capEnd: true,
  });
}

/**
 * A lapel: a patch on the chest from the collar down to the button, wide at the notch, that
 * stands 6–7 mm off the blazer with a rolled inner edge (catching light) and a sharp outer one.
 * Columns run toward +X on both sides so its faces point outward.
 */
function addLapel(part: MeshPart, body: BodyProportions, look: OutfitLook, side: 1 | -1, vHalf: (y: number) => number): void {
  const sh = body.shape.shoulders;
  // Across the lapel: [fraction from the inner edge, stand-off].
  const across: [number, number][] = [[0, 0.0015], [0, 0.0062], [0.12, 0.0072], [0.5, 0.0068], [0.88, 0.006], [1, 0.0055], [1, 0.0012]];
  const columns = side === 1 ? across : [...across].reverse();
  const width = (s: number): number => (s < 0.3 ? lerp(0.022, 0.062, s / 0.3) : lerp(0.062, 0.01, (s - 0.3) / 0.7)) * sh;
  const yAt = (s: number): number => lerp(V_TOP + 0.012, BUTTON, s);
  const notch = 0.27;
  addChestDecal(part, body, 12, columns.length, (s, t) => {
    const [f] = columns[Math.round(t * (columns.length - 1))]!;
    const y = yAt(s);
    return [side * (vHalf(y) + f * width(s)), y];
  }, (_s, t) => columns[Math.round(t * (columns.length - 1))]![1], (s, t) => {
    const [f, off] = columns[Math.round(t * (columns.length - 1))]!;
    let c = look.top;
    if (f === 0 && off > 0.005) c = mixRgb(look.top, [1, 1, 1], 0.12); // the roll catches light
    if (off < 0.002) c = scaleRgb(look.top, 0.55); // the edges' undersides
    // The gorge seam, where the collar meets the lapel at the notch.
    if (Math.abs(s - notch) < 0.05 && f > 0.3) c = scaleRgb(c, 0.7);
    return c;
  });
}

/** The name badge on the left chest: a brand-coloured band over a white plate with the name in dark letters. */
function addBadge(part: MeshPart, body: BodyProportions, look: OutfitLook): void {
  const { left, right, top, bottom, band } = BADGE;
  const bandY = lerp(top, bottom, band);
  // Rows at the band's edge are doubled so the colours meet in a crisp line.
  const rowsY = [top, bandY, bandY, bottom];
  const brand = look.top;
  addChestDecal(part, body, 4, 7, (s, t) => [lerp(left, right, t), rowsY[Math.round(s * 3)]!], 0.0035, (s) => (Math.round(s * 3) <= 1 ? mixRgb(brand, [1, 1, 1], 0.15) : look.badge));
  if (!look.badgeText) return;
  const plateTop = bandY - 0.0008;
  const plateBottom = bottom + 0.0008;
  const aspect = (right - left) / (plateTop - plateBottom);
  const ink = scaleRgb(brand, 0.55);
  for (const r of badgeLettering(look.badgeText, aspect, 0.16)) {
    addChestDecal(part, body, 2, 2, (s, t) => [lerp(left, right, lerp(r.u0, r.u1, t)), lerp(plateTop, plateBottom, lerp(r.v0, r.v1, s))], 0.0043, () => ink);
  }
}
