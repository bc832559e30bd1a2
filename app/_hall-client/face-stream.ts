import { ARKIT_BLENDSHAPES } from "../../avatars/blendshape-names.ts";
import { FaceSolver, measureFace } from "../../avatars/face-solver/blendshape-solver.ts";
import { EmotionTracker, type TrackedEmotion } from "../../avatars/face-solver/emotion-estimate.ts";
import type { HeadPose, Landmark } from "../../avatars/face-solver/head-pose.ts";
import { NeutralCalibration } from "../../avatars/face-solver/neutral-calibration.ts";
import { COEFFICIENT_FILTER, OneEuroChannels, POSE_FILTER } from "../../avatars/face-solver/one-euro-filter.ts";
import { decodeFacePacket, encodeFacePacket, FACE_COEFFICIENT_COUNT, isNewerFaceSeq } from "../../game-server/protocol/face-packet.ts";
import type { EmotionState } from "../../game-server/protocol/index.ts";
import { FACE_POINTS, type FaceFound } from "../_face/face-messages.ts";
import { FaceTracker, type FaceTrackerState } from "../_face/face-tracker.ts";
import type { DataChannel } from "./data-channels.ts";
import { FaceDelta, REMOTE_FACE_TIMEOUT_MS } from "./face-delta.ts";
import type { MediaClient } from "./media-client.ts";

/** The emotion signal goes out this often while it is shared. */
const EMOTION_EVERY_MS = 500;

/** Where the avatars read faces from: `HallClient.expressions` and `HallClient.headPoses`, by session id. */
export interface FaceTargets {
  readonly expressions: Map<string, Record<string, number>>;
  readonly headPoses: Map<string, HeadPose>;
}

/**
 * Our own face driving our digital human: the camera stays on this device (the tracker reads it
 * in a worker; no video track is produced), the solver turns its landmarks into the avatar's 52
 * ARKit weights and a head pose (calibrated to this face's neutral over its first ~2 s, smoothed
 * with One Euro filters), our own avatar shows them, and face packets go out at up to 30 Hz
 * (only the weights that moved: `FaceDelta`) on the unordered, never-retransmitted `face` data channel — the hall forwards them only
 * to those who can see our avatar up close. With consent, a coarse emotion signal goes to the
 * agent serving us (`onEmotion`).
 */
export class FaceStream {
  state: FaceTrackerState | "off" = "off";
  /** Learning this face's neutral (the first ~2 s of a face). */
  calibrating = true;
  emotion?: TrackedEmotion;
  /** Frames solved and packets sent, for tests and the benchmark. */
  solved = 0;
  sent = 0;
  readonly #media: MediaClient;
  readonly #targets: FaceTargets;
  readonly #ownId: () => string;
  readonly #tracker: FaceTracker;
  readonly #solver = new FaceSolver();
  readonly #calibration = new NeutralCalibration();
  readonly #coefficients = new OneEuroChannels(COEFFICIENT_FILTER);
  readonly #pose = new OneEuroChannels(POSE_FILTER);
  readonly #emotions = new EmotionTracker();
  readonly #listeners = new Set<() => void>();
  #channel?: DataChannel;
  #delta = new FaceDelta();
  #lastEmotion = -Infinity;
  /** Set while the customer shares how they seem with their agent. */
  onEmotion?: (emotion: { valence: number; arousal: number; state: EmotionState }) => void;

  constructor(media: MediaClient, targets: FaceTargets, ownId: () => string, options: { stream?: MediaStream; createWorker?: () => Worker } = {}) {
    this.#media = media;
    this.#targets = targets;
    this.#ownId = ownId;
    this.#tracker = new FaceTracker({
      ...options,
      onState: (state) => {
        this.state = state;
        this.#emit();
      },
      onFace: (face) => this.#onFace(face),
    });
  }

  async start(): Promise<void> {
    this.state = "starting";
    this.#emit();
    this.#channel = await this.#media.openDataChannel("face", { ordered: false, maxRetransmits: 0 }).catch(() => undefined);
    await this.#tracker.start();
  }

  stop(): void {
    this.#tracker.stop();
    this.state = "off";
    this.#targets.expressions.delete(this.#ownId());
    this.#targets.headPoses.delete(this.#ownId());
    this.#emit();
  }

  /** The tracker's time per frame (ms), frames per second, and frames answered / with a face found. */
  get timing(): { msPerFrame: number; fps: number; answered: number; found: number } {
    return { msPerFrame: this.#tracker.msPerFrame, fps: this.#tracker.fps, answered: this.#tracker.answered, found: this.#tracker.found };
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #onFace(face: FaceFound): void {
    const landmarks: Landmark[] = new Array(FACE_POINTS);
    for (let i = 0; i < FACE_POINTS; i++) landmarks[i] = { x: face.landmarks[i * 3]!, y: face.landmarks[i * 3 + 1]!, z: face.landmarks[i * 3 + 2]! };
    const frame = { landmarks, matrix: face.matrix ?? null, aspect: 4 / 3 };
    if (this.calibrating) {
      if (this.#calibration.add(measureFace(frame), face.at)) {
        this.#solver.setNeutral(this.#calibration.neutral());
        this.calibrating = false;
        this.#emit();
      }
    }
    const solved = this.#solver.solve(frame);
    // The official model's own blendshapes, when an operator installed it, are better than ours.
    const raw = face.blendshapes ?? solved.coefficients;
    const coefficients = this.#coefficients.filter(raw as Record<string, number>, face.at);
    const pose = this.#pose.filter({ yaw: solved.pose.yaw, pitch: solved.pose.pitch, roll: solved.pose.roll }, face.at) as unknown as HeadPose;
    this.solved++;
    const own = this.#ownId();
    this.#targets.expressions.set(own, coefficients);
    this.#targets.headPoses.set(own, pose);
    this.emotion = this.#emotions.update(coefficients, face.at);
    const now = performance.now();
    const values = ARKIT_BLENDSHAPES.map((name) => coefficients[name] ?? 0);
    const update = this.#channel?.open ? this.#delta.next(values, pose, now) : null;
    if (update) {
      try {
        this.#channel!.send(encodeFacePacket(update).buffer as ArrayBuffer);
        this.sent++;
      } catch {
        // Closed for a moment (a media restart reopens it): what this update said goes out again within a second.
      }
    }
    if (this.onEmotion && this.emotion && now - this.#lastEmotion >= EMOTION_EVERY_MS) {
      this.#lastEmotion = now;
      this.onEmotion({ valence: clamp(this.emotion.valence, -1, 1), arousal: clamp(this.emotion.arousal, 0, 1), state: this.emotion.state });
    }
  }

  #emit(): void {
    for (const l of this.#listeners) l();
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/**
 * Other people's faces as they arrive on the `face` channel: each packet sets their avatar's
 * weights and head pose; a face that goes quiet for a second hands the avatar back to its
 * procedural idle. Every hall page receives faces (the hall decides whose reach it).
 */
export class RemoteFaces {
  readonly #targets: FaceTargets;
  readonly #heard = new Map<string, HeardFace>();
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #off: () => void;
  /** Packets applied, per sender: for tests. */
  readonly received = new Map<string, number>();

  constructor(media: MediaClient, targets: FaceTargets) {
    this.#targets = targets;
    this.#off = media.onData((d) => {
      if (d.label !== "face" || typeof d.data === "string") return;
      this.apply(d.fromPeerId, new Uint8Array(d.data), performance.now());
    });
    this.#timer = setInterval(() => this.expire(performance.now()), 250);
  }

  apply(peerId: string, bytes: Uint8Array, now: number): void {
    let packet;
    try {
      packet = decodeFacePacket(bytes);
    } catch {
      return; // not a face packet we understand: ignored, the avatar keeps its idle
    }
    let face = this.#heard.get(peerId);
    if (!face || now - face.at >= REMOTE_FACE_TIMEOUT_MS) {
      face = { at: now, values: new Float32Array(FACE_COEFFICIENT_COUNT), valueSeq: new Array(FACE_COEFFICIENT_COUNT).fill(-1), pose: { yaw: 0, pitch: 0, roll: 0 }, poseSeq: -1 };
      this.#heard.set(peerId, face);
    }
    face.at = now;
    // Unordered channel: each value keeps the newest it heard, so a late packet cannot pull a weight
    // back to an older frame, while what only it carried still counts (wrap-around aware).
    const newer = (last: number) => last < 0 || isNewerFaceSeq(packet.seq, last);
    packet.coefficients.forEach((v, i) => {
      if (v === null || !newer(face.valueSeq[i]!)) return;
      face.values[i] = v;
      face.valueSeq[i] = packet.seq;
    });
    if (packet.pose && newer(face.poseSeq)) {
      face.pose = packet.pose;
      face.poseSeq = packet.seq;
    }
    const weights: Record<string, number> = {};
    ARKIT_BLENDSHAPES.forEach((name, i) => (weights[name] = face.values[i]!));
    this.#targets.expressions.set(peerId, weights);
    this.#targets.headPoses.set(peerId, { ...face.pose });
    this.received.set(peerId, (this.received.get(peerId) ?? 0) + 1);
  }

  expire(now: number): void {
    for (const [peerId, heard] of this.#heard) {
      if (now - heard.at < REMOTE_FACE_TIMEOUT_MS) continue;
      this.#heard.delete(peerId);
      this.#targets.expressions.delete(peerId);
      this.#targets.headPoses.delete(peerId);
    }
  }

  close(): void {
    clearInterval(this.#timer);
    this.#off();
  }
}

/** What one sender's face last said, value by value (-1: not heard yet). */
interface HeardFace {
  at: number;
  values: Float32Array;
  valueSeq: number[];
  pose: HeadPose;
  poseSeq: number;
}
