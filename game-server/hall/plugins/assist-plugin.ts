import type { AssistHub } from "../../assist/assist-hub.ts";
import type { AssistSession } from "../../assist/assist-session.ts";
import { SpeakerAudio } from "../../assist/speaker-audio.ts";
import type { Speaker } from "../../assist/utterance.ts";
import type { Lang } from "../../protocol/concierge.ts";
import type { ServerTap } from "../../../sfu/index.ts";
import { HallPlugin } from "../hall-plugin.ts";
import type { MediaPlugin } from "./media-plugin.ts";
import type { ServicePlugin } from "./service-plugin.ts";

/** How often a session's taps are checked (a mic turned on later, a worker replaced). */
const RECONCILE_MS = 1000;

interface Live {
  session: AssistSession;
  peers: Record<Speaker, string>;
  agentSession: string;
  taps: Map<Speaker, { tap: ServerTap; audio: SpeakerAudio }>;
  opening: Set<Speaker>;
  timer: ReturnType<typeof setInterval>;
}

/**
 * Live assist in a hall instance: for each service session whose private call is here, the
 * server taps both people's microphones (PlainTransport consumers, only inside that call — never
 * the open hall — closed with it), decodes them to 16 kHz and hands them to the session
 * (`assist/assist-session.ts`: recognition per speaker, analytics, quality rules, recording).
 * What it learns goes to the agent's hall connection alone (`assist:*`); a customer's connection
 * never receives any of it. The hall's `AssistHub` gives each session its knowledge and rules.
 */
export class AssistPlugin extends HallPlugin {
  readonly pluginName = "assist" as const;
  #hub?: AssistHub;
  readonly #live = new Map<string, Live>();

  protected override messages = this.rules({});

  protected override onCreate(): void {
    try {
      this.#hub = this.room.hall.service<AssistHub>("assist");
    } catch {
      // A hall without live assist (plugin tests, or a server that left it out): sessions go on without it.
    }
  }

  protected override onDispose(): void {
    for (const contactId of [...this.#live.keys()]) void this.stop(contactId);
  }

  /** Whether calls in this hall are recorded (the customer is told before the call). */
  get recording(): boolean {
    return this.#hub?.recording ?? false;
  }

  /** The session's call opened here: start listening. */
  async start(input: { contactId: string; ticketId: string; lang: Lang; customerSession: string; agentSession: string; names: Record<Speaker, string> }): Promise<void> {
    const desk = (this.room.plugins.service as ServicePlugin | undefined)?.desk;
    if (!this.#hub || !desk || this.#live.has(input.contactId)) return;
    const { contactId, agentSession } = input;
    const toAgent = (type: string, payload: unknown) => this.room.clients.getById(agentSession)?.send(type, payload);
    let session: AssistSession;
    try {
      session = await this.#hub.open({
        contactId,
        ticketId: input.ticketId,
        lang: input.lang,
        startedAt: Date.now(),
        names: input.names,
        store: async (entry) => void (await desk.record(contactId, entry)),
        storeSummary: (summary) => desk.recordSummary(summary),
        toAgent,
        alerted: (alert) => desk.alert(contactId, alert),
      });
    } catch (error) {
      this.room.services.log.error("live assist could not start for a session; it goes on without", { contactId, error });
      return;
    }
    if (this.#live.has(contactId)) {
      void session.end();
      return;
    }
    const live: Live = {
      session,
      peers: { customer: input.customerSession, agent: agentSession },
      agentSession,
      taps: new Map(),
      opening: new Set(),
      timer: setInterval(() => {
        session.tick();
        this.#reconcile(contactId);
      }, RECONCILE_MS),
    };
    this.#live.set(contactId, live);
    this.#reconcile(contactId);
  }

  /** The session's call closed (ended, or either side left): stop listening, finish the summary. */
  async stop(contactId: string): Promise<void> {
    const live = this.#live.get(contactId);
    if (!live) return;
    this.#live.delete(contactId);
    clearInterval(live.timer);
    for (const { tap, audio } of live.taps.values()) {
      tap.close();
      audio.close();
    }
    live.taps.clear();
    await live.session.end();
  }

  /** A chat line of a session here (already stored as chat): read and checked like speech. */
  chat(contactId: string, speaker: Speaker, text: string): void {
    this.#live.get(contactId)?.session.chat(speaker, text);
  }

  /** How the consenting customer seems (the desk's reading), for the frustration rule. */
  signal(contactId: string, kind: string, label?: string): void {
    this.#live.get(contactId)?.session.signal(kind, label);
  }

  #reconcile(contactId: string): void {
    const live = this.#live.get(contactId);
    const media = this.room.plugins.media as MediaPlugin | undefined;
    if (!live || !media) return;
    for (const speaker of ["customer", "agent"] as const) {
      const current = live.taps.get(speaker);
      if (current && !current.tap.closed) continue;
      if (current) {
        current.audio.close();
        live.taps.delete(speaker);
      }
      if (live.opening.has(speaker)) continue;
      const peerId = live.peers[speaker];
      const room = media.mediaRoom;
      if (!room.hasPeer(peerId)) continue;
      live.opening.add(speaker);
      room.server
        .openTap(peerId, "mic", { callId: contactId })
        .then((tap) => {
          if (this.#live.get(contactId) !== live) return tap.close();
          const audio = new SpeakerAudio({ sessionStart: live.session.startedAt, onPcm: (pcm, atMs) => live.session.audio(speaker, pcm, atMs) });
          tap.onRtp((packet) => audio.rtp(packet));
          live.taps.set(speaker, { tap, audio });
        })
        // No mic yet (text only, muted at the start) or not in the call yet: the next pass tries again.
        .catch(() => undefined)
        .finally(() => live.opening.delete(speaker));
    }
  }
}
