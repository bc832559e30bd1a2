import { describe, expect, it } from "vitest";
import { decodeFacePacket, encodeFacePacket, FACE_COEFFICIENT_COUNT } from "../../game-server/protocol/index.ts";
import { ARKIT_BLENDSHAPES, type ArkitBlendshape } from "../blendshape-names.ts";
import { FaceSolver, measureFace, solveCoefficients, TYPICAL_NEUTRAL, type BlendshapeCoefficients } from "./blendshape-solver.ts";
import { syntheticFace, type FaceDeformation, type FaceView } from "./fixtures/synthetic-face.ts";

/** A solver calibrated on the synthetic person looking straight at the camera. */
const calibrated = (): FaceSolver => new FaceSolver({ neutral: { measures: measureFace(syntheticFace()).measures } });

/** Landmarks only, as a tracker without the transformation matrix gives them. */
const landmarksOnly = (deform: FaceDeformation = {}, view: FaceView = {}) => {
  const { landmarks, aspect, focalLength } = syntheticFace(deform, view);
  return { landmarks, aspect, focalLength };
};

const above = (c: BlendshapeCoefficients, min: number): ArkitBlendshape[] =>
  ARKIT_BLENDSHAPES.filter((n) => c[n] >= min);

/** A head turned and off-centre, so every case is also read through the head-frame alignment. */
const TURNED: FaceView = { yaw: 0.3, pitch: -0.15, roll: 0.1, centerX: 0.42, centerY: 0.55 };

describe("blendshape solver on synthetic landmark frames", () => {
  // deformation → the shapes it must read (≥ 0.6) → shapes it may also move (a real face does the same).
  const cases: Array<[string, FaceDeformation, ArkitBlendshape[], ArkitBlendshape[]?]> = [
    ["jaw open", { jawOpen: 1 }, ["jawOpen"]],
    ["jaw to the left", { jawSide: 1 }, ["jawLeft"]],
    ["jaw to the right", { jawSide: -1 }, ["jawRight"]],
    ["jaw forward", { jawForward: 1 }, ["jawForward"]],
    ["jaw open, lips sealed", { jawOpen: 0.7, sealLips: true }, ["jawOpen", "mouthClose"]],
    ["left eye closed", { blinkLeft: 1 }, ["eyeBlinkLeft"]],
    ["right eye closed", { blinkRight: 1 }, ["eyeBlinkRight"]],
    ["left eye squinting", { squintLeft: 1 }, ["eyeSquintLeft"]],
    ["right eye wide", { wideRight: 1 }, ["eyeWideRight"]],
    ["looking to the left", { gazeX: 1 }, ["eyeLookOutLeft", "eyeLookInRight"]],
    ["looking to the right", { gazeX: -1 }, ["eyeLookInLeft", "eyeLookOutRight"]],
    ["looking up", { gazeY: 1 }, ["eyeLookUpLeft", "eyeLookUpRight"]],
    ["looking down", { gazeY: -1 }, ["eyeLookDownLeft", "eyeLookDownRight"]],
    ["inner brows raised", { browInnerUp: 1 }, ["browInnerUp"]],
    ["left outer brow raised", { browOuterUpLeft: 1 }, ["browOuterUpLeft"]],
    ["right brow lowered", { browDownRight: 1 }, ["browDownRight"]],
    ["left half smile", { smileLeft: 1 }, ["mouthSmileLeft"]],
    ["right half smile", { smileRight: 1 }, ["mouthSmileRight"]],
    ["right corner down", { frownRight: 1 }, ["mouthFrownRight"]],
    ["left corner stretched", { stretchLeft: 1 }, ["mouthStretchLeft"]],
    ["pucker", { pucker: 1 }, ["mouthPucker"]],
    ["funnel", { funnel: 1 }, ["mouthFunnel"], ["mouthLowerDownLeft", "mouthLowerDownRight", "mouthUpperUpLeft", "mouthUpperUpRight"]],
    ["mouth to the left", { mouthSide: 1 }, ["mouthLeft"]],
    ["mouth to the right", { mouthSide: -1 }, ["mouthRight"]],
    // From landmarks, rolled and pressed lips both thin the red of the lips: they read together.
    ["upper lip rolled in", { rollUpper: 1 }, ["mouthRollUpper"], ["mouthPressLeft", "mouthPressRight"]],
    ["lower lip rolled in", { rollLower: 1 }, ["mouthRollLower"], ["mouthPressLeft", "mouthPressRight"]],
    ["lips pressed", { press: 1 }, ["mouthPressLeft", "mouthPressRight"], ["mouthRollUpper", "mouthRollLower"]],
    ["left upper lip raised", { upperLipUpLeft: 1 }, ["mouthUpperUpLeft"]],
    ["right lower lip pulled down", { lowerLipDownRight: 1 }, ["mouthLowerDownRight"]],
    ["cheeks puffed", { cheekPuff: 1 }, ["cheekPuff"]],
    ["left cheek raised", { cheekRaiseLeft: 1 }, ["cheekSquintLeft"]],
    ["right nostril raised", { sneerRight: 1 }, ["noseSneerRight"]],
  ];

  it.each(cases)("reads %s, and nothing unrelated, on a turned head", (_name, deform, expected, allowed = []) => {
    const { coefficients } = calibrated().solve(landmarksOnly(deform, TURNED));
    for (const name of expected) expect(coefficients[name], name).toBeGreaterThanOrEqual(0.6);
    const unrelated = above(coefficients, 0.2).filter((n) => !expected.includes(n) && !allowed.includes(n));
    expect(unrelated).toEqual([]);
  });

  it("grades a movement: a half-closed eye or a half-open jaw reads about half", () => {
    const solver = calibrated();
    const blink = [0.25, 0.5, 0.75, 1].map((b) => solver.solve(landmarksOnly({ blinkLeft: b })).coefficients.eyeBlinkLeft);
    const jaw = [0.25, 0.5, 0.75, 1].map((j) => solver.solve(landmarksOnly({ jawOpen: j })).coefficients.jawOpen);
    for (const trace of [blink, jaw]) {
      for (let i = 1; i < trace.length; i++) expect(trace[i]!).toBeGreaterThan(trace[i - 1]!);
      expect(trace[1]!).toBeGreaterThan(0.35);
      expect(trace[1]!).toBeLessThan(0.65);
    }
  });

  it("ignores pure head rotation, scale and position (with the matrix and from landmarks alone)", () => {
    const solver = calibrated();
    const views: FaceView[] = [
      { yaw: 0.5 }, { yaw: -0.5 }, { pitch: 0.35 }, { pitch: -0.35 }, { roll: 0.45 }, { roll: -0.45 },
      { yaw: 0.4, pitch: -0.25, roll: 0.3, size: 1 / 80, centerX: 0.25, centerY: 0.35 },
      { yaw: -0.3, pitch: 0.2, size: 1 / 25, centerX: 0.6, centerY: 0.6, aspect: 16 / 9 },
    ];
    for (const view of views) {
      for (const frame of [syntheticFace({}, view), landmarksOnly({}, view)]) {
        const { coefficients } = solver.solve(frame);
        expect(Math.max(...Object.values(coefficients)), JSON.stringify(view)).toBeLessThan(0.05);
      }
    }
  });

  it("reads an expression the same whether the head faces the camera or not", () => {
    const solver = calibrated();
    const face: FaceDeformation = { smileLeft: 0.6, smileRight: 0.6, blinkRight: 0.7, jawOpen: 0.4, browInnerUp: 0.5 };
    const front = solver.solve(landmarksOnly(face)).coefficients;
    const turned = solver.solve(landmarksOnly(face, { yaw: -0.45, pitch: 0.2, roll: -0.2, size: 1 / 60 })).coefficients;
    for (const name of ARKIT_BLENDSHAPES) expect(Math.abs(front[name] - turned[name]), name).toBeLessThan(0.05);
  });

  it("undoes the camera's perspective, which would otherwise make a turned head smile", () => {
    const solver = calibrated();
    const frame = landmarksOnly({}, { yaw: 0.4, distance: 40 });
    const corrected = solver.solve(frame).coefficients;
    expect(Math.max(...Object.values(corrected))).toBeLessThan(0.05);
    // The same frame read as if the camera were infinitely far (no perspective to undo).
    const uncorrected = new FaceSolver({ neutral: { measures: measureFace({ ...syntheticFace({}, { distance: 40 }), focalLength: Infinity }).measures } })
      .solve({ ...frame, focalLength: Infinity }).coefficients;
    expect(Math.max(...Object.values(uncorrected))).toBeGreaterThan(0.3);
  });

  it("reads a typical face near neutral before any calibration", () => {
    const solver = new FaceSolver();
    expect(solver.calibrated).toBe(false);
    const { coefficients } = solver.solve(syntheticFace());
    expect(above(coefficients, 0.25)).toEqual([]);
    const moved = solver.solve(syntheticFace({ jawOpen: 1, blinkLeft: 1 })).coefficients;
    expect(moved.jawOpen).toBeGreaterThan(0.6);
    expect(moved.eyeBlinkLeft).toBeGreaterThan(0.6);
  });

  it("works on the 468-point mesh without irises: the gaze stays centred", () => {
    const solver = calibrated();
    const { landmarks, aspect, focalLength } = syntheticFace({ gazeX: 1, blinkLeft: 1 }, TURNED);
    const { coefficients } = solver.solve({ landmarks: landmarks.slice(0, 468), aspect, focalLength });
    expect(coefficients.eyeLookOutLeft).toBeLessThan(0.01);
    expect(coefficients.eyeLookInRight).toBeLessThan(0.01);
    expect(coefficients.eyeBlinkLeft).toBeGreaterThan(0.6);
  });

  it("never moves the shapes landmarks cannot show (dimples, shrugs, tongue)", () => {
    const solver = calibrated();
    const { coefficients } = solver.solve(landmarksOnly({ jawOpen: 1, smileLeft: 1, smileRight: 1, funnel: 1, press: 1 }));
    for (const name of ["mouthDimpleLeft", "mouthDimpleRight", "mouthShrugLower", "mouthShrugUpper", "tongueOut"] as const) {
      expect(coefficients[name]).toBe(0);
    }
    expect(Object.keys(coefficients).sort()).toEqual([...ARKIT_BLENDSHAPES].sort());
  });

  it("keeps every coefficient within 0…1 under extreme and broken input", () => {
    const extreme = solveCoefficients({ ...TYPICAL_NEUTRAL, jawDrop: 50, eyeUpperLeft: -5, mouthWidth: 0, lipGap: Number.NaN });
    for (const name of ARKIT_BLENDSHAPES) {
      expect(extreme[name]).toBeGreaterThanOrEqual(0);
      expect(extreme[name]).toBeLessThanOrEqual(1);
    }
    expect(extreme.jawOpen).toBe(1);
    expect(extreme.eyeBlinkLeft).toBe(1);
  });

  it("sends a solved face through the face packet in ARKit order", () => {
    expect(FACE_COEFFICIENT_COUNT).toBe(ARKIT_BLENDSHAPES.length);
    const { coefficients, pose } = calibrated().solve(syntheticFace({ blinkLeft: 1, smileRight: 0.5 }, { yaw: 0.2 }));
    const received = decodeFacePacket(encodeFacePacket({ seq: 1, pose, coefficients: ARKIT_BLENDSHAPES.map((n) => coefficients[n]) }));
    const byName = Object.fromEntries(ARKIT_BLENDSHAPES.map((n, i) => [n, received.coefficients[i]!]));
    expect(byName.eyeBlinkLeft).toBeGreaterThan(0.9);
    expect(byName.eyeBlinkRight).toBeLessThan(0.05);
    expect(Math.abs(byName.mouthSmileRight! - coefficients.mouthSmileRight)).toBeLessThan(0.005);
    expect(received.pose!.yaw).toBeCloseTo(0.2, 3);
  });

  it("refuses a frame with too few landmarks", () => {
    const { landmarks } = syntheticFace();
    expect(() => new FaceSolver().solve({ landmarks: landmarks.slice(0, 100) })).toThrow(/point \d+ is missing \(got 100\)/);
  });
});
