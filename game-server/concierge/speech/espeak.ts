import { spawn } from "node:child_process";
import type { Lang } from "../../protocol/concierge.ts";
import { parseWav, type Pcm } from "./wav.ts";

/** Debian's espeak-ng voices for the languages Atrium serves. */
const VOICES: Record<Lang, string> = { en: "en-us", "zh-CN": "cmn" };
/** A little slower than espeak's 175 words a minute: easier to follow through a hall. */
const WORDS_PER_MINUTE = 160;
/** More than a minute of speech is never an answer: stop a runaway process there. */
const MAX_WAV_BYTES = 22_050 * 2 * 90;
const TIMEOUT_MS = 10_000;

/** Turns text into speech (mono PCM at the synthesiser's own rate). */
export interface SpeechSynthesizer {
  synthesize(text: string, lang: Lang): Promise<Pcm>;
}

/**
 * espeak-ng in a child process: the text goes in on stdin (never on the command line, so no
 * text can be read as an option), a WAV comes out on stdout. One short process per utterance:
 * it starts in a few milliseconds and speaks ~50× faster than real time.
 */
export class EspeakSynthesizer implements SpeechSynthesizer {
  readonly #command: string;

  constructor(command = "espeak-ng") {
    this.#command = command;
  }

  /** Undefined when espeak-ng runs here; otherwise why it does not (to log once). */
  async unavailable(): Promise<string | undefined> {
    try {
      const { code, stderr } = await run(this.#command, ["--version"], "");
      return code === 0 ? undefined : `${this.#command} --version exited with ${code}: ${stderr.trim()}`;
    } catch (error) {
      return `${this.#command} cannot be started (${(error as Error).message}); install Debian's espeak-ng package`;
    }
  }

  async synthesize(text: string, lang: Lang): Promise<Pcm> {
    const { code, stdout, stderr } = await run(this.#command, ["-v", VOICES[lang], "-s", String(WORDS_PER_MINUTE), "-b", "1", "--stdout", "--stdin"], spokenText(text));
    if (code !== 0) throw new Error(`espeak-ng exited with ${code}: ${stderr.trim().slice(0, 200)}`);
    return parseWav(stdout);
  }
}

/** What is read aloud: the answer without Markdown marks and links, which espeak would spell out. */
export function spokenText(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/https?:\/\/\S+/g, "")
    .replace(/[*_#`>|~]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function run(command: string, args: string[], input: string): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let bytes = 0;
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
    child.stdout.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_WAV_BYTES) child.kill("SIGKILL");
      else out.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-1000)));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr });
    });
    child.stdin.on("error", () => undefined); // a process that died early closes its stdin
    child.stdin.end(input);
  });
}
