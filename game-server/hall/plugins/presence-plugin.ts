import type { Client } from "@colyseus/core";
import { Limits } from "../../protocol/limits.ts";
import type { Move } from "../../protocol/messages.ts";
import { encodePosePacket, POSES_MESSAGE } from "../../protocol/pose-packet.ts";
import { HallPlugin } from "../hall-plugin.ts";
import { PoseFanout } from "../interest.ts";
import { constrainMove } from "../movement.ts";
import type { RateRule } from "../rate-limits.ts";

/** Pose packets go out at this pace; clients send their moves at ~15 Hz. */
const POSE_TICK_MS = 50;
const MOVES: RateRule = { name: "move", max: Limits.maxMovesPerSecond, windowMs: 1000 };

/**
 * Where everyone stands: spawning, server-authoritative movement, and the per-viewer pose
 * packets (interest management, `PoseFanout`). Other plugins ask it where a visitor is.
 */
export class PresencePlugin extends HallPlugin {
  readonly pluginName = "presence" as const;
  #fanout!: PoseFanout;
  /** performance.now() of each visitor's last accepted move, for the speed limit. */
  readonly #lastMoveAt = new Map<string, number>();

  protected override messages = this.rules({
    move: { limits: [MOVES], handle: (client, wanted) => this.#move(client, wanted) },
  });

  protected override onCreate(): void {
    this.#fanout = new PoseFanout(this.room.services.interest);
    // Its own timer, not `clock.setInterval`: the clock only advances with each 50 ms state
    // patch, so a 50 ms clock interval fired every 50 or every 100 ms depending on jitter.
    this.room.setTimestep(() => this.#sendPoses(), POSE_TICK_MS);
  }

  protected override onJoin(client: Client): void {
    const n = this.room.visitor(client.sessionId)?.n;
    if (n === undefined) return;
    const spawn = this.room.scene.spawn;
    const angle = Math.random() * Math.PI * 2;
    const radius = Math.random() * spawn.radius;
    this.#fanout.add({ n, x: spawn.x + Math.cos(angle) * radius, z: spawn.z + Math.sin(angle) * radius, ry: Math.PI });
  }

  override onVisitorBack(client: Client): void {
    // Pose packets sent while they were gone are lost: tell them everything again.
    const n = this.room.visitor(client.sessionId)?.n;
    if (n !== undefined) this.#fanout.forget(n);
  }

  protected override onLeave(client: Client): void {
    const n = this.room.visitor(client.sessionId)?.n;
    if (n !== undefined) this.#fanout.remove(n);
    this.#lastMoveAt.delete(client.sessionId);
  }

  /**
   * Puts someone who is not a client — the concierge at its desk — at a fixed pose, sent to
   * viewers like anyone's. No client can move it: `move` only ever moves the sender's own pose.
   * `key` is their entry in `HallState.visitors`, made by the caller first.
   */
  placeFixed(key: string, pose: Readonly<{ x: number; z: number; ry: number }>): void {
    const n = this.room.visitor(key)?.n;
    if (n === undefined) throw new Error(`no visitor "${key}" to place`);
    this.#fanout.remove(n);
    this.#fanout.add({ n, x: pose.x, z: pose.z, ry: pose.ry });
  }

  /**
   * Moves a visitor at once (an agent arriving beside the customer they serve), past the speed
   * limit that binds their own moves; their next move starts from here.
   */
  teleport(sessionId: string, pose: Readonly<{ x: number; z: number; ry: number }>): void {
    const n = this.room.visitor(sessionId)?.n;
    if (n === undefined || !this.#fanout.pose(n)) throw new Error(`no visitor "${sessionId}" to move`);
    this.#fanout.update({ n, x: pose.x, z: pose.z, ry: pose.ry });
    this.#lastMoveAt.delete(sessionId);
  }

  /** Where a visitor stands now (server's view, live: it changes as they move), or undefined for someone not here. */
  poseOf(sessionId: string): Readonly<{ x: number; z: number; ry: number }> | undefined {
    const n = this.room.visitor(sessionId)?.n;
    return n === undefined ? undefined : this.#fanout.pose(n);
  }

  #move(client: Client, wanted: Move): void {
    const n = this.room.visitor(client.sessionId)?.n;
    const current = n === undefined ? undefined : this.#fanout.pose(n);
    if (n === undefined || !current) return;
    const now = performance.now();
    const last = this.#lastMoveAt.get(client.sessionId) ?? now - 1000 / 15;
    this.#lastMoveAt.set(client.sessionId, now);
    this.#fanout.update({ n, ...constrainMove(current, wanted, (now - last) / 1000, this.room.scene) });
  }

  #sendPoses(): void {
    const packets = this.#fanout.tick();
    for (const client of this.room.clients) {
      const n = this.room.visitor(client.sessionId)?.n;
      const packet = n === undefined ? undefined : packets.get(n);
      if (packet) client.sendBytes(POSES_MESSAGE, encodePosePacket(packet));
    }
  }
}
