import { describe, expect, it } from "vitest";
import { OpusEncoder, SERVER_OPUS } from "../../../sfu/index.ts";
import { ConciergeVoice, sentences } from "./concierge-voice.ts";
import { EspeakSynthesizer, spokenText } from "./espeak.ts";
import { resample } from "./resample.ts";
import { parseWav } from "./wav.ts";

const espeak = new EspeakSynthesizer();
const missing = await espeak.unavailable();
const rms = (s: Int16Array) => Math.sqrt(s.reduce((sum, v) => sum + v * v, 0) / Math.max(1, s.length)) / 32768;

describe.skipIf(missing)("espeak-ng synthesis", () => {
  it("says an English sentence in about the time a person would (2–6 s for 12 words), not silence", async () => {
    const pcm = await espeak.synthesize("The Nova Phone twelve costs seven hundred and ninety nine pounds, in three colours.", "en");
    expect(pcm.sampleRate).toBe(22_050);
    const seconds = pcm.samples.length / pcm.sampleRate;
    expect(seconds).toBeGreaterThan(2);
    expect(seconds).toBeLessThan(6);
    expect(rms(pcm.samples)).toBeGreaterThan(0.02);
  });

  it("says a Chinese sentence with the Mandarin voice: about a quarter second a character", async () => {
    const text = "您好，欢迎来到子午银行，请问有什么可以帮您？"; // 19 characters
    const pcm = await espeak.synthesize(text, "zh-CN");
    const seconds = pcm.samples.length / pcm.sampleRate;
    expect(seconds).toBeGreaterThan(2.5);
    expect(seconds).toBeLessThan(9);
    expect(rms(pcm.samples)).toBeGreaterThan(0.02);
    // Not read letter by letter as English would read unknown text: it is the cmn voice.
    const english = await espeak.synthesize(text, "en");
    expect(english.samples.length).not.toBe(pcm.samples.length);
  });

  it("reads text from stdin only: a question that looks like an option is spoken, not obeyed", async () => {
    const pcm = await espeak.synthesize("--version -w /tmp/x.wav", "en");
    expect(pcm.samples.length / pcm.sampleRate).toBeGreaterThan(0.5);
  });
});

describe("a command that is not there", () => {
  it("says why, once asked, instead of throwing", async () => {
    expect(await new EspeakSynthesizer("/nonexistent/espeak-ng").unavailable()).toMatch(/cannot be started.*espeak-ng/);
  });
});

describe("spoken text", () => {
  it("leaves out Markdown marks and links", () => {
    expect(spokenText("**Price:** see [our page](https://x.example/a) or https://y.example")).toBe("Price: see our page or");
  });
});

describe("WAV and resampling", () => {
  function wav(samples: number[], rate: number, streaming: boolean): Uint8Array {
    const data = Buffer.alloc(samples.length * 2);
    samples.forEach((s, i) => data.writeInt16LE(s, i * 2));
    const head = Buffer.alloc(44);
    head.write("RIFF", 0);
    head.writeUInt32LE(streaming ? 0x7ffffff0 : 36 + data.length, 4);
    head.write("WAVEfmt ", 8);
    head.writeUInt32LE(16, 16);
    head.writeUInt16LE(1, 20);
    head.writeUInt16LE(1, 22);
    head.writeUInt32LE(rate, 24);
    head.writeUInt32LE(rate * 2, 28);
    head.writeUInt16LE(2, 32);
    head.writeUInt16LE(16, 34);
    head.write("data", 36);
    head.writeUInt32LE(streaming ? 0x7ffffff0 : data.length, 40);
    return Buffer.concat([head, data]);
  }

  it("reads a WAV whose sizes were never filled in (espeak-ng writing to a pipe)", () => {
    expect([...parseWav(wav([1, -2, 300], 22_050, true)).samples]).toEqual([1, -2, 300]);
    expect(parseWav(wav([5, 6], 16_000, false))).toEqual({ sampleRate: 16_000, samples: Int16Array.from([5, 6]) });
    expect(() => parseWav(Buffer.from("not a wav at all"))).toThrow(/not a WAV/);
  });

  it("resamples 22,050 Hz to 48 kHz keeping the duration and the tone", () => {
    const from = 22_050;
    const tone = Int16Array.from({ length: from }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / from)));
    const out = resample({ sampleRate: from, samples: tone }, 48_000);
    expect(out.samples.length).toBe(48_000);
    // Zero crossings of a 440 Hz tone: 880 a second, whatever the rate.
    let crossings = 0;
    for (let i = 1; i < out.samples.length; i++) if (out.samples[i - 1]! < 0 !== out.samples[i]! < 0) crossings++;
    expect(crossings).toBeGreaterThan(870);
    expect(crossings).toBeLessThan(890);
  });
});

/** A stand-in synthesiser: `seconds` of a tone per utterance, as 22,050 Hz PCM. */
function toneSynth(seconds: number) {
  const said: string[] = [];
  return {
    said,
    synthesize: async (text: string) => {
      said.push(text);
      const n = Math.round(22_050 * seconds);
      return { sampleRate: 22_050, samples: Int16Array.from({ length: n }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * 300 * i) / 22_050))) };
    },
  };
}

describe("the concierge's voice", () => {
  it("sends an utterance as valid 20 ms Opus frames, paced in real time", async () => {
    const voice = new ConciergeVoice(toneSynth(0.5));
    const frames: Uint8Array[] = [];
    const times: number[] = [];
    voice.sink = { sendOpus: (f) => void (frames.push(f), times.push(performance.now())) };
    voice.say("hello", "en");
    await voice.idle();
    expect(frames).toHaveLength(25); // 0.5 s / 20 ms
    expect((times.at(-1)! - times[0]!) / 24).toBeGreaterThan(17);
    const decoder = new OpusEncoder();
    const decoded = frames.map((f) => decoder.decode(Buffer.from(f)));
    decoder.close();
    for (const pcm of decoded) expect(pcm.length).toBe(SERVER_OPUS.samplesPerFrame);
    expect(rms(decoded[12]!)).toBeGreaterThan(0.05);
  });

  it("speaks one utterance at a time, in order, and a newer answer to the same visitor cuts the older one", async () => {
    const synth = toneSynth(0.3);
    const voice = new ConciergeVoice(synth);
    let frames = 0;
    voice.sink = { sendOpus: () => void frames++ };
    voice.say("first for a", "en", "a");
    voice.say("for b", "en", "b");
    voice.say("second for a", "en", "a"); // "first for a" is being synthesised: it is cut
    await voice.idle();
    expect(synth.said).toEqual(["first for a", "for b", "second for a"]);
    expect(frames).toBe(15 + 15); // b's and the second a's, not the first
  });

  it("stops mid-sentence, not one frame later, when a newer answer to the same visitor cuts in", async () => {
    const voice = new ConciergeVoice(toneSynth(0.3));
    let frames = 0;
    voice.sink = { sendOpus: () => void frames++ };
    voice.say("an answer", "en", "a");
    while (frames < 3) await new Promise((r) => setTimeout(r, 5));
    const atCut = frames;
    voice.say("a newer answer", "en", "a");
    await voice.idle();
    expect(frames).toBe(atCut + 15);
  });

  it("tells when it starts and stops speaking (the avatar's speaking flag), once per utterance", async () => {
    const voice = new ConciergeVoice(toneSynth(0.1));
    const flags: boolean[] = [];
    voice.onSpeaking = (speaking) => flags.push(speaking);
    voice.sink = { sendOpus: () => undefined };
    voice.say("one", "en", "a");
    voice.say("two", "en", "b");
    await voice.idle();
    expect(flags).toEqual([true, false, true, false]);
  });

  it("says a long answer sentence by sentence: the first is heard before the rest is synthesised, the next made while one plays", async () => {
    expect(sentences("Prices: 128 GB £799. It is 6.3 inches! Colours? Three.")).toEqual(["Prices: 128 GB £799.", "It is 6.3 inches!", "Colours?", "Three."]);
    expect(sentences("营业时间：周一至周六。周日休息！")).toEqual(["营业时间：周一至周六。", "周日休息！"]);
    const synth = toneSynth(0.1);
    const voice = new ConciergeVoice(synth);
    const saidAtFirstFrame: string[][] = [];
    voice.sink = { sendOpus: () => void (saidAtFirstFrame.length === 0 && saidAtFirstFrame.push([...synth.said])) };
    voice.say("One. Two. Three. Four.", "en");
    await voice.idle();
    expect(saidAtFirstFrame[0]!.length).toBeLessThanOrEqual(2);
    expect(synth.said).toEqual(["One.", "Two.", "Three.", "Four."]);
  });

  it("says nothing without a sink (no SFU here): nothing is synthesised", async () => {
    const synth = toneSynth(0.1);
    const voice = new ConciergeVoice(synth);
    voice.say("hello", "en");
    await voice.idle();
    expect(synth.said).toEqual([]);
  });
});

describe.skipIf(missing)("espeak-ng into Opus frames", () => {
  it("turns a real sentence into frames a decoder reads back as speech", async () => {
    const voice = new ConciergeVoice(espeak);
    const frames: Buffer[] = [];
    voice.sink = { sendOpus: (f) => void frames.push(Buffer.from(f)) };
    voice.say("Welcome.", "en");
    await voice.idle();
    expect(frames.length).toBeGreaterThan(20);
    expect(frames.length).toBeLessThan(100);
    const decoder = new OpusEncoder();
    const loud = frames.map((f) => rms(decoder.decode(f))).filter((level) => level > 0.01).length;
    decoder.close();
    expect(loud).toBeGreaterThan(10);
  });
});
