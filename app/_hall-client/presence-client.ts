import { Client, type Room } from "@colyseus/sdk";
import { HALL_ROOM, ServerMessage, type ErrorPayload, type HallState } from "../../game-server/protocol/index.ts";
import { InterpolationBuffer } from "./interpolation.ts";

export interface RemoteVisitor {
  sessionId: string;
  visitorId: string;
  name: string;
  role: string;
  /** The look they chose in the lobby (avatar-choice.ts); "" means derived from visitorId. */
  avatar: string;
  mic: boolean;
  /** Updated in place (read per frame), so it does not re-render lists every few hundred ms. */
  speaking: boolean;
  buffer: InterpolationBuffer;
}

export interface Pose {
  x: number;
  z: number;
  ry: number;
}

/** Who is in the hall and where: joins the hall's Colyseus room and keeps smoothed remote poses. */
export class PresenceClient {
  readonly room: Room<unknown, HallState>;
  /** Our own stable visitor id (the sessionId changes on every join). */
  readonly visitorId: string;
  /** The look we joined with, as the server accepted it. */
  get avatar(): string {
    return this.room.state?.visitors?.get(this.room.sessionId)?.avatar ?? "";
  }
  readonly remotes = new Map<string, RemoteVisitor>();
  /** The remote visitors as an array that is replaced whenever someone arrives, leaves or toggles their mic. */
  roster: readonly RemoteVisitor[] = [];
  /** The server's latest word on where we stand, for reconciling our prediction. */
  serverPose: Pose = { x: 0, z: 0, ry: 0 };
  /** Whether the SFU hears us speaking right now. */
  speaking = false;
  readonly #listeners = new Set<() => void>();
  readonly errors: ErrorPayload[] = [];

  private constructor(room: Room<unknown, HallState>, visitorId: string) {
    this.room = room;
    this.visitorId = visitorId;
    this.#absorb(room.state);
    room.onStateChange((state) => this.#absorb(state));
    room.onMessage(ServerMessage.error, (payload: ErrorPayload) => {
      this.errors.push(payload);
      if (this.errors.length > 20) this.errors.shift();
      console.warn("hall refused a message:", payload);
    });
  }

  static async join(origin: string, hallId: string, token: string, avatar = ""): Promise<PresenceClient> {
    const client = new Client(origin);
    const room = await client.joinOrCreate<HallState>(HALL_ROOM, { hallId, token, avatar });
    // We are in once the state lists us; it may already have arrived with the join.
    const visitorId = await new Promise<string>((resolve, reject) => {
      const mine = () => room.state?.visitors?.get(room.sessionId)?.visitorId;
      if (mine()) return resolve(mine()!);
      const timer = setTimeout(() => reject(new Error("the hall did not list us")), 10_000);
      const listener = () => {
        if (!mine()) return;
        clearTimeout(timer);
        room.onStateChange.remove(listener);
        resolve(mine()!);
      };
      room.onStateChange(listener);
    });
    return new PresenceClient(room, visitorId);
  }

  get sessionId(): string {
    return this.room.sessionId;
  }

  move(pose: Pose): void {
    this.room.send("move", pose);
  }

  /** Called whenever the set of visitors or their details change (not on every movement). */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async leave(): Promise<void> {
    await this.room.leave(true);
  }

  #absorb(state: HallState | undefined): void {
    if (!state?.visitors) return;
    const now = performance.now();
    let rosterChanged = false;
    const seen = new Set<string>();
    state.visitors.forEach((v, sessionId) => {
      seen.add(sessionId);
      if (sessionId === this.room.sessionId) {
        this.serverPose = { x: v.x, z: v.z, ry: v.ry };
        this.speaking = v.speaking;
        return;
      }
      let remote = this.remotes.get(sessionId);
      if (!remote) {
        remote = { sessionId, visitorId: v.visitorId, name: v.name, role: v.role, avatar: v.avatar, mic: v.mic, speaking: v.speaking, buffer: new InterpolationBuffer() };
        this.remotes.set(sessionId, remote);
        rosterChanged = true;
      }
      if (remote.mic !== v.mic) {
        remote.mic = v.mic;
        rosterChanged = true;
      }
      remote.speaking = v.speaking;
      remote.buffer.push({ t: now, x: v.x, z: v.z, ry: v.ry });
    });
    for (const id of this.remotes.keys()) {
      if (!seen.has(id)) {
        this.remotes.delete(id);
        rosterChanged = true;
      }
    }
    if (rosterChanged) {
      this.roster = [...this.remotes.values()];
      for (const l of this.#listeners) l();
    }
  }
}
