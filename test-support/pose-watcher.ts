import type { Room } from "@colyseus/sdk";
import { decodePosePacket, POSES_MESSAGE, type HallState, type PosePacket } from "../game-server/protocol/index.ts";

export interface WatchedPose {
  x: number;
  z: number;
  ry: number;
  /** Date.now() when the pose arrived. */
  at: number;
}

/**
 * What an SDK client in a test or benchmark has been told about positions: the latest pose
 * of every visitor (by sessionId) that the server sent, and who was reported out of range.
 */
export class PoseWatcher {
  readonly #room: Room<unknown, HallState>;
  readonly #byNumber = new Map<number, WatchedPose>();
  readonly packets: PosePacket[] = [];
  bytes = 0;
  keepPackets = false;

  constructor(room: Room<unknown, HallState>) {
    this.#room = room;
    room.onMessage(POSES_MESSAGE, (data: Uint8Array) => {
      this.bytes += data.byteLength;
      const packet = decodePosePacket(data);
      if (this.keepPackets) this.packets.push(packet);
      const at = Date.now();
      for (const p of packet.poses) this.#byNumber.set(p.n, { x: p.x, z: p.z, ry: p.ry, at });
      for (const n of packet.gone) this.#byNumber.delete(n);
    });
  }

  /** The latest pose we were sent for a visitor, or undefined if they are out of our view. */
  of(sessionId: string): WatchedPose | undefined {
    const n = this.#room.state?.visitors?.get(sessionId)?.n;
    return n === undefined ? undefined : this.#byNumber.get(n);
  }

  /** Forget what we were told, to see what the server sends afresh. */
  clear(): void {
    this.#byNumber.clear();
  }

  get own(): WatchedPose | undefined {
    return this.of(this.#room.sessionId);
  }
}
