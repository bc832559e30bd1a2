import { LocalPresence, attachToTestRoom, type Client } from "@colyseus/core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HallPlugin } from "../game-server/hall/hall-plugin.ts";
import { HallRoom, type RequestContext } from "../game-server/hall/hall-room.ts";
import type { HallServices } from "../game-server/hall/hall-services.ts";
import { INTEREST_MANAGED } from "../game-server/hall/interest.ts";
import { RateLimits } from "../game-server/hall/rate-limits.ts";
import { HallDirectory } from "../game-server/halls/hall-directory.ts";
import { createLogger } from "../game-server/logging/logger.ts";
import type { ErrorPayload } from "../game-server/protocol/errors.ts";
import { HallState, Visitor } from "../game-server/protocol/hall-state.ts";
import { SqliteStorage } from "../game-server/storage/sqlite-storage.ts";
import { getBuiltInScene } from "../scenes/catalog.ts";

/** What a fake client was sent, in order. */
export interface Sent {
  type: string | number;
  payload: unknown;
}

export type TestClient = Client & { sent: Sent[]; of(type: string): unknown[] };

/** Hooks a plugin may have; protected on the class, called here as Colyseus would. */
interface PluginHooks {
  onCreate?(options?: unknown): unknown;
  onJoin?(client: Client): unknown;
  onLeave?(client: Client): unknown;
  onDispose?(): unknown;
  messages?: Record<string, (client: Client, raw: unknown, ctx?: RequestContext) => unknown>;
}

/** Shared by the instances of one test: one SQLite file and one hall directory, like one server. */
export interface PluginWorld {
  services: Omit<HallServices, "media">;
  close(): Promise<void>;
}

export async function pluginWorld(): Promise<PluginWorld> {
  const dir = mkdtempSync(join(tmpdir(), "atrium-plugin-"));
  const storage = new SqliteStorage(join(dir, "atrium.db"));
  await storage.migrate();
  await storage.halls.put({ id: "demo", name: "Demo", sceneId: "nova-electronics" });
  await storage.halls.put({ id: "bank", name: "Bank", sceneId: "meridian-bank" });
  const log = createLogger("error", {}, () => undefined);
  const halls = new HallDirectory(new LocalPresence(), log);
  return {
    services: { storage, log, halls, tokens: undefined as never, findScene: getBuiltInScene, capacity: 50, interest: INTEREST_MANAGED },
    async close() {
      await halls.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A hall instance without Colyseus or an SFU, for testing plugins on their own (Colyseus'
 * `attachToTestRoom`): the room core's real guard (`HallRoom.dispatch`), real state, real storage,
 * fake clients that record what they are sent, and timers the test fires by hand.
 */
export class PluginRoom {
  readonly room: HallRoom;
  readonly #plugins: HallPlugin[];
  readonly timers: { everyMs: number; run: () => unknown }[] = [];
  #nextSession = 0;

  private constructor(room: HallRoom, plugins: HallPlugin[]) {
    this.room = room;
    this.#plugins = plugins;
  }

  /** Opens an instance of `hallId` with these plugins (order as in `hallPlugins()`). */
  static async open(world: PluginWorld, plugins: HallPlugin[], hallId = "demo", roomId = `room-${Math.random().toString(36).slice(2, 8)}`): Promise<PluginRoom> {
    const clients: TestClient[] = [];
    const stub = Object.create(HallRoom.prototype) as HallRoom;
    const record = Object.fromEntries(plugins.map((p) => [p.pluginName, p]));
    const hall = await world.services.storage.halls.get(hallId);
    const fields = {
      roomId,
      services: world.services,
      scene: getBuiltInScene(hall!.sceneId)!,
      state: new HallState({ hallId }),
      limits: new RateLimits(),
      plugins: record,
      clients: Object.assign(clients, { getById: (id: string) => clients.find((c) => c.sessionId === id) }),
      broadcast: (type: string, payload: unknown) => clients.forEach((c) => c.send(type, payload)),
      hall: world.services.halls.enter(hallId, roomId),
    };
    Object.defineProperties(stub, Object.fromEntries(Object.entries(fields).map(([k, value]) => [k, { value, writable: true }])));
    const harness = new PluginRoom(stub, plugins);
    Object.defineProperty(stub, "clock", { value: { setInterval: (run: () => unknown, everyMs: number) => harness.timers.push({ run, everyMs }) } });
    Object.defineProperty(stub, "setTimestep", { value: (run: () => unknown, everyMs: number) => harness.timers.push({ run, everyMs }) });
    for (const plugin of plugins) attachToTestRoom(plugin, stub);
    for (const plugin of plugins) await hooks(plugin).onCreate?.({ hallId });
    return harness;
  }

  /** A visitor comes in: the core's part (the visitor index), then every plugin's `onJoin`. */
  async join(name: string, role = "customer"): Promise<TestClient> {
    const sessionId = `s${this.#nextSession++}`;
    const sent: Sent[] = [];
    const client = {
      sessionId,
      sent,
      send: (type: string | number, payload?: unknown) => void sent.push({ type, payload }),
      sendBytes: (type: string | number, payload: unknown) => void sent.push({ type, payload }),
      of: (type: string) => sent.filter((s) => s.type === type).map((s) => s.payload),
    } as unknown as TestClient;
    const used = new Set([...this.room.state.visitors.values()].map((v) => v.n));
    let n = 0;
    while (used.has(n)) n++;
    this.room.state.visitors.set(sessionId, new Visitor({ visitorId: `v-${sessionId}`, name, role, avatar: "", n, away: false, mic: false, speaking: false, camera: false, screen: false, screenId: "" }));
    (this.room.clients as unknown as TestClient[]).push(client);
    for (const plugin of this.#plugins) await hooks(plugin).onJoin?.(client);
    return client;
  }

  async leave(client: TestClient): Promise<void> {
    for (const plugin of this.#plugins) await hooks(plugin).onLeave?.(client);
    this.room.state.visitors.delete(client.sessionId);
    const clients = this.room.clients as unknown as TestClient[];
    clients.splice(clients.indexOf(client), 1);
  }

  /** A request (`room.request` on a page): the reply, or a rejection with the `ErrorPayload`. */
  async request(client: TestClient, type: string, payload?: unknown): Promise<unknown> {
    let rejected: ErrorPayload | undefined;
    const ctx: RequestContext = { id: 1, reject: (reason) => void (rejected = reason as ErrorPayload) };
    const reply = await this.#handler(type)(client, payload, ctx);
    if (rejected) throw rejected;
    return reply;
  }

  /** A plain message (`room.send`): refusals come back as `error` messages. */
  async send(client: TestClient, type: string, payload?: unknown): Promise<void> {
    await this.#handler(type)(client, payload, { id: undefined, reject: () => undefined });
  }

  /** Runs every timer whose period is `everyMs` once, as the room's clock would. */
  async tick(everyMs: number): Promise<void> {
    for (const timer of this.timers.filter((t) => t.everyMs === everyMs)) await timer.run();
  }

  async close(): Promise<void> {
    for (const plugin of this.#plugins) await hooks(plugin).onDispose?.();
    await this.room.services.halls.leave(this.room.state.hallId, this.room.roomId);
  }

  #handler(type: string): NonNullable<PluginHooks["messages"]>[string] {
    for (const plugin of this.#plugins) {
      const handler = hooks(plugin).messages?.[type];
      if (handler) return handler;
    }
    // No plugin answers it: the core's catch-all, as in `HallRoom.onCreate`.
    return (client, raw, ctx) => this.room.dispatch(undefined, client, type, raw, ctx, { handle: () => undefined });
  }
}

function hooks(plugin: HallPlugin): PluginHooks {
  return plugin as unknown as PluginHooks;
}
