/**
 * Avatar poses travel outside the schema, as one small binary message per client and tick,
 * so that the server can choose per viewer who is included and how often (interest
 * management). Each entry is 8 bytes: the visitor's short number and a quantised pose
 * (centimetres, 1/10000 of π). Positions are limited to ±327 m, far beyond any hall.
 */
export const POSES_MESSAGE = "poses";

export interface PoseEntry {
  /** The visitor's short number (`Visitor.n`). */
  n: number;
  x: number;
  z: number;
  ry: number;
}

export interface PosePacket {
  poses: PoseEntry[];
  /** Visitors that left this viewer's area of interest: hide them until they come back. */
  gone: number[];
}

const VERSION = 1;
const ANGLE_SCALE = 10_000 / Math.PI;
const POS_LIMIT = 327.67;

function quantisePosition(v: number): number {
  return Math.round(Math.max(-POS_LIMIT, Math.min(POS_LIMIT, v)) * 100);
}

export function encodePosePacket(packet: PosePacket): Uint8Array {
  const bytes = new Uint8Array(1 + 2 + packet.poses.length * 8 + 2 + packet.gone.length * 2);
  const view = new DataView(bytes.buffer);
  let at = 0;
  view.setUint8(at, VERSION);
  at += 1;
  view.setUint16(at, packet.poses.length);
  at += 2;
  for (const p of packet.poses) {
    view.setUint16(at, p.n);
    view.setInt16(at + 2, quantisePosition(p.x));
    view.setInt16(at + 4, quantisePosition(p.z));
    view.setInt16(at + 6, Math.round(Math.max(-Math.PI, Math.min(Math.PI, p.ry)) * ANGLE_SCALE));
    at += 8;
  }
  view.setUint16(at, packet.gone.length);
  at += 2;
  for (const n of packet.gone) {
    view.setUint16(at, n);
    at += 2;
  }
  return bytes;
}

/** Throws on a malformed packet: the caller drops it rather than drawing garbage. */
export function decodePosePacket(bytes: Uint8Array): PosePacket {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 5 || view.getUint8(0) !== VERSION) throw new Error("not a pose packet");
  let at = 1;
  const count = view.getUint16(at);
  at += 2;
  if (bytes.byteLength < at + count * 8 + 2) throw new Error("truncated pose packet");
  const poses: PoseEntry[] = [];
  for (let i = 0; i < count; i++) {
    poses.push({ n: view.getUint16(at), x: view.getInt16(at + 2) / 100, z: view.getInt16(at + 4) / 100, ry: view.getInt16(at + 6) / ANGLE_SCALE });
    at += 8;
  }
  const goneCount = view.getUint16(at);
  at += 2;
  if (bytes.byteLength < at + goneCount * 2) throw new Error("truncated pose packet");
  const gone: number[] = [];
  for (let i = 0; i < goneCount; i++) {
    gone.push(view.getUint16(at));
    at += 2;
  }
  return { poses, gone };
}
