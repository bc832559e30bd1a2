import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { registerRecognizerContractTests, SENTENCES, StreamLog } from "../../../test-support/recognizer-contract.ts";
import { concat, roomNoise, speechSynthesisUnavailable, synthesizeSpeech } from "../../../test-support/synthesized-speech.ts";
import { HttpRecognizer, SPEAKING_PLACEHOLDER, UNRATED_CONFIDENCE } from "./http-recognizer.ts";
import { startTranscriptionServer, type TranscriptionServer } from "./http-recognizer-test-server.ts";

const missing = await speechSynthesisUnavailable();
if (missing) console.warn(`HTTP recognizer tests SKIPPED (they speak with espeak-ng): ${missing}`);

describe.skipIf(missing)("HTTP recognizer", () => {
  registerRecognizerContractTests("HTTP (local transcription server)", async () => {
    const server = await startTranscriptionServer();
    return {
      recognizer: new HttpRecognizer({ url: server.url, model: "whisper-test", timeoutMs: 2000 }),
      willHear: (...texts) => server.script(...texts),
      // The server says what it was told: all of them.
      keyWordsNeeded: 3,
      cleanup: () => server.close(),
    };
  });

  let server: TranscriptionServer;
  let sentence: Int16Array;
  const utterance = () => concat(roomNoise(300), sentence, roomNoise(900));
  beforeAll(async () => {
    server = await startTranscriptionServer(1500);
    sentence = await synthesizeSpeech(SENTENCES.screen.text);
  });
  beforeEach(() => server.reset());
  afterAll(() => server.close());

  it("sends each utterance as a 16 kHz WAV with the model, the language and verbose_json, and the key when set", async () => {
    const recognizer = new HttpRecognizer({ url: `${server.url}/`, model: "whisper-large-v3", key: "sk-test", timeoutMs: 2000 });
    for (const lang of ["en", "zh-CN"] as const) {
      const log = new StreamLog(recognizer.open({ lang, speaker: "customer" }));
      server.script(lang === "en" ? SENTENCES.screen.text : "请给我的手机换一块屏幕");
      log.write(utterance(), 0);
      await log.stream.flush();
      expect(log.finals.map((f) => f.text)).toEqual([lang === "en" ? SENTENCES.screen.text : "请给我的手机换一块屏幕"]);
    }
    expect(server.requests.map((r) => [r.path, r.fields.language])).toEqual([
      ["/v1/audio/transcriptions", "en"],
      ["/v1/audio/transcriptions", "zh"],
    ]);
    const [request] = server.requests;
    expect(request!.fields).toMatchObject({ model: "whisper-large-v3", response_format: "verbose_json" });
    expect(request!.headers.authorization).toBe("Bearer sk-test");
    expect(request!.file).toMatchObject({ name: "utterance.wav", type: "audio/wav", sampleRate: 16_000 });
    // The utterance, not the whole stream: the sentence plus a little before and after.
    const spoken = sentence.length / 16_000;
    expect(request!.file!.seconds).toBeGreaterThan(spoken * 0.8);
    expect(request!.file!.seconds).toBeLessThan(spoken + 0.6);
    await recognizer.close();

    const keyless = new HttpRecognizer({ url: server.url, model: "m", timeoutMs: 2000 });
    const log = new StreamLog(keyless.open({ lang: "en", speaker: "agent" }));
    log.write(utterance(), 0);
    await log.stream.flush();
    expect(server.requests.at(-1)!.headers.authorization).toBeUndefined();
    await keyless.close();
  });

  it("shows a placeholder partial when speech starts, replaced by the final under the same id", async () => {
    const recognizer = new HttpRecognizer({ url: server.url, model: "m", timeoutMs: 2000 });
    const log = new StreamLog(recognizer.open({ lang: "en", speaker: "customer" }));
    server.script(SENTENCES.screen.text);
    log.write(concat(roomNoise(300), sentence), 5000);
    // Still speaking (no silence yet): only the placeholder, nothing sent.
    expect(log.results).toEqual([{ id: "customer-1", text: SPEAKING_PLACEHOLDER, startMs: expect.any(Number), endMs: expect.any(Number), confidence: 0, final: false }]);
    expect(log.results[0]!.startMs).toBeGreaterThanOrEqual(5000);
    expect(server.requests).toHaveLength(0);
    log.write(roomNoise(900), 5300 + (sentence.length / 16_000) * 1000);
    await log.stream.flush();
    expect(log.results.map((r) => [r.id, r.final, r.text])).toEqual([
      ["customer-1", false, SPEAKING_PLACEHOLDER],
      ["customer-1", true, SENTENCES.screen.text],
    ]);
    await recognizer.close();
  });

  it("reads confidence from the segments' avg_logprob, and says it is unrated without them", async () => {
    const recognizer = new HttpRecognizer({ url: server.url, model: "m", timeoutMs: 2000 });
    const log = new StreamLog(recognizer.open({ lang: "en", speaker: "customer" }));
    server.script("first", "second");
    server.logprob(-0.5);
    log.write(utterance(), 0);
    await log.stream.flush();
    server.logprob(undefined);
    log.write(utterance(), 10_000);
    await log.stream.flush();
    expect(log.finals.map((f) => f.confidence)).toEqual([expect.closeTo(Math.exp(-0.5), 5), UNRATED_CONFIDENCE]);
    await recognizer.close();
  });

  for (const [behaviour, why] of [
    ["error", /answered 500/],
    ["malformed", /not a transcription/],
    ["not-json", /not JSON/],
    ["slow", /did not answer within 0\.4 s/],
  ] as const) {
    it(`pauses on an endpoint that is ${behaviour}, closes that utterance's id, and runs again with the next answer`, async () => {
      const recognizer = new HttpRecognizer({ url: server.url, model: "m", timeoutMs: 400 });
      const log = new StreamLog(recognizer.open({ lang: "en", speaker: "customer" }));
      server.behave(behaviour);
      log.write(utterance(), 0);
      await log.stream.flush();
      expect(log.statuses.at(-1)).toMatchObject({ state: "paused", reason: expect.stringMatching(why) });
      expect(log.results.map((r) => [r.id, r.final, r.text])).toEqual([
        ["customer-1", false, SPEAKING_PLACEHOLDER],
        ["customer-1", true, ""],
      ]);
      expect(log.stream.lagMs).toBe(0);

      server.behave("answer");
      server.script(SENTENCES.screen.text);
      log.write(utterance(), 20_000);
      await log.stream.flush();
      expect(log.statuses.at(-1)).toEqual({ state: "running" });
      expect(log.finals.map((f) => [f.id, f.text])).toEqual([["customer-2", SENTENCES.screen.text]]);
      await recognizer.close();
    });
  }

  it("pauses, saying why, when the endpoint cannot be reached (a refused port, a port fetch will not use)", async () => {
    const gone = await startTranscriptionServer();
    await gone.close(); // its port now refuses connections
    for (const url of [gone.url, "http://127.0.0.1:9"]) {
      const recognizer = new HttpRecognizer({ url, model: "m", timeoutMs: 2000 });
      const log = new StreamLog(recognizer.open({ lang: "en", speaker: "customer" }));
      log.write(utterance(), 0);
      await log.stream.flush();
      expect(log.statuses.at(-1)).toMatchObject({ state: "paused", reason: expect.stringMatching(/cannot reach the transcription endpoint/) });
      await recognizer.close();
    }
  });

  it("counts utterances waiting for the endpoint as lag, and close() abandons them at once", async () => {
    const recognizer = new HttpRecognizer({ url: server.url, model: "m", timeoutMs: 5000 });
    const log = new StreamLog(recognizer.open({ lang: "en", speaker: "customer" }));
    server.behave("slow");
    log.write(concat(utterance(), utterance()), 0);
    expect(log.stream.lagMs).toBeGreaterThan(sentence.length / 16); // more than one utterance waits
    const started = Date.now();
    await log.stream.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(log.finals).toEqual([]);
  });
});
