"use client";
import type { ServiceContext, SessionView } from "../../game-server/protocol/index.ts";
import { HallClient, type MediaState } from "../_hall-client/hall-client.ts";

/** How often the agent's spatial audio follows where the customer stands (no render loop on the console). */
const PLACE_VOICES_MS = 100;

/**
 * The agent's side of one session, in the hall itself: a hall connection (their digital human,
 * placed beside the customer by the server) to the very instance the customer is in, media with
 * the mic on, attached to the session (a private call opens between the two). The console has no
 * 3D view of its own, so voices are placed from the server's poses here.
 */
export class AgentCall {
  readonly client: HallClient;
  readonly context: ServiceContext;
  media: MediaState;
  readonly #timer: ReturnType<typeof setInterval>;
  #left?: Promise<void>;

  private constructor(client: HallClient, context: ServiceContext, media: MediaState) {
    this.client = client;
    this.context = context;
    this.media = media;
    this.#timer = setInterval(() => client.tick(client.presence.serverPose, performance.now()), PLACE_VOICES_MS);
  }

  static async open(session: Pick<SessionView, "contactId" | "hallId" | "roomId">, staffName: string): Promise<AgentCall> {
    const response = await fetch("/api/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: staffName }) });
    const body = (await response.json().catch(() => ({}))) as { token?: string; error?: string };
    if (!response.ok || !body.token) throw new Error(body.error ?? `could not get a hall pass (${response.status})`);
    const client = await HallClient.enter(session.hallId, body.token, "", session.roomId);
    try {
      // Voice first (a failed mic leaves the session in text: the chat works regardless).
      const media = await client.startMedia(true);
      const context = await client.service.attach(session.contactId);
      return new AgentCall(client, context, media);
    } catch (error) {
      await client.leave().catch(() => undefined);
      throw error;
    }
  }

  /** The customer as the hall sees them now (network quality, camera), or undefined once they left. */
  get customer() {
    const sessionId = this.context.customer.sessionId;
    return sessionId ? this.client.presence.remotes.get(sessionId) : undefined;
  }

  /** Leaves the hall (once: the console may ask again as it tidies up). */
  leave(): Promise<void> {
    clearInterval(this.#timer);
    this.#left ??= this.client.leave().catch(() => undefined);
    return this.#left;
  }
}
