import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CallRecorder } from "./call-recorder.ts";
import { deleteRecording, recordingPath } from "./recording-retention.ts";

const RATE = 16_000;
const run = promisify(execFile);
// Debian's ffmpeg package brings both ffmpeg and ffprobe.
const hasFfmpeg = spawnSync("ffprobe", ["-version"]).status === 0;
if (!hasFfmpeg) console.warn("ffmpeg/ffprobe not installed (Debian's ffmpeg): the recordings are not played back");

const folders: string[] = [];
const folder = () => {
  folders.push(mkdtempSync(join(tmpdir(), "call-recording-")));
  return folders.at(-1)!;
};
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** `ms` of a sine tone at `hz`, `level` of full scale, starting `fromMs` into the session (phase continuous across chunks). */
function tone(hz: number, fromMs: number, ms: number, level = 0.3): Int16Array {
  const first = (fromMs * RATE) / 1000;
  return Int16Array.from({ length: (ms * RATE) / 1000 }, (_, i) => Math.round(level * 32767 * Math.sin((2 * Math.PI * hz * (first + i)) / RATE)));
}

async function probe(path: string): Promise<{ duration: number; codec: string; channels: number }> {
  const { stdout } = await run("ffprobe", ["-v", "error", "-show_entries", "format=duration:stream=codec_name,channels", "-of", "json", path], { encoding: "utf8" });
  const out = JSON.parse(stdout) as {
    format: { duration: string };
    streams: { codec_name: string; channels: number }[];
  };
  return { duration: Number(out.format.duration), codec: out.streams[0]!.codec_name, channels: out.streams[0]!.channels };
}

/** What a player hears: the file decoded by FFmpeg to 16 kHz mono PCM (from `fromSeconds` on). */
async function decode(path: string, fromSeconds = 0): Promise<Int16Array> {
  const { stdout: out } = await run("ffmpeg", ["-v", "error", "-ss", String(fromSeconds), "-i", path, "-f", "s16le", "-ac", "1", "-ar", String(RATE), "-"], { encoding: "buffer", maxBuffer: 64 << 20 });
  return new Int16Array(out.buffer, out.byteOffset, out.byteLength / 2);
}

/** RMS (0…1) and the frequency told by zero crossings over [fromMs, toMs). */
function listen(pcm: Int16Array, fromMs: number, toMs: number): { rms: number; hz: number } {
  const part = pcm.subarray((fromMs * RATE) / 1000, (toMs * RATE) / 1000);
  let sum = 0;
  let crossings = 0;
  for (let i = 0; i < part.length; i++) {
    sum += part[i]! * part[i]!;
    if (i > 0 && part[i - 1]! < 0 !== part[i]! < 0) crossings++;
  }
  return { rms: Math.sqrt(sum / part.length) / 32768, hz: crossings / 2 / ((toMs - fromMs) / 1000) };
}

describe("call recorder", () => {
  it.skipIf(!hasFfmpeg)("records both voices on one timeline: 3.0 s of Opus, each tone where it was said, silence between", async () => {
    const path = join(folder(), "call.opus");
    const recorder = new CallRecorder({ path, sampleRate: RATE, title: "Ticket 1001" });
    // The customer's audio arrives in 20 ms chunks as it is said; the agent's in 60 ms chunks, each 300 ms after it was said.
    for (let now = 20; now <= 3000; now += 20) {
      if (now <= 1000) recorder.write("customer", tone(440, now - 20, 20), now - 20);
      const said = now - 300;
      if (said > 1500 && said <= 2500 && (said - 1500) % 60 === 0) recorder.write("agent", tone(660, said - 60, 60), said - 60);
      else if (said > 2500 && said - 20 < 2500) recorder.write("agent", tone(660, 2460, 40), 2460);
    }
    const result = await recorder.close(3000);

    expect(result.path).toBe(path);
    expect(result.durationMs).toBe(3000);
    expect(result.bytes).toBe(statSync(path).size);
    expect(result.droppedMs).toEqual({ customer: 0, agent: 0 });
    expect(result.bytes, "about 24 kbit/s").toBeLessThan(3 * 24_000 / 8 * 1.5);

    const [info, pcm] = await Promise.all([probe(path), decode(path)]); // at once: each FFmpeg start is a few hundred ms
    expect(info.codec).toBe("opus");
    expect(info.channels).toBe(1);
    expect(info.duration).toBeGreaterThan(2.9);
    expect(info.duration).toBeLessThan(3.1);
    expect(readFileSync(path).toString("latin1")).toContain("TITLE=Ticket 1001");

    expect(pcm.length / RATE).toBeCloseTo(3.0, 1);
    const customer = listen(pcm, 100, 900);
    const agent = listen(pcm, 1600, 2400);
    expect(customer.rms, "the customer's tone").toBeGreaterThan(0.15);
    expect(customer.hz).toBeGreaterThan(420);
    expect(customer.hz).toBeLessThan(460);
    expect(agent.rms, "the agent's tone").toBeGreaterThan(0.15);
    expect(agent.hz).toBeGreaterThan(630);
    expect(agent.hz).toBeLessThan(690);
    expect(listen(pcm, 1100, 1400).rms, "nobody spoke between the tones").toBeLessThan(0.01);
    expect(listen(pcm, 2600, 3000).rms, "nor after the agent").toBeLessThan(0.01);
  });

  it.skipIf(!hasFfmpeg)("mixes voices that overlap (summed, clipped) and leaves out audio older than the jitter buffer, counting it", async () => {
    const path = join(folder(), "overlap.opus");
    const recorder = new CallRecorder({ path, sampleRate: RATE });
    for (let t = 0; t < 2000; t += 100) {
      recorder.write("customer", tone(440, t, 100), t);
      recorder.write("agent", tone(660, t, 100), t);
    }
    // 1.0 s late: the jitter buffer (500 ms) has moved on, so this is dropped, not mixed over what was written.
    recorder.write("agent", Int16Array.from({ length: RATE / 10 }, () => 32767), 900);
    expect(recorder.droppedMs).toEqual({ customer: 0, agent: 100 });
    // Both loud at once: the sum goes past full scale and is clipped (wrapping round would be noise).
    for (let t = 2000; t < 2500; t += 100) {
      recorder.write("customer", tone(440, t, 100, 0.8), t);
      recorder.write("agent", tone(440, t, 100, 0.8), t);
    }
    const result = await recorder.close(2500);
    expect(result.droppedMs).toEqual({ customer: 0, agent: 100 });

    const pcm = await decode(path);
    const both = listen(pcm, 200, 1800);
    expect(both.rms, "two tones at 0.3 each: about 0.3 together").toBeGreaterThan(0.25);
    expect(listen(pcm, 920, 980).rms, "the late full-scale chunk is not in the file").toBeLessThan(0.4);
    const loud = listen(pcm, 2100, 2400);
    expect(loud.rms).toBeGreaterThan(0.6);
    expect(loud.hz, "still the tone, flattened at the top").toBeCloseTo(440, -1);
  });

  it.skipIf(!hasFfmpeg)("a recorder killed mid-call (kill -9, no close) leaves a file that plays up to its last page, torn page or not", async () => {
    const dir = folder();
    const path = join(dir, "crashed.opus");
    const recorder = new URL("./call-recorder.ts", import.meta.url).pathname;
    // A separate process: 4 s of the customer's tone written as it is said, then killed without a word.
    const script = `
      import { CallRecorder } from ${JSON.stringify(recorder)};
      const r = new CallRecorder({ path: ${JSON.stringify(path)}, sampleRate: 16000 });
      for (let t = 0; t < 4000; t += 20) {
        const pcm = Int16Array.from({ length: 320 }, (_, i) => Math.round(9830 * Math.sin(2 * Math.PI * 440 * (t * 16 + i) / 16000)));
        r.write("customer", pcm, t);
      }
      process.kill(process.pid, "SIGKILL");`;
    const killed = await run(process.execPath, ["--input-type=module", "-e", script]).then(
      () => "exited",
      (error: { signal?: string; stderr?: string }) => error.signal ?? error.stderr,
    );
    expect(killed).toBe("SIGKILL");

    // A crash in the middle of writing a page: the torn page is skipped, the ones before it play.
    const torn = join(dir, "torn.opus");
    const bytes = readFileSync(path);
    writeFileSync(torn, bytes.subarray(0, bytes.length - 40));
    const [pcm, before] = await Promise.all([decode(path), decode(torn)]);
    const seconds = pcm.length / RATE;
    // Encoded: up to 3.5 s (the last 500 ms were still in the jitter buffer); on disk: all but the page being filled (≤ 500 ms).
    expect(seconds).toBeGreaterThan(2.9);
    expect(seconds).toBeLessThanOrEqual(3.5);
    expect(listen(pcm, 100, seconds * 1000 - 100).rms, "the tone, all the way").toBeGreaterThan(0.15);

    expect(before.length / RATE).toBeGreaterThan(2.3);
    expect(before.length).toBeLessThan(pcm.length);
    expect(listen(before, 100, (before.length / RATE) * 1000 - 100).rms).toBeGreaterThan(0.15);
  });

  it.skipIf(!hasFfmpeg)("records a 5-minute hold where neither side sends anything as silence, without stalling the server", async () => {
    const path = join(folder(), "hold.opus");
    const recorder = new CallRecorder({ path, sampleRate: RATE });
    recorder.write("customer", tone(440, 0, 500), 0);
    recorder.write("customer", new Int16Array(0), 1000); // time passes: the customer's words are encoded
    const started = performance.now();
    recorder.write("agent", tone(660, 300_000, 500), 300_000); // back after the hold: 5 minutes to fill at once
    const tookMs = performance.now() - started;
    const result = await recorder.close(301_000);

    expect(tookMs, "5 minutes of silence encoded as 15,000 frames would take seconds").toBeLessThan(1000);
    expect(result.durationMs).toBe(301_000);
    expect(result.bytes, "silence is a few bytes a frame").toBeLessThan(301 * 1000);
    // A player seeks to the end of the hold (decoding all 5 minutes would take FFmpeg seconds).
    const [info, end] = await Promise.all([probe(path), decode(path, 299)]);
    expect(info.duration).toBeCloseTo(301, 1);
    expect(end.length / RATE).toBeCloseTo(2, 1);
    expect(listen(end, 0, 900).rms, "silence until the agent is back").toBeLessThan(0.01);
    expect(listen(end, 1100, 1400).hz, "the agent's words land after the hold, not right after the customer's").toBeCloseTo(660, -1);
    expect(listen(end, 1600, 2000).rms).toBeLessThan(0.01);
  });

  it("refuses to overwrite a recording, and writes no more after close", async () => {
    const path = join(folder(), "once.opus");
    const recorder = new CallRecorder({ path });
    expect(() => new CallRecorder({ path })).toThrow(/EEXIST/);
    recorder.write("customer", new Int16Array(320), 0);
    const result = await recorder.close(1000);
    expect(result.durationMs).toBe(1000);
    expect(() => recorder.write("agent", new Int16Array(320), 1000)).toThrow(/closed/);
  });
});

describe("recording files", () => {
  it("puts a session's recording under its ticket, refuses ids that could leave the folder, and deletes idempotently", async () => {
    const dir = folder();
    const path = recordingPath(dir, "6f1c2a9e-0b7d-4c1e-9a57-1f0c3f1e2d4b", "s-1");
    expect(path).toBe(join(dir, "6f1c2a9e-0b7d-4c1e-9a57-1f0c3f1e2d4b", "s-1.opus"));
    expect(() => recordingPath(dir, "../etc", "s-1")).toThrow();
    expect(() => recordingPath(dir, "t", "a/b")).toThrow();

    const recorder = new CallRecorder({ path });
    await recorder.close(100);
    expect(statSync(path).size).toBeGreaterThan(0);
    await deleteRecording(path);
    expect(() => statSync(path)).toThrow(/ENOENT/);
    await expect(deleteRecording(path), "already gone: not an error").resolves.toBeUndefined();
  });
});
