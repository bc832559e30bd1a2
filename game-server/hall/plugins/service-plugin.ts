import type { Client } from "@colyseus/core";
import { isWalkable } from "../../../scenes/collision.ts";
import { boothFront } from "../../../scenes/scene-layout.ts";
import { ErrorCode, type ErrorPayload } from "../../protocol/errors.ts";
import type { SharedFileView } from "../../protocol/files.ts";
import { ServiceServerMessage, type EmotionView, type ServiceChatLine, type ServiceView } from "../../protocol/service.ts";
import { DeskRefusal } from "../../service/desk-refusal.ts";
import type { HallQueue } from "../../service/hall-queue.ts";
import type { ServiceDesk } from "../../service/service-desk.ts";
import { HallPlugin } from "../hall-plugin.ts";
import { MessageRejected } from "../message-guard.ts";
import type { RateRule } from "../rate-limits.ts";
import type { ConciergePlugin } from "./concierge-plugin.ts";
import type { AssistPlugin } from "./assist-plugin.ts";
import type { MediaPlugin } from "./media-plugin.ts";

const REQUESTS: RateRule = { name: "service-request", max: 4, windowMs: 10_000, message: "you are asking for a person too often; wait a few seconds" };
const CHAT: RateRule = { name: "service-chat", max: 10, windowMs: 10_000, message: "you are sending messages too fast" };
const OTHER: RateRule = { name: "service-other", max: 10, windowMs: 10_000 };
/** The emotion signal: a couple a second is plenty for a badge; more are dropped quietly. */
const EMOTION: RateRule = { name: "service-emotion", max: 2, windowMs: 1000, over: "drop" };

/** A customer standing this close to a booth's front (metres) is looking at its product. */
const VIEWING_RADIUS = 2.5;
const VIEW_CHECK_MS = 1000;
/** Where an arriving agent stands: this far from the customer, in front of them if there is room. */
const BESIDE = 1.4;

const customer = ["customer"] as const;
const staff = ["agent", "supervisor"] as const;

/**
 * The service desk in a hall instance: a customer's "Talk to a person" (queue, callback,
 * cancel), the session with the agent who accepted them — the agent's hall connection attaches
 * to it, their avatar appears beside the customer and a private call opens between the two —
 * the chat between them, voice and video steps, the end and the customer's rating. The queue and
 * routing live outside the instance (`HallQueue` → `ServiceDesk`).
 */
export class ServicePlugin extends HallPlugin {
  readonly pluginName = "service" as const;
  #queue?: HallQueue;
  /** The customer's request, by their session. */
  readonly #requests = new Map<string, string>();
  /** The session an agent's connection serves, by the agent's session. */
  readonly #serving = new Map<string, string>();
  /** Booths each customer stood at, first visit first. */
  readonly #viewed = new Map<string, { boothId: string; label: string }[]>();

  protected override messages = this.rules({
    "service:request": {
      roles: customer,
      limits: [REQUESTS],
      handle: async (client, { reason: claimed, lang }) => {
        const visitor = this.room.visitor(client.sessionId)!;
        const concierge = this.room.plugins.concierge as ConciergePlugin | undefined;
        // "Upset" moves a customer up the queue: only the concierge's own reading of them counts, never the page's word.
        const reason = claimed === "negative" && concierge?.handoverOf(client.sessionId) !== "negative" ? "button" : claimed;
        const view = await this.#desk().request(
          {
            hallId: this.room.hallId,
            roomId: this.room.roomId,
            customer: { id: visitor.visitorId, name: visitor.name, sessionId: client.sessionId },
            lang,
            reason,
            conversationId: concierge?.conversationOf(client.sessionId),
            viewed: this.#viewed.get(client.sessionId) ?? [],
          },
          this.#customerLink(client),
        );
        this.#requests.set(client.sessionId, view.contactId);
        return this.#told(view);
      },
    },
    "service:cancel": {
      roles: customer,
      limits: [OTHER],
      handle: async (client) => {
        const contactId = this.#requestOf(client, "service:cancel");
        await this.#desk().cancel(contactId, this.#visitorId(client), "customer");
        this.#requests.delete(client.sessionId);
        return { ok: true as const };
      },
    },
    "service:callback": {
      roles: customer,
      limits: [OTHER],
      handle: (client, { note }) => this.#desk().callback(this.#requestOf(client, "service:callback"), this.#visitorId(client), note || undefined),
    },
    "service:attach": {
      roles: staff,
      limits: [OTHER],
      handle: async (client, { contactId }) => {
        const desk = this.#desk();
        const context = await desk.attach(contactId, this.#visitorId(client), this.room.roomId, client.sessionId, this.#agentLink(client));
        this.#serving.set(client.sessionId, contactId);
        const customerSession = context.customer.sessionId;
        if (customerSession) {
          this.#placeBeside(client.sessionId, customerSession);
          await this.#openCall(contactId, customerSession, client.sessionId);
          // Live assist listens in this call only (never the open hall), for the agent's eyes only.
          void this.#assist()?.start({
            contactId,
            ticketId: context.ticketId,
            lang: context.customer.lang,
            customerSession,
            agentSession: client.sessionId,
            names: { customer: context.customer.name, agent: this.room.visitor(client.sessionId)?.name ?? "Agent" },
          });
        }
        return context;
      },
    },
    "service:chat": {
      limits: [CHAT],
      handle: async (client, { text }) => {
        const visitor = this.room.visitor(client.sessionId)!;
        const served = this.#serving.get(client.sessionId);
        const contactId = served ?? this.#requests.get(client.sessionId);
        if (!contactId) throw this.#rejected("service:chat", "you are not in a service session");
        const line = await this.#desk().chat(contactId, { role: served ? "agent" : "customer", id: visitor.visitorId, name: visitor.name }, text);
        this.#assist()?.chat(contactId, served ? "agent" : "customer", line.text);
        return { id: line.id };
      },
    },
    "service:media": {
      roles: customer,
      limits: [OTHER],
      handle: async (client, { media }) => {
        await this.#desk().media(this.#requestOf(client, "service:media"), this.#visitorId(client), media);
        return { ok: true as const };
      },
    },
    "service:end": {
      limits: [OTHER],
      handle: async (client) => {
        const served = this.#serving.get(client.sessionId);
        const contactId = served ?? this.#requests.get(client.sessionId);
        if (!contactId) throw this.#rejected("service:end", "you are not in a service session");
        const desk = this.#desk();
        const contact = desk.contact(contactId);
        if (served && contact?.agentId !== this.#visitorId(client)) throw this.#rejected("service:end", "you are not in a service session");
        await desk.end(contactId, served ? "agent" : "customer");
        return { ok: true as const };
      },
    },
    "service:emotion": {
      roles: customer,
      limits: [EMOTION],
      handle: async (client, sample) => {
        const contactId = this.#requestOf(client, "service:emotion");
        const view = await this.#desk().emotion(contactId, this.#visitorId(client), sample);
        this.#assist()?.signal(contactId, "customer-emotion", view.state);
      },
    },
    "service:rate": {
      roles: customer,
      limits: [OTHER],
      handle: async (client, { score, comment }) => {
        await this.#desk().rate(this.#requestOf(client, "service:rate"), this.#visitorId(client), score, comment || undefined);
        return { ok: true as const };
      },
    },
  });

  protected override onCreate(): void {
    try {
      this.#queue = this.room.hall.service<HallQueue>("service");
    } catch {
      this.room.services.log.warn("this hall has no service desk: customers cannot ask for a person", { hallId: this.room.hallId });
      return;
    }
    this.room.clock.setInterval(() => this.#noteViewing(), VIEW_CHECK_MS);
  }

  protected override async onLeave(client: Client): Promise<void> {
    const desk = this.#queue?.desk;
    const requested = this.#requests.get(client.sessionId);
    const served = this.#serving.get(client.sessionId);
    this.#requests.delete(client.sessionId);
    this.#serving.delete(client.sessionId);
    this.#viewed.delete(client.sessionId);
    if (!desk) return;
    try {
      // Only if this connection is still the one in the session: a reload or a second tab has taken it over otherwise.
      if (requested && desk.contact(requested)?.customer.sessionId === client.sessionId) await desk.cancel(requested, this.room.visitor(client.sessionId)?.visitorId ?? "", "left");
      const agentSide = served ? desk.contact(served) : undefined;
      if (served && agentSide?.agentSessionId === client.sessionId && agentSide.phase === "connected") await desk.end(served, "agent");
    } catch (error) {
      if (!(error instanceof DeskRefusal)) this.room.services.log.error("could not close a service session of someone who left", { sessionId: client.sessionId, error });
    }
  }

  override refusal(error: unknown, type: string): ErrorPayload | undefined {
    if (!(error instanceof DeskRefusal)) return undefined;
    const code = error.code === "not_found" ? ErrorCode.notFound : error.code === "invalid" ? ErrorCode.invalidPayload : ErrorCode.notAllowed;
    return { code, message: error.message, type };
  }

  /** The process's service desk, as this instance reaches it (undefined in a hall without one). */
  get desk(): ServiceDesk | undefined {
    return this.#queue?.desk;
  }

  #customerLink(client: Client) {
    return {
      state: (view: ServiceView) => {
        client.send(ServiceServerMessage.state, this.#told(view));
        if (view.phase === "ended" || view.phase === "cancelled") void this.#closeCall(view.contactId);
      },
      chat: (line: ServiceChatLine) => client.send(ServiceServerMessage.chat, line),
      file: (view: SharedFileView) => client.send(ServiceServerMessage.file, view),
    };
  }

  #agentLink(client: Client) {
    return {
      chat: (line: ServiceChatLine) => client.send(ServiceServerMessage.chat, line),
      emotion: (view: EmotionView) => client.send(ServiceServerMessage.emotion, view),
      file: (view: SharedFileView) => client.send(ServiceServerMessage.file, view),
      ended: (contactId: string, by: "customer" | "agent" | "system") => {
        client.send(ServiceServerMessage.ended, { contactId, by });
        this.#serving.delete(client.sessionId);
        void this.#closeCall(contactId);
      },
    };
  }

  async #openCall(contactId: string, customerSession: string, agentSession: string): Promise<void> {
    const media = this.room.plugins.media as MediaPlugin | undefined;
    if (!media) return;
    try {
      await media.mediaRoom.openPrivateCall(contactId, [customerSession, agentSession]);
    } catch (error) {
      // Without media (a page that has not joined the SFU yet) the session still works in text.
      this.room.services.log.warn("could not open the private call of a service session", { contactId, error });
    }
  }

  /** What the customer's page is told: with the recording notice where calls are recorded. */
  #told(view: ServiceView): ServiceView {
    return this.#assist()?.recording ? { ...view, recorded: true } : view;
  }

  #assist(): AssistPlugin | undefined {
    return this.room.plugins.assist as AssistPlugin | undefined;
  }

  async #closeCall(contactId: string): Promise<void> {
    // The summary is drafted from what was heard up to here; the taps close before the call does.
    void this.#assist()?.stop(contactId);
    const media = this.room.plugins.media as MediaPlugin | undefined;
    if (!media || !media.mediaRoom.privateCalls().some((c) => c.callId === contactId)) return;
    try {
      await media.mediaRoom.closePrivateCall(contactId);
    } catch (error) {
      this.room.services.log.warn("could not close the private call of a service session", { contactId, error });
    }
  }

  /** The agent appears a step in front of the customer (else beside them), facing them. */
  #placeBeside(agentSession: string, customerSession: string): void {
    const presence = this.room.plugins.presence;
    const at = presence.poseOf(customerSession);
    if (!at) return;
    for (const turn of [0, 0.6, -0.6, 1.2, -1.2, Math.PI / 2, -Math.PI / 2, Math.PI]) {
      const heading = at.ry + turn;
      const spot = { x: at.x + Math.sin(heading) * BESIDE, z: at.z + Math.cos(heading) * BESIDE };
      if (!isWalkable(this.room.scene, spot)) continue;
      presence.teleport(agentSession, { ...spot, ry: Math.atan2(at.x - spot.x, at.z - spot.z) });
      return;
    }
  }

  /** Notes the booths customers stand at: the agent sees what they looked at. */
  #noteViewing(): void {
    const presence = this.room.plugins.presence;
    for (const client of this.room.clients) {
      if (this.room.visitor(client.sessionId)?.role !== "customer") continue;
      const pose = presence.poseOf(client.sessionId);
      if (!pose) continue;
      for (const booth of this.room.scene.booths) {
        const front = boothFront(booth);
        if (Math.hypot(front.x - pose.x, front.z - pose.z) > VIEWING_RADIUS) continue;
        const seen = this.#viewed.get(client.sessionId) ?? [];
        if (!seen.some((v) => v.boothId === booth.id)) seen.push({ boothId: booth.id, label: booth.label });
        this.#viewed.set(client.sessionId, seen.slice(-20));
      }
    }
  }

  #desk(): ServiceDesk {
    if (!this.#queue) throw new MessageRejected({ code: ErrorCode.notFound, message: "this hall has no service desk" });
    return this.#queue.desk;
  }

  #requestOf(client: Client, type: string): string {
    const contactId = this.#requests.get(client.sessionId);
    if (!contactId) throw this.#rejected(type, "you have not asked for a person");
    return contactId;
  }

  #visitorId(client: Client): string {
    return this.room.visitor(client.sessionId)?.visitorId ?? "";
  }

  #rejected(type: string, message: string): MessageRejected {
    return new MessageRejected({ code: ErrorCode.notFound, message, type });
  }
}
