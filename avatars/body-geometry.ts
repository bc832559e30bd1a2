import { Vector3 } from "three";
import type { BodyProportions } from "./body-proportions.ts";
import { type MeshPart, type Rgb, type Skin, scaleRgb } from "./mesh-part.ts";
import type { OutfitLook } from "./outfit.ts";
import { addEllipsoid, addLattice, addTube, type TubeStation } from "./primitive-shapes.ts";
import type { BoneName } from "./skeleton-names.ts";
import { smoothstep, spline, warpedSamples } from "./shape-math.ts";
import { addChestDecal } from "./chest-decal.ts";
import { addCrewNeck } from "./neckline.ts";
import { TORSO_BOTTOM, TORSO_TOP, torsoPoint, torsoSection, torsoSkin } from "./torso-shape.ts";
import { addUniform } from "./uniform-geometry.ts";

/**
 * Torso, arms, hands, legs and shoes in world metres (T-pose, facing +Z), painted with
 * the outfit (the neck is skin, so it is part of the head mesh: neck-geometry.ts). Skin weights blend linearly across each joint so elbows and knees fold softly.
 */
type Side = 1 | -1;

/** Weights that hand a vertex from `a` to `b` as `t` runs from `from` to `to`. */
function blend(a: BoneName, b: BoneName, t: number, from: number, to: number): Skin {
  const w = smoothstep(from, to, t);
  return [[a, 1 - w], [b, w]];
}

type LimbJoint = "Shoulder" | "Arm" | "ForeArm" | "Hand" | "UpLeg" | "Leg" | "Foot" | "ToeBase";

function sideBone<J extends LimbJoint>(side: Side, joint: J): `Left${J}` | `Right${J}` {
  return `${side === 1 ? "Left" : "Right"}${joint}`;
}

export function addBody(part: MeshPart, body: BodyProportions, look: OutfitLook, skin: Rgb): void {
  addTorso(part, body, look);
  for (const side of [1, -1] as const) {
    addArm(part, body, look, skin, side);
    addHand(part, body, skin, side);
    addLeg(part, body, look, side);
    addShoe(part, body, look, side);
  }
}

function addTorso(part: MeshPart, body: BodyProportions, look: OutfitLook): void {
  const hem = 0.975;
  const rowsY = warpedSamples(30, TORSO_BOTTOM, TORSO_TOP, (y) => 1 + 1.5 * Math.exp(-(((y - 1.42) / 0.05) ** 2)) + 2 * Math.exp(-(((y - hem) / 0.02) ** 2)));
  const columns = 40;
  const angles = warpedSamples(columns, -Math.PI, Math.PI, (a) => 1 + 0.6 * Math.exp(-((a / 0.6) ** 2)));
  angles.pop();
  // The top hangs a little proud of the waistband: a step outward at the hem.
  const hemBulge = (y: number): number =>
    (look.kind === "blazer" ? 0.035 : 0.025) * smoothstep(hem - 0.004, hem + 0.002, y) * (1 - smoothstep(hem + 0.03, hem + 0.09, y));
  addLattice(part, {
    rows: rowsY.length,
    columns,
    wrap: true,
    point: (r, c) => {
      const y = rowsY[r]!;
      const section = torsoSection(y, body);
      const k = 1 + hemBulge(y);
      return torsoPoint({ ...section, halfWidth: section.halfWidth * k, halfDepth: section.halfDepth * k }, angles[c]!);
    },
    color: (r) => {
      const y = rowsY[Math.max(0, Math.min(rowsY.length - 1, r))]!;
      if (y < hem) {
        if (look.belt && y > hem - 0.035) return look.belt;
        return look.bottom;
      }
      if (y > 1.455 && look.kind !== "blazer") return look.trim;
      return look.top;
    },
    skin: (p) => torsoSkin(p, body),
    startPole: new Vector3(0, TORSO_BOTTOM * body.scale - 0.01, 0),
    endPole: new Vector3(0, TORSO_TOP * body.scale + 0.005, -0.012 * body.scale),
    inward: true,
  });
  if (look.kind === "blazer") addUniform(part, body, look);
  if (look.kind === "hoodie") addHoodieDetails(part, body, look);
  if (look.kind !== "blazer") addCrewNeck(part, body, look.trim);
}

function addHoodieDetails(part: MeshPart, body: BodyProportions, look: OutfitLook): void {
  // Kangaroo pocket.
  addChestDecal(part, body, 3, 5, (s, t) => {
    const y = 1.15 - s * 0.13;
    const half = 0.075 + s * 0.03;
    return [(t * 2 - 1) * half, y];
  }, 0.003, (s, t) => (s < 0.15 || Math.abs(t * 2 - 1) > 0.85 ? scaleRgb(look.top, 0.82) : scaleRgb(look.top, 0.94)));
  // Drawstrings.
  for (const x of [-0.032, 0.032]) {
    addChestDecal(part, body, 5, 2, (s, t) => [x + (t - 0.5) * 0.007, 1.445 - s * 0.13], 0.004, () => [0.85, 0.85, 0.82]);
  }
  // The hood lying behind the neck: a thick roll following the back of the neckline.
  const s = body.scale;
  const stations: TubeStation[] = [];
  const count = 11;
  for (let i = 0; i < count; i++) {
    const a = -2.2 + (4.4 * i) / (count - 1);
    const section = torsoSection(1.455, body);
    const p = torsoPoint({ ...section, halfWidth: section.halfWidth * 1.05, halfDepth: section.halfDepth * 1.1 }, Math.PI + a * 0.55);
    const dir = new Vector3(Math.sin(Math.PI + a * 0.55), 0, Math.cos(Math.PI + a * 0.55));
    const along = new Vector3(-dir.z, 0, dir.x);
    const fade = 1 - Math.abs(a / 2.2) ** 3;
    stations.push({
      center: p.add(new Vector3(0, 0.015 * s, 0)),
      u: new Vector3(0, 1, 0),
      // Outward from the back, so the roll (which runs toward -X across the back) faces out.
      v: new Vector3().crossVectors(new Vector3(0, 1, 0), along).normalize(),
      ru: 0.034 * s * (0.4 + 0.6 * fade),
      rv: 0.036 * s * (0.3 + 0.7 * fade),
    });
  }
  addTube(part, { stations, segments: 10, color: () => scaleRgb(look.top, 0.9), skin: () => [["Spine2", 0.6], ["Neck", 0.4]], capStart: true, capEnd: true });
}

function addArm(part: MeshPart, body: BodyProportions, look: OutfitLook, skin: Rgb, side: Side): void {
  const s = body.scale;
  const limb = body.shape.limbs * s;
  const shoulder = body.joints[sideBone(side, "Arm")];
  const elbowAt = 0.265 * s;
  const wristAt = 0.515 * s;
  const radius: ReadonlyArray<readonly [number, number]> = [
    [-0.06, 0.045], [-0.02, 0.054], [0.02, 0.055], [0.08, 0.05], [0.16, 0.046], [0.265, 0.039], [0.32, 0.041],
    [0.42, 0.034], [0.5, 0.028], [0.52, 0.027],
  ];
  const sleeveEnd = look.sleeve * 0.515;
  const cuff = look.kind === "tshirt" ? 0.009 : 0.005;
  const xs = [-0.06, -0.02, 0.02, 0.08, 0.14, 0.2, 0.24, 0.265, 0.29, 0.34, 0.4, 0.46, 0.5, 0.52];
  const stationsX = [...xs.filter((x) => Math.abs(x - sleeveEnd) > 0.016), sleeveEnd - 0.012, sleeveEnd - 0.002, sleeveEnd + 0.002]
    .sort((a, b) => a - b);
  const stations: TubeStation[] = stationsX.map((x) => {
    const cloth = x <= sleeveEnd;
    const base = spline(radius, x) * limb;
    const hemBulge = cloth ? cuff * s * smoothstep(sleeveEnd - 0.05, sleeveEnd - 0.012, x) : 0;
    const sleeve = cloth ? 0.004 * s : 0;
    return {
      center: shoulder.clone().add(new Vector3(side * x * s, 0, 0)),
      u: side === 1 ? new Vector3(0, 1, 0) : new Vector3(0, 0, 1),
      v: side === 1 ? new Vector3(0, 0, 1) : new Vector3(0, 1, 0),
      ru: base + sleeve + hemBulge,
      rv: (base + sleeve + hemBulge) * 1.04,
      tag: cloth ? (x > sleeveEnd - 0.013 && look.kind !== "tshirt" ? 2 : 1) : 0,
    };
  });
  const bones = { shoulder: sideBone(side, "Shoulder"), arm: sideBone(side, "Arm"), fore: sideBone(side, "ForeArm"), hand: sideBone(side, "Hand") };
  addTube(part, {
    stations,
    segments: 12,
    color: (st) => (st.tag === 1 ? look.top : st.tag === 2 ? (look.kind === "blazer" ? look.shirt : look.trim) : skin),
    skin: (p) => {
      const x = (p.x - shoulder.x) * side;
      if (x < 0.04 * s) return blend(bones.shoulder, bones.arm, x, -0.05 * s, 0.04 * s);
      if (x < (elbowAt + wristAt) / 2) return blend(bones.arm, bones.fore, x, elbowAt - 0.035 * s, elbowAt + 0.035 * s);
      return blend(bones.fore, bones.hand, x, wristAt - 0.025 * s, wristAt + 0.01 * s);
    },
    capStart: true,
    capEnd: true,
  });
}

function addHand(part: MeshPart, body: BodyProportions, skin: Rgb, side: Side): void {
  const s = body.scale * (0.85 + 0.15 * body.shape.limbs);
  const wrist = body.joints[sideBone(side, "Hand")];
  const handSkin: Skin = [[sideBone(side, "Hand"), 1]];
  const along = new Vector3(side, 0, 0);
  const palmCenter = wrist.clone().addScaledVector(along, 0.045 * s);
  addEllipsoid(
    part, palmCenter,
    { x: new Vector3(0, 0, 1), y: new Vector3(0, 1, 0).multiplyScalar(side), z: along },
    new Vector3(0.039 * s, 0.016 * s, 0.05 * s), 8, 12,
    () => skin, () => handSkin,
  );
  const fingers: [number, number, number][] = [[0.026, 0.068, 0.0082], [0.009, 0.076, 0.0085], [-0.009, 0.071, 0.0082], [-0.025, 0.058, 0.0074]];
  const knuckle = scaleRgb(skin, 0.97);
  for (const [z, length, r] of fingers) {
    const base = wrist.clone().add(new Vector3(side * 0.078 * s, -0.002 * s, z * s));
    addFinger(part, base, along, new Vector3(0, 1, 0), length * s, r * s, knuckle, handSkin);
  }
  const thumbBase = wrist.clone().add(new Vector3(side * 0.03 * s, -0.006 * s, 0.03 * s));
  const thumbDir = new Vector3(side * 0.62, -0.12, 0.78).normalize();
  addFinger(part, thumbBase, thumbDir, new Vector3(0, 1, 0), 0.058 * s, 0.0098 * s, knuckle, handSkin);
}

function addFinger(part: MeshPart, base: Vector3, dir: Vector3, up: Vector3, length: number, r: number, color: Rgb, skin: Skin): void {
  const across = new Vector3().crossVectors(dir, up).normalize();
  const normalUp = new Vector3().crossVectors(across, dir).normalize();
  const stations: TubeStation[] = [0, 0.35, 0.7, 0.88, 0.97].map((t, i) => ({
    center: base.clone().addScaledVector(dir, t * length),
    u: normalUp,
    v: across.clone().multiplyScalar(-1),
    ru: r * [1, 0.95, 0.88, 0.75, 0.45][i]!,
    rv: r * [1.05, 1, 0.92, 0.8, 0.5][i]!,
  }));
  addTube(part, { stations, segments: 6, color: () => color, skin: () => skin, capStart: true, capEnd: true });
}

function addLeg(part: MeshPart, body: BodyProportions, look: OutfitLook, side: Side): void {
  const s = body.scale;
  const limb = (0.5 + 0.5 * body.shape.limbs) * s;
  const hip = body.joints[sideBone(side, "UpLeg")];
  const radius: ReadonlyArray<readonly [number, number]> = [
    [1.0, 0.082], [0.93, 0.094], [0.8, 0.084], [0.66, 0.07], [0.52, 0.06], [0.42, 0.06], [0.3, 0.055], [0.17, 0.05], [0.11, 0.05],
  ];
  const ys = [1.0, 0.94, 0.86, 0.76, 0.64, 0.54, 0.46, 0.38, 0.28, 0.18, 0.125, 0.118, 0.11, 0.07];
  const stations: TubeStation[] = ys.map((y, i) => {
    const hemStep = y < 0.12 ? 0.9 : 1;
    const r = spline(radius, y) * limb * hemStep * (i === ys.length - 1 ? 0.8 : 1);
    return {
      center: new Vector3(hip.x, y * s, 0.002 * s),
      u: new Vector3(1, 0, 0),
      v: new Vector3(0, 0, 1),
      ru: r,
      rv: r * 1.06,
      tag: y < 0.12 ? 1 : 0,
    };
  });
  const knee = body.joints[sideBone(side, "Leg")].y;
  const ankle = body.joints[sideBone(side, "Foot")].y;
  const bones = { up: sideBone(side, "UpLeg"), leg: sideBone(side, "Leg"), foot: sideBone(side, "Foot") };
  addTube(part, {
    stations,
    segments: 10,
    color: (st) => (st.tag === 1 ? scaleRgb(look.bottom, 0.85) : look.bottom),
    skin: (p) => {
      if (p.y > hip.y - 0.06 * s) return blend("Hips", bones.up, -p.y, -hip.y - 0.07 * s, -hip.y + 0.08 * s);
      if (p.y > (knee + ankle) / 2) return blend(bones.up, bones.leg, -p.y, -knee - 0.05 * s, -knee + 0.05 * s);
      return blend(bones.leg, bones.foot, -p.y, -ankle - 0.04 * s, -ankle + 0.01 * s);
    },
    capStart: true,
    capEnd: true,
  });
}

function addShoe(part: MeshPart, body: BodyProportions, look: OutfitLook, side: Side): void {
  const s = body.scale;
  const ankle = body.joints[sideBone(side, "Foot")];
  const toe = body.joints[sideBone(side, "ToeBase")];
  const profile: [number, number, number][] = [
    [-0.078, 0.018, 0.026], [-0.07, 0.038, 0.044], [-0.045, 0.045, 0.05], [0, 0.046, 0.05], [0.05, 0.05, 0.041],
    [0.1, 0.051, 0.033], [0.14, 0.048, 0.028], [0.165, 0.04, 0.024], [0.18, 0.022, 0.018],
  ];
  const stations: TubeStation[] = profile.map(([z, hw, hh]) => ({
    center: new Vector3(ankle.x + side * 0.004 * s, hh * s, ankle.z + z * s),
    u: new Vector3(1, 0, 0),
    v: new Vector3(0, 1, 0),
    ru: hw * s,
    rv: hh * s,
  }));
  const soleTop = 0.016 * s;
  const bones = { foot: sideBone(side, "Foot"), toe: sideBone(side, "ToeBase") };
  addTube(part, {
    stations,
    segments: 12,
    exponent: 3,
    color: (_st, _a, p) => (p.y < soleTop ? look.sole : look.shoe),
    skin: (p) => blend(bones.foot, bones.toe, p.z, toe.z - 0.03 * s, toe.z + 0.02 * s),
    capStart: true,
    capEnd: true,
  });
}
