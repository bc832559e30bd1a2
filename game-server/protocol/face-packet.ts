/**
 * One update of a tracked face on the wire: what a remote avatar needs to move its face and head,
 * sent up to 30 times a second over an unordered data channel without retransmits. A face that
 * talks moves a handful of its 52 weights from one frame to the next, so a packet carries only
 * those (and the head pose when it moved); the sender refreshes every value at least once a second,
 * which heals a lost packet and fills in a viewer who came into reach mid-stream.
 *
 *   0       version (uint8, 2)
 *   1–2     sequence number (uint16, wraps): per value, the receiver keeps the newest it heard
 *   3       flags: bit 0 = head pose present
 *   4–10    which coefficients follow: 52 bits, the most significant bit of byte 4 is
 *           coefficient 0, in the order of `ARKIT_BLENDSHAPES` (avatars/blendshape-names.ts)
 *   11–16   head yaw, pitch, roll (int16 each, 1/10000 rad; the solver's HeadPose, ±π), if present
 *   …       the present coefficients, 0…1 as uint8 0…255, in index order
 *
 * Big-endian, like the pose packet. 11 B (nothing changed: a keep-alive) to 69 B (everything).
 */
export const FACE_PACKET_VERSION = 2;
export const FACE_COEFFICIENT_COUNT = 52;
const MASK_BYTES = Math.ceil(FACE_COEFFICIENT_COUNT / 8);
const HEADER_BYTES = 1 + 2 + 1 + MASK_BYTES;
const POSE_BYTES = 3 * 2;
/** The smallest packet (a keep-alive) and the largest (pose and every coefficient). */
export const FACE_PACKET_MIN_BYTES = HEADER_BYTES;
export const FACE_PACKET_MAX_BYTES = HEADER_BYTES + POSE_BYTES + FACE_COEFFICIENT_COUNT;

export interface FacePose {
  yaw: number;
  pitch: number;
  roll: number;
}

export interface FaceFramePacket {
  /** 0…65535; wraps. */
  seq: number;
  /** Left out (null) when the head did not move enough to show. */
  pose: FacePose | null;
  /** 52 entries in ARKit order: a value 0…1, or null for one that is not sent this time. */
  coefficients: ArrayLike<number | null>;
}

const ANGLE_SCALE = 10_000;
const COEFFICIENT_SCALE = 255;
const POSE_FLAG = 0b1;

export class FacePacketError extends Error {
  override name = "FacePacketError";
}

function quantiseAngle(a: number): number {
  const v = Number.isFinite(a) ? Math.max(-Math.PI, Math.min(Math.PI, a)) : 0;
  return Math.round(v * ANGLE_SCALE);
}

export function encodeFacePacket(frame: FaceFramePacket): Uint8Array {
  if (frame.coefficients.length !== FACE_COEFFICIENT_COUNT) {
    throw new FacePacketError(`face packet: expected ${FACE_COEFFICIENT_COUNT} coefficients, got ${frame.coefficients.length}`);
  }
  let present = 0;
  for (let i = 0; i < FACE_COEFFICIENT_COUNT; i++) if (frame.coefficients[i] !== null && frame.coefficients[i] !== undefined) present++;
  const bytes = new Uint8Array(HEADER_BYTES + (frame.pose ? POSE_BYTES : 0) + present);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, FACE_PACKET_VERSION);
  view.setUint16(1, (((Math.trunc(frame.seq) || 0) % 65_536) + 65_536) % 65_536);
  view.setUint8(3, frame.pose ? POSE_FLAG : 0);
  let at = HEADER_BYTES;
  if (frame.pose) {
    view.setInt16(at, quantiseAngle(frame.pose.yaw));
    view.setInt16(at + 2, quantiseAngle(frame.pose.pitch));
    view.setInt16(at + 4, quantiseAngle(frame.pose.roll));
    at += POSE_BYTES;
  }
  for (let i = 0; i < FACE_COEFFICIENT_COUNT; i++) {
    const c = frame.coefficients[i];
    if (c === null || c === undefined) continue;
    bytes[4 + (i >> 3)]! |= 0x80 >> (i & 7);
    bytes[at++] = Number.isFinite(c) ? Math.round(Math.max(0, Math.min(1, c)) * COEFFICIENT_SCALE) : 0;
  }
  return bytes;
}

export interface DecodedFacePacket {
  seq: number;
  pose: FacePose | null;
  coefficients: (number | null)[];
}

/** Throws `FacePacketError` on a packet of another version or whose length its header contradicts: the caller drops it. */
export function decodeFacePacket(bytes: Uint8Array): DecodedFacePacket {
  if (bytes.byteLength < HEADER_BYTES) {
    throw new FacePacketError(`face packet: expected at least ${HEADER_BYTES} bytes, got ${bytes.byteLength}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(0);
  if (version !== FACE_PACKET_VERSION) {
    throw new FacePacketError(`face packet: version ${version} is not supported (expected ${FACE_PACKET_VERSION})`);
  }
  const flags = view.getUint8(3);
  const hasPose = (flags & POSE_FLAG) !== 0;
  let present = 0;
  for (let i = 0; i < FACE_COEFFICIENT_COUNT; i++) if (bytes[4 + (i >> 3)]! & (0x80 >> (i & 7))) present++;
  // The 4 bits after the 52nd are padding and must be zero, like the unused flag bits.
  const spare = (bytes[4 + MASK_BYTES - 1]! & ((1 << (MASK_BYTES * 8 - FACE_COEFFICIENT_COUNT)) - 1)) | (flags & ~POSE_FLAG);
  const expected = HEADER_BYTES + (hasPose ? POSE_BYTES : 0) + present;
  if (spare !== 0 || bytes.byteLength !== expected) {
    throw new FacePacketError(`face packet: its header says ${expected} bytes${spare ? " and sets unused bits" : ""}, got ${bytes.byteLength}`);
  }
  let at = HEADER_BYTES;
  let pose: FacePose | null = null;
  if (hasPose) {
    pose = { yaw: view.getInt16(at) / ANGLE_SCALE, pitch: view.getInt16(at + 2) / ANGLE_SCALE, roll: view.getInt16(at + 4) / ANGLE_SCALE };
    at += POSE_BYTES;
  }
  const coefficients: (number | null)[] = new Array(FACE_COEFFICIENT_COUNT).fill(null);
  for (let i = 0; i < FACE_COEFFICIENT_COUNT; i++) {
    if (bytes[4 + (i >> 3)]! & (0x80 >> (i & 7))) coefficients[i] = bytes[at++]! / COEFFICIENT_SCALE;
  }
  return { seq: view.getUint16(1), pose, coefficients };
}

/**
 * Whether `seq` came after `last` (serial-number arithmetic over the 16-bit wrap): on an
 * unordered channel a late packet must not pull the face back to an older frame.
 */
export function isNewerFaceSeq(seq: number, last: number): boolean {
  const diff = (seq - last + 65_536) % 65_536;
  return diff !== 0 && diff < 32_768;
}
