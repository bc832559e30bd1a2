import { randomUUID } from "node:crypto";
import type { Client } from "@colyseus/core";
import { findPath, pathLength } from "../../../scenes/path-finding.ts";
import { boothFront } from "../../../scenes/scene-layout.ts";
import type { MediaRoom, ServerVoice } from "../../../sfu/index.ts";
import type { ConciergeService } from "../../concierge/concierge-service.ts";
import { ConciergeVoice, type VoiceSink } from "../../concierge/speech/concierge-voice.ts";
import { EspeakSynthesizer, type SpeechSynthesizer } from "../../concierge/speech/espeak.ts";
import { detectLang } from "../../concierge/answering/language.ts";
import { HandoverAdvisor, type HandoverReason } from "../../service/handover-advice.ts";
import { ConciergeServerMessage, type ConciergeSaid, type Lang } from "../../protocol/concierge.ts";
import { ErrorCode } from "../../protocol/errors.ts";
import { Visitor } from "../../protocol/hall-state.ts";
import { HallPlugin } from "../hall-plugin.ts";
import { MessageRejected } from "../message-guard.ts";
import type { RateRule } from "../rate-limits.ts";
import type { MediaPlugin } from "./media-plugin.ts";

/** The concierge's key in `HallState.visitors`, and its peer id in the SFU (so hearing places its voice at the desk). */
export const CONCIERGE_KEY = "concierge";
/** A customer this close to the concierge (metres) is greeted, once a visit. */
export const GREETING_RADIUS = 4;
const GREETING_CHECK_MS = 500;

const ASK: RateRule = { name: "concierge-ask", max: 6, windowMs: 10_000, message: "you are asking the concierge too fast; wait a few seconds" };
const WALK: RateRule = { name: "concierge-walk", max: 3, windowMs: 1000 };
const ARTICLE: RateRule = { name: "concierge-article", max: 10, windowMs: 10_000 };

export interface ConciergePluginOptions {
  /** Speech (default: espeak-ng; when it cannot run, the concierge answers in text only). */
  synthesizer?: SpeechSynthesizer;
  /** Opens the concierge's voice in this instance (default: a server voice in the instance's MediaRoom). */
  openVoice?: (peerId: string) => Promise<VoiceSink>;
}

/** Whether espeak-ng runs here: asked once per process, and why not logged once. */
let espeakCheck: Promise<string | undefined> | undefined;

/**
 * The AI concierge in a hall instance: a digital human standing at the scene's reception post
 * (an entry in the hall state with role `concierge`, placed by presence and movable by no one),
 * answering `concierge:ask` from the hall's `ConciergeService`, working out `concierge:walk`
 * paths to booths over the collision map, showing articles, greeting customers who come near,
 * and saying its answers and greetings aloud through a server voice in the SFU.
 */
export class ConciergePlugin extends HallPlugin {
  readonly pluginName = "concierge" as const;
  readonly #options: ConciergePluginOptions;
  #service?: ConciergeService;
  #voice?: ConciergeVoice;
  #serverVoice?: ServerVoice;
  #stopRebuilt?: () => void;
  #closed = false;
  /** This visit's conversation per visitor (by session). */
  readonly #conversations = new Map<string, string>();
  /** The language each visitor's page last asked in. */
  readonly #langs = new Map<string, Lang>();
  readonly #greeted = new Set<string>();
  /** Whether to offer each visitor a person, from how their conversation goes. */
  readonly #advisors = new Map<string, HandoverAdvisor>();
  /** The latest reason the concierge offered each visitor a person. */
  readonly #handovers = new Map<string, HandoverReason>();
  #greeting = false;

  constructor(options: ConciergePluginOptions = {}) {
    super();
    this.#options = options;
  }

  protected override messages = this.rules({
    "concierge:ask": {
      limits: [ASK],
      handle: async (client, question) => {
        const service = this.#require("concierge:ask");
        const visitor = this.#visitor(client, "concierge:ask");
        if (question.lang) this.#langs.set(client.sessionId, question.lang);
        let conversationId = this.#conversations.get(client.sessionId);
        if (!conversationId) this.#conversations.set(client.sessionId, (conversationId = randomUUID()));
        const answer = await service.ask({ visitorId: visitor.visitorId, conversationId }, question);
        let advisor = this.#advisors.get(client.sessionId);
        if (!advisor) this.#advisors.set(client.sessionId, (advisor = new HandoverAdvisor()));
        // The offer of a person follows the conversation (asked for one, unsure twice, the same question again, upset), not one answer.
        const handover = advisor.observe({ text: question.text, lang: detectLang(question.text, question.lang) }, answer);
        answer.offerHuman = handover !== undefined;
        if (handover) this.#handovers.set(client.sessionId, handover);
        if (handover) answer.handover = handover;
        else delete answer.handover;
        // They asked: the greeting (or an earlier answer) still being said to them gives way.
        this.#voice?.say(answer.text, answer.lang, client.sessionId);
        return answer;
      },
    },
    "concierge:walk": {
      limits: [WALK],
      handle: (client, { boothId }) => {
        const booth = this.room.scene.booths.find((b) => b.id === boothId);
        if (!booth) throw new MessageRejected({ code: ErrorCode.notFound, message: `there is no booth "${boothId}" in this hall`, type: "concierge:walk" });
        const from = this.room.plugins.presence.poseOf(client.sessionId);
        if (!from) throw new MessageRejected({ code: ErrorCode.notAllowed, message: "you are not in this hall", type: "concierge:walk" });
        const path = findPath(this.room.scene, from, boothFront(booth));
        if (!path) throw new MessageRejected({ code: ErrorCode.notFound, message: `there is no way to ${booth.label} from where you stand`, type: "concierge:walk" });
        return { metres: Math.round(pathLength(path) * 100) / 100, path };
      },
    },
    "concierge:article": {
      limits: [ARTICLE],
      handle: async (client, { id, lang }) => {
        const article = await this.#require("concierge:article").article(id, lang ?? this.#langs.get(client.sessionId));
        if (!article) throw new MessageRejected({ code: ErrorCode.notFound, message: `there is no article "${id}" in this hall`, type: "concierge:article" });
        return article;
      },
    },
  });

  protected override async onCreate(): Promise<void> {
    try {
      this.#service = this.room.hall.service<ConciergeService>("concierge");
    } catch {
      this.room.services.log.warn("this hall has no concierge service: the concierge stays away", { hallId: this.room.hallId });
      return;
    }
    const persona = await this.#service.persona();
    const post = this.room.scene.reception;
    if (post) {
      this.room.state.visitors.set(
        CONCIERGE_KEY,
        new Visitor({ visitorId: `concierge:${this.room.hallId}`, name: persona.name, role: "concierge", avatar: persona.avatar, n: this.#freeNumber(), away: false, mic: false, speaking: false, camera: false, screen: false, screenId: "" }),
      );
      // At its post, facing across the counter towards the entrance.
      this.room.plugins.presence.placeFixed(CONCIERGE_KEY, { x: post.at.x, z: post.at.z, ry: post.rotation });
      this.room.clock.setInterval(() => this.#greetNewcomers(), GREETING_CHECK_MS);
    }
    void this.#startVoice();
  }

  protected override onLeave(client: Client): void {
    this.#conversations.delete(client.sessionId);
    this.#langs.delete(client.sessionId);
    this.#greeted.delete(client.sessionId);
    this.#advisors.delete(client.sessionId);
    this.#handovers.delete(client.sessionId);
    this.#voice?.forget(client.sessionId);
  }

  protected override onDispose(): void {
    this.#closed = true;
    this.#stopRebuilt?.();
    this.#voice?.close();
    if (this.#serverVoice && !this.#serverVoice.closed) this.#serverVoice.close();
  }

  /** Why the concierge last offered this visitor a person, if it did. */
  handoverOf(sessionId: string): HandoverReason | undefined {
    return this.#handovers.get(sessionId);
  }

  /** A visitor's conversation with the concierge this visit (undefined before their first question). */
  conversationOf(sessionId: string): string | undefined {
    return this.#conversations.get(sessionId);
  }

  /** The concierge's voice (undefined while it answers in text only): for tests and tools. */
  get voice(): ConciergeVoice | undefined {
    return this.#voice;
  }

  async #startVoice(): Promise<void> {
    const synth = this.#options.synthesizer ?? new EspeakSynthesizer();
    if (!this.#options.synthesizer) {
      espeakCheck ??= new EspeakSynthesizer().unavailable().then((why) => {
        if (why) this.room.services.log.warn("the concierge answers in text only: no speech synthesis", { reason: why });
        return why;
      });
      if (await espeakCheck) return;
    }
    if (this.#closed) return;
    this.#voice = new ConciergeVoice(synth, this.room.services.log);
    // Plugin tests run without the media plugin (no SFU).
    const media = this.room.plugins.media as MediaPlugin | undefined;
    this.#voice.onSpeaking = (speaking) => {
      if (media) media.setServerSpeaking(CONCIERGE_KEY, speaking);
      else if (this.room.visitor(CONCIERGE_KEY)) this.room.visitor(CONCIERGE_KEY)!.speaking = speaking;
    };
    if (this.#options.openVoice) {
      await this.#attachVoice(() => this.#options.openVoice!(CONCIERGE_KEY));
      return;
    }
    if (!media) return;
    // A media room rebuilt on another worker (worker death) does not carry server voices: open it again there.
    this.#stopRebuilt = media.onRebuilt((room) => void this.#attachVoice(() => this.#openServerVoice(room)));
    await this.#attachVoice(() => this.#openServerVoice(media.mediaRoom));
  }

  async #openServerVoice(room: MediaRoom): Promise<VoiceSink> {
    if (!room.hasPeer(CONCIERGE_KEY)) room.addPeer(CONCIERGE_KEY);
    const voice = await room.server.openVoice(CONCIERGE_KEY);
    if (this.#serverVoice && !this.#serverVoice.closed) this.#serverVoice.close();
    this.#serverVoice = voice;
    return voice;
  }

  async #attachVoice(open: () => Promise<VoiceSink>): Promise<void> {
    try {
      const sink = await open();
      if (this.#closed || !this.#voice) return;
      this.#voice.sink = sink;
      const visitor = this.room.visitor(CONCIERGE_KEY);
      // Counted among the hall's voices by the hearing rules, and shown with a live mic.
      if (visitor) visitor.mic = true;
    } catch (error) {
      this.room.services.log.error("could not open the concierge's voice; it answers in text only", { roomId: this.room.roomId, error });
    }
  }

  /** Greets each customer once a visit when they first come within {@link GREETING_RADIUS} of the concierge; staff are not greeted. */
  async #greetNewcomers(): Promise<void> {
    if (this.#greeting || !this.#service) return;
    const desk = this.room.plugins.presence.poseOf(CONCIERGE_KEY);
    if (!desk) return;
    this.#greeting = true;
    try {
      for (const client of this.room.clients) {
        const id = client.sessionId;
        if (this.#greeted.has(id) || this.room.visitor(id)?.role !== "customer") continue;
        const pose = this.room.plugins.presence.poseOf(id);
        if (!pose || Math.hypot(pose.x - desk.x, pose.z - desk.z) > GREETING_RADIUS) continue;
        this.#greeted.add(id);
        const lines = await this.#service.greeting(this.#langs.get(id));
        for (const line of lines) client.send(ConciergeServerMessage.said, line satisfies ConciergeSaid);
        this.#voice?.sayAll(lines, id);
      }
    } catch (error) {
      this.room.services.log.error("the concierge could not greet", { roomId: this.room.roomId, error });
    } finally {
      this.#greeting = false;
    }
  }

  #require(type: string): ConciergeService {
    if (!this.#service) throw new MessageRejected({ code: ErrorCode.notFound, message: "this hall has no concierge", type });
    return this.#service;
  }

  #visitor(client: Client, type: string): Visitor {
    const visitor = this.room.visitor(client.sessionId);
    if (!visitor) throw new MessageRejected({ code: ErrorCode.notAllowed, message: "you are not in this hall", type });
    return visitor;
  }

  #freeNumber(): number {
    const used = new Set<number>();
    this.room.state.visitors.forEach((v) => used.add(v.n));
    let n = 0;
    while (used.has(n)) n++;
    return n;
  }
}
