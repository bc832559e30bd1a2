/**
 * Speech recognition for live assist (game-server/assist/recognition/): the embedded
 * pocketsphinx recognizer as the server runs it — one `ps-stream` process per stream, fed 20 ms
 * chunks through `PocketsphinxStream`, results in session time.
 *
 * Audio: the labelled set `bench/data/asr-set.json` (short things customers say), spoken by
 * espeak-ng at bench time in three voices and speeds, resampled to 16 kHz by ffmpeg
 * (`test-support/synthesized-speech.ts`). Per voice, the sentences follow one another with a
 * second of quiet room between them, as one speaker in one call.
 *
 * 1. Word error rate per voice set: one stream per set, each final given to the sentence whose
 *    audio it overlaps most (a sentence the VAD split in two gets both halves, two it merged go
 *    to the first), errors counted against the sentence's text (`word-error-rate.ts`).
 * 2. Real-time factor, one stream, from the same runs: the set's audio written as fast as the
 *    decoder takes it; the decoder's CPU seconds (from /proc, up to the moment it has caught up)
 *    and the wall seconds to catch up, each over the seconds of audio.
 * 3. Concurrent streams at real-time pace: 1, 2 and 4 streams, each fed one 20 ms chunk every
 *    20 ms (on one clock: a late tick writes the chunks it owes, as an audio tap would), each
 *    from its own voice set and starting point; every stream's lag sampled every 100 ms. A
 *    count "keeps up" when every stream ends feeding less than 1 s behind with p95 under 1.5 s;
 *    streams per core is the largest count that kept up over this machine's cores.
 *
 * Lag is read from the decoder's own progress reports (every second of audio, and whenever its
 * input runs dry), so a stream that keeps up reads 0–300 ms.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { RecognitionResult } from "../game-server/assist/recognition/recognizer.ts";
import { PocketsphinxRecognizer, type PocketsphinxStream } from "../game-server/assist/recognition/pocketsphinx-recognizer.ts";
import { chunks20ms, concat, durationMs, roomNoise, speechSynthesisUnavailable, synthesizeSpeech, type SpeechVoice } from "../test-support/synthesized-speech.ts";
import type { Benchmark, BenchResult, Goal, Row } from "./benchmark.ts";
import { clockTicksPerSecond, sampleProcessCpu } from "./process-cpu.ts";
import { percentile } from "./sample-stats.ts";
import { wordErrorRate, wordErrors, type WordErrors } from "./word-error-rate.ts";

const VOICES: readonly SpeechVoice[] = [
  { voice: "en-us+f2", wordsPerMinute: 140 },
  { voice: "en-us+f5", wordsPerMinute: 165 },
  { voice: "en-us", wordsPerMinute: 150 },
];
const GAP_MS = 1000;
const KEPT_UP_END_MS = 1000;
const KEPT_UP_P95_MS = 1500;
const goalRtf = 0.5;
const goalStreamsPerCore = 1;

interface Sentence {
  id: string;
  text: string;
}

/** One voice's recording of the set: the audio and where each sentence lies in it. */
interface SpokenSet {
  voice: SpeechVoice;
  audio: Int16Array;
  spans: { sentence: Sentence; startMs: number; endMs: number }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, digits = 3) => Number(n.toFixed(digits));
const label = (v: SpeechVoice) => `${v.voice} @ ${v.wordsPerMinute} wpm`;

const benchmark: Benchmark = {
  name: "recognition",
  description: "speech recognition (pocketsphinx): word error rate on a labelled espeak-ng set, real-time factor, real-time streams per core",
  timeLimitSeconds: 480,
  async run({ quick, log }): Promise<BenchResult> {
    const buildLog = execFileSync("bash", [fileURLToPath(new URL("../scripts/recognizer/build.sh", import.meta.url))], { encoding: "utf8" }).trim();
    log(buildLog);
    const missing = PocketsphinxRecognizer.unavailable() ?? (await speechSynthesisUnavailable());
    if (missing) throw new Error(`cannot run: ${missing}`);

    const all = (JSON.parse(readFileSync(new URL("./data/asr-set.json", import.meta.url), "utf8")) as { sentences: Sentence[] }).sentences;
    const sentences = quick ? all.slice(0, 12) : all;
    const voices = quick ? VOICES.slice(0, 2) : VOICES;
    log(`synthesising ${sentences.length} sentences × ${voices.length} voices`);
    const sets: SpokenSet[] = [];
    for (const voice of voices) sets.push(await speak(sentences, voice));

    const recognizer = new PocketsphinxRecognizer({ maxLagMs: Number.POSITIVE_INFINITY });
    try {
      const werRows: Row[] = [];
      const summary: Record<string, number> = {};
      const allErrors: WordErrors[] = [];
      let firstRtf: { cpu: number; wall: number } | undefined;
      for (const set of sets) {
        log(`word error rate: ${label(set.voice)} (${(durationMs(set.audio) / 1000).toFixed(0)} s of audio, as fast as it decodes)`);
        const { errors, cpuRtf, wallRtf } = await recogniseSet(recognizer, set);
        firstRtf ??= { cpu: cpuRtf, wall: wallRtf };
        allErrors.push(...errors);
        const wer = wordErrorRate(errors);
        summary[`wer_${set.voice.voice}_${set.voice.wordsPerMinute}`] = round(wer);
        werRows.push({
          set: label(set.voice),
          sentences: set.spans.length,
          words: errors.reduce((n, e) => n + e.words, 0),
          substitutions: errors.reduce((n, e) => n + e.substitutions, 0),
          deletions: errors.reduce((n, e) => n + e.deletions, 0),
          insertions: errors.reduce((n, e) => n + e.insertions, 0),
          "WER %": round(wer * 100, 1),
          "audio s": round(durationMs(set.audio) / 1000, 1),
          "RTF (CPU)": round(cpuRtf),
          "RTF (wall)": round(wallRtf),
        });
      }
      summary.werAll = round(wordErrorRate(allErrors));
      summary.rtfCpu = round(firstRtf!.cpu);
      summary.rtfWall = round(firstRtf!.wall);

      const cores = availableParallelism();
      const feedMs = quick ? 8000 : 20_000;
      const concurrencyRows: Row[] = [];
      let keptUp = 0;
      for (const streams of [1, 2, 4]) {
        log(`${streams} stream(s) at real-time pace for ${feedMs / 1000} s`);
        const r = await realTime(recognizer, sets, streams, feedMs);
        if (r.keptUp) keptUp = Math.max(keptUp, streams);
        concurrencyRows.push({
          streams,
          "streams / core": round(streams / cores, 2),
          "p95 lag ms": Math.round(r.p95LagMs),
          "max lag ms": Math.round(r.maxLagMs),
          "end lag ms": Math.round(r.endLagMs),
          "drain s": round(r.drainMs / 1000, 2),
          "decoder CPU % / stream": round(r.cpuPercentPerStream, 1),
          "kept up": r.keptUp,
        });
      }
      summary.cores = cores;
      summary.streamsKeptUp = keptUp;
      summary.streamsPerCore = round(keptUp / cores, 2);

      const goals: Goal[] = [
        { target: `one stream costs under ${goalRtf} of a core (RTF on CPU, ${label(sets[0]!.voice)})`, measured: `RTF ${firstRtf!.cpu.toFixed(3)}`, met: firstRtf!.cpu < goalRtf },
        {
          target: `≥ ${goalStreamsPerCore} real-time stream per core keeps up (end lag < ${KEPT_UP_END_MS} ms, p95 < ${KEPT_UP_P95_MS} ms)`,
          measured: `${keptUp} of 1/2/4 streams on ${cores} cores = ${(keptUp / cores).toFixed(2)} per core`,
          met: keptUp / cores >= goalStreamsPerCore,
        },
      ];
      return {
        tables: [
          { title: `Word error rate per voice set (${sentences.length} sentences of bench/data/asr-set.json; one stream per set)`, rows: werRows },
          { title: `Concurrent streams at real-time pace (${feedMs / 1000} s each, ${cores} cores)`, rows: concurrencyRows },
        ],
        summary,
        goals,
        notes: [
          "Synthetic speech: espeak-ng's voices are far from people's, and they differ among themselves to pocketsphinx's US-English model (its default male voice is heard worst). Read WER as a comparison between runs and settings, not as what callers will see.",
          "The first 5 s of speech of every stream is decoded twice (cold-start CMN, see ps-stream.c): included in the RTF, a cost a longer call amortises.",
          `Lag comes from the decoder's own progress reports; 4 streams on ${cores} shared cores compete with everything else on the machine (see the load average in the result file).`,
        ],
      };
    } finally {
      await recognizer.close();
    }
  },
};
export default benchmark;

async function speak(sentences: readonly Sentence[], voice: SpeechVoice): Promise<SpokenSet> {
  const parts: Int16Array[] = [];
  const spans: SpokenSet["spans"] = [];
  let atMs = 0;
  const add = (samples: Int16Array) => {
    parts.push(samples);
    atMs += durationMs(samples);
  };
  add(roomNoise(500, 11));
  for (const [i, sentence] of sentences.entries()) {
    const speech = await synthesizeSpeech(sentence.text, voice);
    spans.push({ sentence, startMs: atMs, endMs: atMs + durationMs(speech) });
    add(speech);
    add(roomNoise(GAP_MS, 100 + i));
  }
  return { voice, audio: concat(...parts), spans };
}

/** Decodes a set as fast as the decoder goes; word errors per sentence and the real-time factors. */
async function recogniseSet(recognizer: PocketsphinxRecognizer, set: SpokenSet): Promise<{ errors: WordErrors[]; cpuRtf: number; wallRtf: number }> {
  const stream = recognizer.open({ lang: "en", speaker: "customer" }) as PocketsphinxStream;
  const finals: RecognitionResult[] = [];
  stream.onResult((r) => void (r.final && r.text && finals.push(r)));
  try {
    await waitFor(() => stream.pid !== undefined, 5000);
    const pid = stream.pid!;
    await sleep(1500); // the model loads before the clock starts: a call's stream is opened before anyone speaks
    const cpuBefore = sampleProcessCpu(pid);
    const started = performance.now();
    for (const { pcm, atMs } of chunks20ms(set.audio, 0)) stream.write(pcm, atMs);
    await waitFor(() => stream.lagMs === 0, 600_000);
    const wallMs = performance.now() - started;
    const cpuSeconds = (sampleProcessCpu(pid).ticks - cpuBefore.ticks) / clockTicksPerSecond();
    await stream.flush();
    const audioSeconds = durationMs(set.audio) / 1000;

    // Each final to the sentence it overlaps most.
    const heard = set.spans.map(() => [] as string[]);
    for (const f of finals) {
      let best = -1;
      let overlap = 0;
      for (const [i, span] of set.spans.entries()) {
        const o = Math.min(f.endMs, span.endMs) - Math.max(f.startMs, span.startMs);
        if (o > overlap) [best, overlap] = [i, o];
      }
      if (best >= 0) heard[best]!.push(f.text);
    }
    const errors = set.spans.map((span, i) => wordErrors(span.sentence.text, heard[i]!.join(" ")));
    return { errors, cpuRtf: cpuSeconds / audioSeconds, wallRtf: wallMs / 1000 / audioSeconds };
  } finally {
    await stream.close();
  }
}

async function realTime(
  recognizer: PocketsphinxRecognizer,
  sets: readonly SpokenSet[],
  count: number,
  feedMs: number,
): Promise<{ p95LagMs: number; maxLagMs: number; endLagMs: number; drainMs: number; cpuPercentPerStream: number; keptUp: boolean }> {
  const streams = Array.from({ length: count }, () => recognizer.open({ lang: "en", speaker: "customer" }) as PocketsphinxStream);
  try {
    await waitFor(() => streams.every((s) => s.pid !== undefined), 5000);
    await sleep(1500); // models loaded
    const pids = streams.map((s) => s.pid!);
    const sources = streams.map((_, i) => {
      const set = sets[i % sets.length]!;
      // Different starting points, so the streams do not speak and pause in step.
      const offset = Math.floor((set.audio.length * i) / (count + 1) / 320) * 320;
      return { audio: set.audio, offset };
    });
    const chunk = 320;
    const total = Math.floor(feedMs / 20);
    const lags: number[][] = streams.map(() => []);
    const cpuBefore = pids.map((pid) => sampleProcessCpu(pid));
    const started = performance.now();
    for (let n = 0; n < total; ) {
      const due = Math.min(total, Math.floor((performance.now() - started) / 20) + 1);
      for (; n < due; n++) {
        for (const [i, stream] of streams.entries()) {
          const { audio, offset } = sources[i]!;
          const at = (offset + n * chunk) % (audio.length - (audio.length % chunk));
          stream.write(audio.subarray(at, at + chunk), n * 20);
        }
        if (n % 5 === 0) streams.forEach((s, i) => lags[i]!.push(s.lagMs));
      }
      await sleep(Math.max(0, started + n * 20 - performance.now()));
    }
    const endLags = streams.map((s) => s.lagMs);
    const feedEnded = performance.now();
    const cpuSeconds = pids.map((pid, i) => (sampleProcessCpu(pid).ticks - cpuBefore[i]!.ticks) / clockTicksPerSecond());
    const wallSeconds = (feedEnded - started) / 1000;
    await waitFor(() => streams.every((s) => s.lagMs === 0), 120_000);
    const drainMs = performance.now() - feedEnded;
    const all = lags.flat();
    const keptUp = endLags.every((l) => l < KEPT_UP_END_MS) && lags.every((l) => percentile(l, 95) < KEPT_UP_P95_MS);
    return {
      p95LagMs: percentile(all, 95),
      maxLagMs: Math.max(...all),
      endLagMs: Math.max(...endLags),
      drainMs,
      cpuPercentPerStream: (cpuSeconds.reduce((a, b) => a + b, 0) / count / wallSeconds) * 100,
      keptUp,
    };
  } finally {
    await Promise.all(streams.map((s) => s.close()));
  }
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > until) throw new Error(`timed out after ${timeoutMs} ms`);
    await sleep(20);
  }
}
