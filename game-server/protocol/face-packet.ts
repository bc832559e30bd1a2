/**
 * One frame of a tracked face on the wire: what a remote avatar needs to move its face and head,
 * sent up to 30 times a second over an unordered data channel without retransmits. 61 bytes:
 *
 *   0      version (uint8)
 *   1–2    sequence number (uint16, wraps): the receiver drops frames older than the last it drew
 *   3–8    head yaw, pitch, roll (int16 each, 1/10000 rad; the solver's HeadPose, ±π)
 *   9–60   the 52 ARKit coefficients, 0…1 as uint8 0…255, in the order of
 *          `ARKIT_BLENDSHAPES` (avatars/blendshape-names.ts)
 *
 * Big-endian, like the pose packet. 61 B × 30 Hz = 1.8 KB/s per animated face.
 */
export const FACE_PACKET_VERSION = 1;
export const FACE_COEFFICIENT_COUNT = 52;
export const FACE_PACKET_BYTES = 1 + 2 + 3 * 2 + FACE_COEFFICIENT_COUNT;

export interface FaceFramePacket {
  /** 0…65535; wraps. */
  seq: number;
  yaw: number;
  pitch: number;
  roll: number;
  /** 52 values 0…1 in ARKit order. */
  coefficients: ArrayLike<number>;
}

const ANGLE_SCALE = 10_000;
const COEFFICIENT_SCALE = 255;

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
  const bytes = new Uint8Array(FACE_PACKET_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, FACE_PACKET_VERSION);
  view.setUint16(1, (((Math.trunc(frame.seq) || 0) % 65_536) + 65_536) % 65_536);
  view.setInt16(3, quantiseAngle(frame.yaw));
  view.setInt16(5, quantiseAngle(frame.pitch));
  view.setInt16(7, quantiseAngle(frame.roll));
  for (let i = 0; i < FACE_COEFFICIENT_COUNT; i++) {
    const c = frame.coefficients[i]!;
    bytes[9 + i] = Number.isFinite(c) ? Math.round(Math.max(0, Math.min(1, c)) * COEFFICIENT_SCALE) : 0;
  }
  return bytes;
}

/** Throws `FacePacketError` on a packet of the wrong size or version: the caller drops it. */
export function decodeFacePacket(bytes: Uint8Array): FaceFramePacket & { coefficients: Float32Array } {
  if (bytes.byteLength !== FACE_PACKET_BYTES) {
    throw new FacePacketError(`face packet: expected ${FACE_PACKET_BYTES} bytes, got ${bytes.byteLength}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(0);
  if (version !== FACE_PACKET_VERSION) {
    throw new FacePacketError(`face packet: version ${version} is not supported (expected ${FACE_PACKET_VERSION})`);
  }
  const coefficients = new Float32Array(FACE_COEFFICIENT_COUNT);
  for (let i = 0; i < FACE_COEFFICIENT_COUNT; i++) coefficients[i] = bytes[9 + i]! / COEFFICIENT_SCALE;
  return {
    seq: view.getUint16(1),
    yaw: view.getInt16(3) / ANGLE_SCALE,
    pitch: view.getInt16(5) / ANGLE_SCALE,
    roll: view.getInt16(7) / ANGLE_SCALE,
    coefficients,
  };
}

/**
 * Whether `seq` came after `last` (serial-number arithmetic over the 16-bit wrap): on an
 * unordered channel a late packet must not pull the face back to an older frame.
 */
export function isNewerFaceSeq(seq: number, last: number): boolean {
  const diff = (seq - last + 65_536) % 65_536;
  return diff !== 0 && diff < 32_768;
}
