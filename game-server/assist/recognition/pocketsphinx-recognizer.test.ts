import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyWordsIn, registerRecognizerContractTests, SENTENCES, StreamLog } from "../../../test-support/recognizer-contract.ts";
import { concat, roomNoise, speechSynthesisUnavailable, synthesizeSpeech } from "../../../test-support/synthesized-speech.ts";
import { PocketsphinxRecognizer, type PocketsphinxStream } from "./pocketsphinx-recognizer.ts";

// The binary is built here if it is not yet (the build skips itself when up to date).
const buildScript = fileURLToPath(new URL("../../../scripts/recognizer/build.sh", import.meta.url));
let buildOutput = "";
try {
  buildOutput = execFileSync("bash", [buildScript], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
} catch (error) {
  buildOutput = (error as Error).message;
}
const missing = PocketsphinxRecognizer.unavailable() ?? (await speechSynthesisUnavailable());
if (missing) console.warn(`pocketsphinx recognizer tests SKIPPED: ${missing}\n${buildOutput.trim()}`);

describe.skipIf(missing)("pocketsphinx recognizer", () => {
  registerRecognizerContractTests("pocketsphinx (ps-stream child process)", async () => ({ recognizer: new PocketsphinxRecognizer(), keyWordsNeeded: 2 }));

  const recognizer = new PocketsphinxRecognizer();
  let long: Int16Array;
  let screen: Int16Array;
  beforeAll(async () => {
    long = await synthesizeSpeech("please send a replacement screen because the old one cracked when i dropped it");
    screen = await synthesizeSpeech(SENTENCES.screen.text);
  });
  afterAll(() => recognizer.close());

  it("shows partials of a long sentence while it is spoken, then its final under the same id", async () => {
    const log = new StreamLog(recognizer.open({ lang: "en", speaker: "customer" }));
    log.write(concat(roomNoise(300), long, roomNoise(300)), 0);
    await log.stream.flush();
    const finalAt = log.results.findIndex((r) => r.final && r.text !== "");
    expect(finalAt).toBeGreaterThan(0);
    const partials = log.results.slice(0, finalAt);
    expect(partials.length).toBeGreaterThanOrEqual(2);
    expect(partials.every((p) => !p.final && p.id === log.results[finalAt]!.id)).toBe(true);
    // Partials grow as the sentence goes on.
    expect(partials.at(-1)!.endMs).toBeGreaterThan(partials[0]!.endMs);
    await log.stream.close();
  });

  it("restarts a decoder that was killed, and recognises the next sentence", async () => {
    const stream = recognizer.open({ lang: "en", speaker: "customer" }) as PocketsphinxStream;
    const log = new StreamLog(stream);
    await log.waitFor(() => log.statuses.at(-1)?.state === "running", "the decoder to start");
    const first = stream.pid!;
    process.kill(first, "SIGKILL");
    await log.waitFor(() => log.statuses.length >= 3 && log.statuses.at(-1)?.state === "running", "restarting, then running");
    expect(log.statuses.map((s) => s.state)).toEqual(["running", "restarting", "running"]);
    expect(log.statuses[1]!.reason).toMatch(/SIGKILL/);
    expect(stream.pid).not.toBe(first);

    log.write(concat(roomNoise(300), screen, roomNoise(300)), 30_000);
    await stream.flush();
    expect(log.finals).toHaveLength(1);
    expect(keyWordsIn(log.finals[0]!.text, SENTENCES.screen.keyWords).length).toBeGreaterThanOrEqual(2);
    expect(log.finals[0]!.startMs).toBeGreaterThanOrEqual(30_000);
    await stream.close();
  });

  it("closes the id of an utterance cut off by a crash with an empty final", async () => {
    const stream = recognizer.open({ lang: "en", speaker: "agent" }) as PocketsphinxStream;
    const log = new StreamLog(stream);
    log.write(concat(roomNoise(300), long.subarray(0, long.length / 2)), 0);
    await log.waitFor(() => log.partials.length > 0, "a partial");
    process.kill(stream.pid!, "SIGKILL");
    await log.waitFor(() => log.results.some((r) => r.final), "the cut-off utterance's final");
    const final = log.results.find((r) => r.final)!;
    expect(final).toMatchObject({ id: log.partials[0]!.id, text: "" });
    await stream.close();
  });

  it("gives up on a decoder that keeps failing, saying why", async () => {
    const failing = new PocketsphinxRecognizer({ args: ["-hmm", "/nonexistent/model"], maxRestartsPerMinute: 2 });
    const log = new StreamLog(failing.open({ lang: "en", speaker: "customer" }));
    await log.waitFor(() => log.statuses.at(-1)?.state === "failed", "failed");
    expect(log.statuses.filter((s) => s.state === "restarting")).toHaveLength(2);
    expect(log.statuses.at(-1)!.reason).toMatch(/3 times within a minute.*cannot load the model/);
    log.write(screen, 0);
    expect(log.stream.lagMs).toBe(0);
    await failing.close();
  });

  it("reads its lag from the decoder's progress: behind while decoding, 0 once caught up", async () => {
    const log = new StreamLog(recognizer.open({ lang: "en", speaker: "customer" }));
    log.write(screen, 0);
    expect(log.stream.lagMs).toBeGreaterThan(2500);
    await log.waitFor(() => log.stream.lagMs === 0, "the decoder to catch up (no flush)");
    await log.stream.close();
  });

  it("drops audio past its lag limit (paused), and runs again once caught up", async () => {
    const bounded = new PocketsphinxRecognizer({ maxLagMs: 1000 });
    const log = new StreamLog(bounded.open({ lang: "en", speaker: "customer" }));
    log.write(concat(screen, screen), 0);
    expect(log.statuses.at(-1)).toMatchObject({ state: "paused", reason: expect.stringMatching(/behind/) });
    await log.waitFor(() => log.statuses.at(-1)?.state === "running", "running again");
    await bounded.close();
  });

  it("has no Mandarin model: a zh-CN stream fails at once, saying what to configure", async () => {
    const log = new StreamLog(recognizer.open({ lang: "zh-CN", speaker: "customer" }));
    expect(log.statuses).toEqual([{ state: "failed", reason: "no offline Mandarin model; set ATRIUM_ASR_URL" }]);
    log.write(screen, 0);
    await log.stream.flush();
    expect(log.results).toEqual([]);
    await log.stream.close();
  });
});

describe("pocketsphinx recognizer without its binary", () => {
  it("fails each stream with what to build", async () => {
    const recognizer = new PocketsphinxRecognizer({ binary: "/nonexistent/ps-stream" });
    const log = new StreamLog(recognizer.open({ lang: "en", speaker: "customer" }));
    expect(log.statuses).toHaveLength(1);
    expect(log.statuses[0]).toMatchObject({ state: "failed", reason: expect.stringMatching(/not built.*scripts\/recognizer\/build\.sh/) });
    await recognizer.close();
  });
});
