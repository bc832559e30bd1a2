import { FACE_COEFFICIENT_COUNT, type FaceFramePacket, type FacePose } from "../../game-server/protocol/face-packet.ts";

/** Face updates go out at most this often (≤ 30 Hz): the receiving avatar eases between them. */
export const SEND_EVERY_MS = 33;
/** A face that holds still still sends a keep-alive this often (receivers let a silent face go after 1 s). */
export const KEEPALIVE_MS = 300;
/**
 * Every value goes out at least this often even when it holds still: a packet lost on the
 * unreliable channel, or a viewer who came into reach mid-stream, is set right within a second.
 */
export const REFRESH_MS = 1000;
/** Changes smaller than these (a weight, radians) are not worth sending: under what a viewer can see. */
export const STILL_WEIGHT = 0.02;
export const STILL_ANGLE = 0.006;
/** Receivers forget a face not heard from for this long; after such a gap everything is sent afresh. */
export const REMOTE_FACE_TIMEOUT_MS = 1000;

/**
 * What of a face to send now: only the weights that moved visibly since they were last sent
 * (and the head pose, if it turned), plus whatever is due for its once-a-second refresh — a
 * talking face sends a handful of its 52 weights a frame, a still one an 11-byte keep-alive.
 */
export class FaceDelta {
  readonly #sentValue = new Float32Array(FACE_COEFFICIENT_COUNT);
  readonly #sentAt = new Float64Array(FACE_COEFFICIENT_COUNT).fill(-Infinity);
  #sentPose: FacePose = { yaw: 0, pitch: 0, roll: 0 };
  #poseAt = -Infinity;
  #lastPacket = -Infinity;
  #seq = 0;

  /** The packet to send for this frame, or null when it is too soon or nothing needs saying. */
  next(values: ArrayLike<number>, pose: FacePose, now: number): FaceFramePacket | null {
    if (now - this.#lastPacket < SEND_EVERY_MS) return null;
    // Silent long enough that receivers forgot this face: tell them everything again.
    const afresh = now - this.#lastPacket >= REMOTE_FACE_TIMEOUT_MS;
    const coefficients: (number | null)[] = new Array(FACE_COEFFICIENT_COUNT).fill(null);
    let changed = 0;
    for (let i = 0; i < FACE_COEFFICIENT_COUNT; i++) {
      const v = values[i] ?? 0;
      if (afresh || now - this.#sentAt[i]! >= REFRESH_MS || Math.abs(v - this.#sentValue[i]!) > STILL_WEIGHT) {
        coefficients[i] = v;
        changed++;
      }
    }
    const p = this.#sentPose;
    const turned = Math.abs(pose.yaw - p.yaw) > STILL_ANGLE || Math.abs(pose.pitch - p.pitch) > STILL_ANGLE || Math.abs(pose.roll - p.roll) > STILL_ANGLE;
    const sendPose = afresh || turned || now - this.#poseAt >= REFRESH_MS;
    if (changed === 0 && !sendPose && now - this.#lastPacket < KEEPALIVE_MS) return null;
    for (let i = 0; i < FACE_COEFFICIENT_COUNT; i++) {
      const v = coefficients[i];
      if (v === null || v === undefined) continue;
      this.#sentValue[i] = v;
      this.#sentAt[i] = now;
    }
    if (sendPose) {
      this.#sentPose = { yaw: pose.yaw, pitch: pose.pitch, roll: pose.roll };
      this.#poseAt = now;
    }
    this.#lastPacket = now;
    const seq = this.#seq;
    this.#seq = (this.#seq + 1) & 0xffff;
    return { seq, pose: sendPose ? this.#sentPose : null, coefficients };
  }
}
