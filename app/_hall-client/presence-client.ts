import { Client, type Room } from "@colyseus/sdk";
import { ClientMessageName as Msg, decodePosePacket, HALL_PREVIEW_ROOM, HALL_ROOM, HALL_UPDATED, POSES_MESSAGE, ServerMessage, type ErrorPayload, type HallState, type PoseEntry } from "../../game-server/protocol/index.ts";
import { ladderFromCode, qualityFromCode, type LadderLevel, type QualityLevel } from "../../game-server/protocol/qoe.ts";
import { InterpolationBuffer } from "./interpolation.ts";
import { send } from "./room-request.ts";

export interface RemoteVisitor {
  sessionId: string;
  visitorId: string;
  /** Their number in pose packets. */
  n: number;
  name: string;
  role: string;
  /** The look they chose in the lobby (avatar-choice.ts); "" means derived from visitorId. */
  avatar: string;
  mic: boolean;
  /** Sending their webcam (a panel beside their avatar) / sharing their screen, on scene screen `screenId` ("" for none). */
  camera: boolean;
  screen: boolean;
  screenId: string;
  /** Their connection dropped and the hall is holding their place. */
  away: boolean;
  /** Updated in place (read per frame), so it does not re-render lists every few hundred ms. */
  speaking: boolean;
  /** Whether they are within our area of interest (their avatar is drawn); read per frame. */
  inView: boolean;
  /** Their network quality and degradation rung, as the hall state says (set on the first state pass). */
  net?: QualityLevel | "unknown";
  fallback?: LadderLevel;
  buffer: InterpolationBuffer;
}

export interface Pose {
  x: number;
  z: number;
  ry: number;
}

export type ConnectionState = "connected" | "reconnecting" | "lost";

/**
 * Who is in the hall and where: joins the hall's Colyseus room. The people list comes from
 * the room state (everyone, always); positions come as pose packets for the people within
 * our area of interest only, and are kept as smoothed remote poses.
 */
export class PresenceClient {
  readonly room: Room<unknown, HallState>;
  /** Our own stable visitor id (the sessionId changes on every join). */
  readonly visitorId: string;
  readonly remotes = new Map<string, RemoteVisitor>();
  /** The remote visitors as an array that is replaced whenever someone arrives, leaves or changes a visible detail. */
  roster: readonly RemoteVisitor[] = [];
  /** The server's latest word on where we stand, for reconciling our prediction. */
  serverPose: Pose;
  /** Whether the SFU hears us speaking right now. */
  speaking = false;
  /** The scene screen our own screen share is shown on ("" for none). */
  screenId = "";
  connection: ConnectionState = "connected";
  /** The hall was published anew while we are in it: our instance keeps its scene; a reload brings the new one. */
  hallUpdated = false;
  readonly #byNumber = new Map<number, RemoteVisitor>();
  /** Poses that arrived before the state listed their visitor (the two travel separately). */
  readonly #early = new Map<number, PoseEntry>();
  readonly #listeners = new Set<() => void>();
  readonly errors: ErrorPayload[] = [];

  private constructor(room: Room<unknown, HallState>, visitorId: string, pose: Pose, earlyPackets: readonly Uint8Array[]) {
    this.room = room;
    this.visitorId = visitorId;
    this.serverPose = pose;
    this.#absorb(room.state);
    for (const bytes of earlyPackets) this.#absorbPoses(bytes);
    room.onStateChange((state) => this.#absorb(state));
    room.onMessage(POSES_MESSAGE, (bytes: Uint8Array) => this.#absorbPoses(bytes));
    room.onMessage(HALL_UPDATED, () => {
      this.hallUpdated = true;
      this.#notify();
    });
    room.onMessage(ServerMessage.error, (payload: ErrorPayload) => {
      this.errors.push(payload);
      if (this.errors.length > 20) this.errors.shift();
      console.warn("hall refused a message:", payload);
    });
    room.onDrop(() => this.#setConnection("reconnecting"));
    room.onReconnect(() => this.#setConnection("connected"));
    room.onLeave(() => this.#setConnection("lost"));
  }

  static async join(origin: string, hallId: string, token: string, avatar = "", roomId?: string, preview?: string): Promise<PresenceClient> {
    const client = new Client(origin);
    const options = { hallId, token, avatar };
    // An agent joins the very instance their customer is in; a marketer's preview is a room type of its own.
    const room = roomId
      ? await client.joinById<HallState>(roomId, options)
      : preview
        ? await client.joinOrCreate<HallState>(HALL_PREVIEW_ROOM, { ...options, preview })
        : await client.joinOrCreate<HallState>(HALL_ROOM, options);
    // A short blip should not throw a visitor out of the hall: try to get back quickly.
    room.reconnection.minUptime = 1000;
    room.reconnection.maxDelay = 3000;
    // We are in once the state lists us and the first pose packet has placed us.
    const packets: Uint8Array[] = [];
    const { visitorId, pose } = await new Promise<{ visitorId: string; pose: Pose }>((resolve, reject) => {
      let pose: Pose | undefined;
      const timer = setTimeout(() => reject(new Error("the hall did not list us")), 10_000);
      const me = () => room.state?.visitors?.get(room.sessionId);
      const check = () => {
        const visitorId = me()?.visitorId;
        if (!visitorId || !pose) return;
        clearTimeout(timer);
        room.onStateChange.remove(check);
        offPoses();
        resolve({ visitorId, pose });
      };
      const offPoses = room.onMessage(POSES_MESSAGE, (bytes: Uint8Array) => {
        packets.push(bytes);
        const n = me()?.n;
        const own = n === undefined ? undefined : decodePosePacket(bytes).poses.find((p) => p.n === n);
        if (own) pose = { x: own.x, z: own.z, ry: own.ry };
        check();
      });
      room.onStateChange(check);
    });
    return new PresenceClient(room, visitorId, pose, packets);
  }

  get sessionId(): string {
    return this.room.sessionId;
  }

  /** Our role in the hall (customer, agent, concierge), as our token says. */
  get role(): string {
    return this.room.state?.visitors?.get(this.room.sessionId)?.role ?? "customer";
  }

  /** The look we joined with, as the server accepted it. */
  get avatar(): string {
    return this.room.state?.visitors?.get(this.room.sessionId)?.avatar ?? "";
  }

  move(pose: Pose): void {
    if (this.connection === "connected") send(this.room, Msg.move, pose);
  }

  /** Called whenever the set of visitors or their details change (not on every movement). */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async leave(): Promise<void> {
    await this.room.leave(true);
  }

  #setConnection(state: ConnectionState): void {
    this.connection = state;
    this.#notify();
  }

  #notify(): void {
    for (const l of this.#listeners) l();
  }

  #absorbPoses(bytes: Uint8Array): void {
    let packet;
    try {
      packet = decodePosePacket(bytes);
    } catch (error) {
      console.warn("dropped a malformed pose packet", error);
      return;
    }
    const now = performance.now();
    const ownNumber = this.room.state?.visitors?.get(this.room.sessionId)?.n;
    for (const p of packet.poses) {
      if (p.n === ownNumber) {
        this.serverPose = { x: p.x, z: p.z, ry: p.ry };
        continue;
      }
      const remote = this.#byNumber.get(p.n);
      if (!remote) {
        this.#early.set(p.n, p);
        continue;
      }
      remote.buffer.push({ t: now, x: p.x, z: p.z, ry: p.ry });
      remote.inView = true;
    }
    for (const n of packet.gone) {
      const remote = this.#byNumber.get(n);
      if (!remote) continue;
      remote.inView = false;
      // Coming back into view later must not glide from where they were last seen.
      remote.buffer = new InterpolationBuffer();
    }
  }

  #absorb(state: HallState | undefined): void {
    if (!state?.visitors) return;
    const now = performance.now();
    let rosterChanged = false;
    const seen = new Set<string>();
    state.visitors.forEach((v, sessionId) => {
      seen.add(sessionId);
      if (sessionId === this.room.sessionId) {
        this.speaking = v.speaking;
        if (this.screenId !== v.screenId) {
          this.screenId = v.screenId;
          rosterChanged = true; // re-renders who is on which screen
        }
        return;
      }
      let remote = this.remotes.get(sessionId);
      if (!remote) {
        remote = { sessionId, visitorId: v.visitorId, n: v.n, name: v.name, role: v.role, avatar: v.avatar, mic: v.mic, camera: v.camera, screen: v.screen, screenId: v.screenId, away: v.away, speaking: v.speaking, inView: false, buffer: new InterpolationBuffer() };
        this.remotes.set(sessionId, remote);
        this.#byNumber.set(v.n, remote);
        const early = this.#early.get(v.n);
        if (early) {
          this.#early.delete(v.n);
          remote.buffer.push({ t: now, x: early.x, z: early.z, ry: early.ry });
          remote.inView = true;
        }
        rosterChanged = true;
      }
      if (remote.mic !== v.mic || remote.away !== v.away || remote.camera !== v.camera || remote.screen !== v.screen || remote.screenId !== v.screenId) {
        remote.mic = v.mic;
        remote.away = v.away;
        remote.camera = v.camera;
        remote.screen = v.screen;
        remote.screenId = v.screenId;
        rosterChanged = true;
      }
      remote.speaking = v.speaking;
      const net = qualityFromCode(v.net);
      const fallback = ladderFromCode(v.fallback);
      if (remote.net !== net || remote.fallback !== fallback) {
        remote.net = net;
        remote.fallback = fallback;
        rosterChanged = true;
      }
    });
    for (const [id, remote] of this.remotes) {
      if (seen.has(id)) continue;
      this.remotes.delete(id);
      if (this.#byNumber.get(remote.n) === remote) this.#byNumber.delete(remote.n);
      rosterChanged = true;
    }
    if (rosterChanged) {
      this.roster = [...this.remotes.values()];
      this.#notify();
    }
  }
}
