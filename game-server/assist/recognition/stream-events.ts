import type { RecognitionResult, RecognizerState, RecognizerStatus } from "./recognizer.ts";

/**
 * What every recognizer stream does alike: its listeners, its current status (told at once to
 * a listener that comes late), and its result ids (`<prefix>-<n>`, never reused in a stream).
 */
export class StreamEvents {
  readonly #resultListeners: ((r: RecognitionResult) => void)[] = [];
  readonly #statusListeners: ((s: RecognizerStatus) => void)[] = [];
  readonly #prefix: string;
  #status: RecognizerStatus | undefined;
  #count = 0;

  constructor(idPrefix: string) {
    this.#prefix = idPrefix;
  }

  get status(): RecognizerStatus | undefined {
    return this.#status;
  }

  nextId(): string {
    return `${this.#prefix}-${++this.#count}`;
  }

  onResult(cb: (r: RecognitionResult) => void): void {
    this.#resultListeners.push(cb);
  }

  onStatus(cb: (s: RecognizerStatus) => void): void {
    this.#statusListeners.push(cb);
    if (this.#status) call(cb, this.#status);
  }

  result(r: RecognitionResult): void {
    for (const cb of this.#resultListeners) call(cb, r);
  }

  /** Tells the listeners, unless it is what they were last told. */
  setStatus(state: RecognizerState, reason?: string): void {
    if (this.#status?.state === state && this.#status.reason === reason) return;
    this.#status = reason === undefined ? { state } : { state, reason };
    for (const cb of this.#statusListeners) call(cb, this.#status);
  }
}

/**
 * Results are delivered from a child process's output or a fetch's continuation: a listener that
 * throws must not take the server down with it, nor stop the listeners after it.
 */
function call<T>(cb: (value: T) => void, value: T): void {
  try {
    cb(value);
  } catch (error) {
    console.error("a speech recognition listener threw", error);
  }
}
