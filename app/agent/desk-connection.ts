"use client";
import type { AcceptReply, AgentPresence, DeskView, ServiceContext, WrapUpRequest } from "../../game-server/protocol/index.ts";

/** A refused desk request: the server's words (fit to show), and its status. */
export class DeskError extends Error {
  override readonly name = "DeskError";
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

async function call<T>(path: string, method = "POST", body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
  });
  const json = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new DeskError(json.error ?? `the desk answered ${response.status}`, response.status);
  return json;
}

export type DeskLink = "connecting" | "live" | "reconnecting";

/**
 * The agent's line to the service desk: their live view over server-sent events (being connected
 * is being on the desk; the browser reconnects by itself) and their actions as REST calls.
 */
export class DeskConnection {
  view?: DeskView;
  link: DeskLink = "connecting";
  /** The desk's clock minus ours (countdowns use the server's `expiresAt`). */
  skewMs = 0;
  readonly #source: EventSource;
  readonly #listeners = new Set<() => void>();

  constructor() {
    this.#source = new EventSource("/api/desk/events");
    this.#source.addEventListener("desk", (event) => {
      this.view = JSON.parse((event as MessageEvent<string>).data) as DeskView;
      this.skewMs = this.view.now - Date.now();
      this.link = "live";
      this.#emit();
    });
    this.#source.onerror = () => {
      this.link = "reconnecting";
      this.#emit();
    };
  }

  setPresence(presence: AgentPresence): Promise<unknown> {
    return call("/api/desk/presence", "POST", { presence });
  }

  accept(contactId: string): Promise<AcceptReply> {
    return call(`/api/desk/offers/${encodeURIComponent(contactId)}/accept`);
  }

  decline(contactId: string): Promise<unknown> {
    return call(`/api/desk/offers/${encodeURIComponent(contactId)}/decline`);
  }

  context(contactId: string): Promise<ServiceContext> {
    return call(`/api/desk/sessions/${encodeURIComponent(contactId)}`, "GET");
  }

  end(contactId: string): Promise<unknown> {
    return call(`/api/desk/sessions/${encodeURIComponent(contactId)}/end`);
  }

  wrapUp(contactId: string, wrap: WrapUpRequest): Promise<unknown> {
    return call(`/api/desk/sessions/${encodeURIComponent(contactId)}/wrap-up`, "POST", wrap);
  }

  /** The server's time now, for countdowns. */
  now(): number {
    return Date.now() + this.skewMs;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#source.close();
  }

  #emit(): void {
    for (const l of this.#listeners) l();
  }
}
