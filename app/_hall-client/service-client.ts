import { ClientMessageName as Msg, ServiceServerMessage, type EmotionSample, type EmotionView, type HandoverReason, type Lang, type ServiceChatLine, type ServiceContext, type ServiceMedia, type ServiceView } from "../../game-server/protocol/index.ts";
import type { SharedFileView } from "../../game-server/protocol/files.ts";
import { request, send } from "./room-request.ts";
import type { ConciergeRoom } from "./concierge-client.ts";

/** What the service panel shows: the request (none before "Talk to a person") and the chat with the agent. */
export interface ServiceState {
  readonly view?: ServiceView;
  readonly chat: readonly ServiceChatLine[];
  /** The agent side: the session this connection serves (set by `attach`). */
  readonly serving?: ServiceContext;
  /** The agent side: the customer ended the session. */
  readonly endedByCustomer?: boolean;
  readonly rated: boolean;
  /** The agent side: how the consenting customer seems, latest last (the last 30 changes). */
  readonly emotions: readonly EmotionView[];
  /** Files shared in the session as they arrive (`service:file`), oldest first; the panel also reads the stored list. */
  readonly files: readonly SharedFileView[];
}

const KEEP_LINES = 200;

/**
 * Both sides of a service session over the hall connection. A customer asks for a person, waits
 * (place and estimated wait, live), keeps their place while looking around, chats, moves to voice
 * and video, ends and rates; an agent's hall connection attaches to the session they accepted,
 * chats and ends it. Every change replaces `state` (for React's external-store hook).
 */
export class ServiceClient {
  readonly #room: ConciergeRoom;
  state: ServiceState = { chat: [], rated: false, emotions: [], files: [] };
  readonly #listeners = new Set<() => void>();

  constructor(room: ConciergeRoom) {
    this.#room = room;
    room.onMessage(ServiceServerMessage.state, (view: ServiceView) => this.#set({ ...this.state, view, ...(view.contactId !== this.state.view?.contactId ? { rated: false, files: [] } : {}) }));
    room.onMessage(ServiceServerMessage.chat, (line: ServiceChatLine) => this.#addLine(line));
    room.onMessage(ServiceServerMessage.emotion, (view: EmotionView) => {
      const last = this.state.emotions.at(-1);
      // Every sample replaces the latest reading; a change of state starts a new entry in the strip.
      const emotions = last && last.state === view.state ? [...this.state.emotions.slice(0, -1), view] : [...this.state.emotions, view].slice(-30);
      this.#set({ ...this.state, emotions });
    });
    room.onMessage(ServiceServerMessage.ended, (m: { by?: string }) => this.#set({ ...this.state, endedByCustomer: m.by === "customer" }));
    room.onMessage(ServiceServerMessage.file, (file: SharedFileView) => {
      if (!this.state.files.some((f) => f.id === file.id)) this.#set({ ...this.state, files: [...this.state.files, file] });
    });
  }

  /** "Talk to a person": joins the hall's queue (or shows the request already made). */
  async requestPerson(reason: HandoverReason, lang: Lang): Promise<ServiceView> {
    const view = await request(this.#room, Msg.serviceRequest, { reason, lang });
    const same = view.contactId === this.state.view?.contactId;
    this.#set({ ...this.state, view, chat: same ? this.state.chat : [], files: same ? this.state.files : [], rated: false });
    return view;
  }

  async cancel(): Promise<void> {
    await request(this.#room, Msg.serviceCancel);
    this.#set({ ...this.state, view: undefined, chat: [], files: [] });
  }

  async keepPlace(note?: string): Promise<void> {
    const view = await request(this.#room, Msg.serviceCallback, note ? { note } : {});
    this.#set({ ...this.state, view });
  }

  async say(text: string): Promise<void> {
    await request(this.#room, Msg.serviceChat, { text });
  }

  /** The customer's voice or camera is on for the session (the page turns the device on itself). */
  async useMedia(media: ServiceMedia): Promise<void> {
    await request(this.#room, Msg.serviceMedia, { media });
  }

  async end(): Promise<void> {
    await request(this.#room, Msg.serviceEnd);
  }

  /** Customer, with their consent: how they seem now (derived on this device; no video is sent). */
  shareEmotion(sample: EmotionSample): void {
    send(this.#room, Msg.serviceEmotion, sample);
  }

  async rate(score: number, comment?: string): Promise<void> {
    await request(this.#room, Msg.serviceRate, comment ? { score, comment } : { score });
    this.#set({ ...this.state, rated: true });
  }

  /** Close the panel after the session (and its rating). */
  dismiss(): void {
    this.#set({ ...this.state, view: undefined, chat: [], files: [] });
  }

  /** Agent: this connection serves the session they accepted; answers the customer's context. */
  async attach(contactId: string): Promise<ServiceContext> {
    const context = await request(this.#room, Msg.serviceAttach, { contactId });
    this.#set({ ...this.state, serving: context, chat: context.chat, endedByCustomer: false, emotions: context.emotion ? [context.emotion] : [], files: [] });
    return context;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #addLine(line: ServiceChatLine): void {
    if (this.state.chat.some((l) => l.id === line.id)) return;
    this.#set({ ...this.state, chat: [...this.state.chat, line].slice(-KEEP_LINES) });
  }

  #set(state: ServiceState): void {
    this.state = state;
    for (const l of this.#listeners) l();
  }
}
