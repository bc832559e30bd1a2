import { until } from "./hall-visit.ts";

/**
 * Reads a server-sent events stream the way a page's EventSource does (the agent console's
 * `/api/desk/events`, the supervisor's `/api/supervisor/events`): keeps the latest payload of
 * each event and lets a test wait for one that satisfies it.
 */
export class EventStreamReader<T> {
  latest?: T;
  /** Why the stream ended, if the server closed it. */
  error?: unknown;
  readonly seen: T[] = [];
  readonly #abort = new AbortController();
  #closed = false;

  private constructor() {}

  static async open<T>(url: string, event: string, headers: Record<string, string>): Promise<EventStreamReader<T>> {
    const reader = new EventStreamReader<T>();
    const response = await fetch(url, { headers, signal: reader.#abort.signal });
    if (!response.ok || !response.body) throw new Error(`event stream ${url} answered ${response.status}: ${await response.text()}`);
    void reader.#read(response.body, event);
    return reader;
  }

  /** Resolves with the first payload (the latest one, or one still to come) that satisfies `check`. */
  async next(check: (value: T) => boolean, timeoutMs = 8000): Promise<T> {
    let found: T | undefined;
    await until(() => {
      found = [...this.seen].reverse().find(check);
      return found !== undefined;
    }, timeoutMs);
    return found!;
  }

  close(): void {
    this.#closed = true;
    this.#abort.abort();
  }

  async #read(body: ReadableStream<Uint8Array>, wanted: string): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== wanted || data === undefined) continue;
          this.latest = JSON.parse(data) as T;
          this.seen.push(this.latest);
          if (this.seen.length > 200) this.seen.shift();
        }
      }
    } catch (error) {
      // The server went away (a test may kill it): the stream just ends, as a page's would.
      if (!this.#closed) this.error = error;
    }
  }
}
