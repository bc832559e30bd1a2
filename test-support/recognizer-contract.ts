import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecognitionResult, Recognizer, RecognizerStatus, RecognizerStream } from "../game-server/assist/recognition/recognizer.ts";
import { chunks20ms, concat, durationMs, roomNoise, silence, synthesizeSpeech } from "./synthesized-speech.ts";

/**
 * What every speech `Recognizer` promises, whatever does the recognising (pocketsphinx in a
 * child process, an HTTP transcription endpoint): an implementation's test calls
 * `registerRecognizerContractTests` with a factory. The audio is espeak-ng's, written in the
 * 20 ms chunks of a call (faster than real time), each stamped with its session offset.
 * Numbered rules, only ever added at the end, so that a failure names the same rule for
 * every implementation.
 */
export interface RecognizerFixture {
  recognizer: Recognizer;
  /**
   * Tells a scripted recognizer (the local transcription server) what the next utterances say,
   * in order; one that really listens ignores it.
   */
  willHear?: (...texts: string[]) => void;
  /** How many of a sentence's key words its final must contain (what the recognizer can be held to). */
  keyWordsNeeded: number;
  cleanup?: () => Promise<void>;
}
export type RecognizerFactory = () => Promise<RecognizerFixture>;

export const SENTENCES = {
  screen: { text: "please send a replacement screen for my phone", keyWords: ["replacement", "screen", "phone"] },
  charged: { text: "i was charged twice for the same order", keyWords: ["charged", "twice", "same", "order"] },
} as const;

/** Everything a stream said, as it said it. */
export class StreamLog {
  readonly results: RecognitionResult[] = [];
  readonly statuses: RecognizerStatus[] = [];

  readonly stream: RecognizerStream;

  constructor(stream: RecognizerStream) {
    this.stream = stream;
    stream.onResult((r) => this.results.push(r));
    stream.onStatus((s) => this.statuses.push(s));
  }

  /** Finals with text (an empty final only closes an id). */
  get finals(): RecognitionResult[] {
    return this.results.filter((r) => r.final && r.text.trim() !== "");
  }

  get partials(): RecognitionResult[] {
    return this.results.filter((r) => !r.final);
  }

  /** In 20 ms chunks; `asBytes`: as the little-endian Buffers an audio tap hands over. */
  write(samples: Int16Array, startMs: number, asBytes = false): void {
    for (const { pcm, atMs } of chunks20ms(samples, startMs)) {
      if (!asBytes) this.stream.write(pcm, atMs);
      else {
        const bytes = Buffer.alloc(pcm.length * 2);
        pcm.forEach((v, i) => bytes.writeInt16LE(v, i * 2));
        this.stream.write(bytes, atMs);
      }
    }
  }

  async waitFor(check: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; statuses ${JSON.stringify(this.statuses)}, results ${JSON.stringify(this.results)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

export function keyWordsIn(text: string, keyWords: readonly string[]): string[] {
  const words = new Set(text.toLowerCase().split(/[^a-z']+/));
  return keyWords.filter((w) => words.has(w));
}

/** This process's children (every thread's), from /proc: what must be gone after close(). */
export function childProcessIds(): Set<number> {
  const ids = new Set<number>();
  for (const task of readdirSync("/proc/self/task")) {
    try {
      for (const id of readFileSync(`/proc/self/task/${task}/children`, "utf8").trim().split(/\s+/)) if (id) ids.add(Number(id));
    } catch {
      // the thread ended while we looked
    }
  }
  return ids;
}

export function registerRecognizerContractTests(name: string, factory: RecognizerFactory): void {
  describe(`recognizer contract: ${name}`, () => {
    let fixture: RecognizerFixture;
    const speech: Partial<Record<keyof typeof SENTENCES, Int16Array>> = {};
    const spoken = (key: keyof typeof SENTENCES) => speech[key]!;

    beforeAll(async () => {
      fixture = await factory();
      for (const key of Object.keys(SENTENCES) as (keyof typeof SENTENCES)[]) speech[key] = await synthesizeSpeech(SENTENCES[key].text);
    });
    afterAll(async () => {
      await fixture?.recognizer.close();
      await fixture?.cleanup?.();
    });

    const expectSaid = (result: RecognitionResult | undefined, key: keyof typeof SENTENCES) => {
      expect(result, `a final for "${SENTENCES[key].text}"`).toBeDefined();
      const found = keyWordsIn(result!.text, SENTENCES[key].keyWords);
      expect(found.length, `key words of "${SENTENCES[key].text}" in "${result!.text}"`).toBeGreaterThanOrEqual(fixture.keyWordsNeeded);
    };

    it("1. recognises a sentence: its final holds the key words, timed within the audio in session time", async () => {
      const log = new StreamLog(fixture.recognizer.open({ lang: "en", speaker: "customer", idPrefix: "c7-customer" }));
      fixture.willHear?.(SENTENCES.screen.text);
      const lead = 500;
      const audio = concat(roomNoise(lead), spoken("screen"), roomNoise(800));
      const atMs = 61_000; // a minute into the session
      log.write(audio, atMs);
      await log.stream.flush();

      expect(log.finals).toHaveLength(1);
      const final = log.finals[0]!;
      expectSaid(final, "screen");
      expect(final.id).toMatch(/^c7-customer-\d+$/);
      expect(final.confidence).toBeGreaterThanOrEqual(0);
      expect(final.confidence).toBeLessThanOrEqual(1);
      // Within the audio, and shifted by where the audio sits in the session (speech starts after the lead).
      expect(final.startMs).toBeGreaterThanOrEqual(atMs + lead - 300);
      expect(final.endMs).toBeLessThanOrEqual(atMs + durationMs(audio));
      expect(final.endMs - final.startMs).toBeGreaterThan(durationMs(spoken("screen")) * 0.5);
      // Partials before it share its id.
      for (const p of log.partials) expect(p.id).toBe(final.id);
      expect(log.statuses.at(-1)?.state).toBe("running");
      expect(log.stream.lagMs).toBe(0);
      await log.stream.close();
    });

    it("2. two utterances with a second of silence between them are two finals, in order (written as bytes)", async () => {
      const log = new StreamLog(fixture.recognizer.open({ lang: "en", speaker: "agent" }));
      fixture.willHear?.(SENTENCES.screen.text, SENTENCES.charged.text);
      log.write(concat(roomNoise(300), spoken("screen"), roomNoise(1000), spoken("charged"), roomNoise(800)), 2000, true);
      await log.stream.flush();

      expect(log.finals).toHaveLength(2);
      const [first, second] = log.finals;
      expectSaid(first, "screen");
      expectSaid(second, "charged");
      expect(first!.id).not.toBe(second!.id);
      expect(first!.id).toMatch(/^agent-\d+$/);
      expect(first!.endMs).toBeLessThanOrEqual(second!.startMs);
      await log.stream.close();
    });

    it("3. a gap in the audio (nothing sent for 20 s) puts what follows after the gap", async () => {
      const log = new StreamLog(fixture.recognizer.open({ lang: "en", speaker: "customer" }));
      fixture.willHear?.(SENTENCES.charged.text, SENTENCES.screen.text);
      const first = concat(roomNoise(300), spoken("charged"), roomNoise(700));
      log.write(first, 0);
      const resumeAt = durationMs(first) + 20_000;
      log.write(concat(spoken("screen"), roomNoise(800)), resumeAt);
      await log.stream.flush();

      expect(log.finals).toHaveLength(2);
      expectSaid(log.finals[0], "charged");
      expect(log.finals[0]!.endMs).toBeLessThanOrEqual(durationMs(first));
      expectSaid(log.finals[1], "screen");
      expect(log.finals[1]!.startMs).toBeGreaterThanOrEqual(resumeAt - 300);
      await log.stream.close();
    });

    it("4. silence (a quiet room, or nothing at all) yields no final and no partial", async () => {
      const log = new StreamLog(fixture.recognizer.open({ lang: "en", speaker: "customer" }));
      log.write(concat(roomNoise(2000), silence(2000)), 0);
      await log.stream.flush();
      expect(log.results).toEqual([]);
      await log.stream.close();
    });

    it("5. close() leaves no child process behind, and nothing is heard after it", async () => {
      const before = childProcessIds();
      const log = new StreamLog(fixture.recognizer.open({ lang: "en", speaker: "customer" }));
      fixture.willHear?.(SENTENCES.screen.text);
      log.write(concat(roomNoise(300), spoken("screen")), 0);
      await log.stream.close();
      const left = [...childProcessIds()].filter((id) => !before.has(id));
      expect(left).toEqual([]);
      const heard = log.results.length;
      log.write(spoken("charged"), 10_000);
      await log.stream.flush();
      await new Promise((r) => setTimeout(r, 100));
      expect(log.results.length).toBe(heard);
    });

    it("6. closing the recognizer closes its open streams", async () => {
      const before = childProcessIds();
      const logs = [0, 1].map(() => new StreamLog(fixture.recognizer.open({ lang: "en", speaker: "customer" })));
      for (const log of logs) log.write(roomNoise(200), 0);
      await fixture.recognizer.close();
      expect([...childProcessIds()].filter((id) => !before.has(id))).toEqual([]);
      const heard = logs.map((l) => l.results.length);
      for (const log of logs) log.write(spoken("screen"), 1000);
      await Promise.all(logs.map((l) => l.stream.flush()));
      expect(logs.map((l) => l.results.length)).toEqual(heard);
    });
  });
}
