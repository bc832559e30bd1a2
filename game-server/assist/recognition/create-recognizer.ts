import { z } from "zod";
import { HttpRecognizer, type HttpRecognizerConfig } from "./http-recognizer.ts";
import { DEFAULT_PS_STREAM_BINARY, PocketsphinxRecognizer, type PocketsphinxOptions } from "./pocketsphinx-recognizer.ts";
import type { Recognizer } from "./recognizer.ts";

/** Which recognizer transcribes calls: an endpoint when one is configured, else pocketsphinx. */
export type RecognizerConfig = { kind: "http"; http: HttpRecognizerConfig } | { kind: "pocketsphinx"; pocketsphinx: PocketsphinxOptions };

const Env = z.object({
  ATRIUM_ASR_URL: z.string().regex(/^https?:\/\//, "must be an http(s):// URL").optional(),
  ATRIUM_ASR_MODEL: z.string().min(1).default("whisper-1"),
  ATRIUM_ASR_KEY: z.string().min(1).optional(),
  ATRIUM_ASR_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
});

/** Reads `ATRIUM_ASR_*` (see README.md); throws, naming the variable, on a value that cannot be right. */
export function recognizerConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): RecognizerConfig {
  const pick = (name: keyof z.infer<typeof Env>) => (env[name] === "" ? undefined : env[name]);
  const parsed = Env.safeParse({
    ATRIUM_ASR_URL: pick("ATRIUM_ASR_URL"),
    ATRIUM_ASR_MODEL: pick("ATRIUM_ASR_MODEL"),
    ATRIUM_ASR_KEY: pick("ATRIUM_ASR_KEY"),
    ATRIUM_ASR_TIMEOUT_MS: pick("ATRIUM_ASR_TIMEOUT_MS"),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid configuration: ${issue.path.join(".")} ${issue.message}`);
  }
  const e = parsed.data;
  if (!e.ATRIUM_ASR_URL) return { kind: "pocketsphinx", pocketsphinx: {} };
  return { kind: "http", http: { url: e.ATRIUM_ASR_URL, model: e.ATRIUM_ASR_MODEL, key: e.ATRIUM_ASR_KEY, timeoutMs: e.ATRIUM_ASR_TIMEOUT_MS } };
}

export function createRecognizer(config: RecognizerConfig = recognizerConfigFromEnv()): Recognizer {
  return config.kind === "http" ? new HttpRecognizer(config.http) : new PocketsphinxRecognizer(config.pocketsphinx);
}

/** One line for the server's start-up log: what will transcribe calls, and what it cannot do. Never the key. */
export function describeRecognizer(config: RecognizerConfig): string {
  if (config.kind === "http") {
    const { url, model, key, timeoutMs } = config.http;
    let where: string;
    try {
      const parsed = new URL(url);
      where = `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}/v1/audio/transcriptions`; // origin: no credentials
    } catch {
      where = "an invalid URL";
    }
    return `speech recognition: ${model} at ${where} (${key ? "with a key" : "no key"}, ${timeoutMs / 1000} s timeout; English and Chinese)`;
  }
  const binary = config.pocketsphinx.binary ?? DEFAULT_PS_STREAM_BINARY;
  const missing = PocketsphinxRecognizer.unavailable(binary);
  return missing
    ? `speech recognition: off — ${missing}; or set ATRIUM_ASR_URL`
    : `speech recognition: pocketsphinx, offline (${binary}; English only — set ATRIUM_ASR_URL for Chinese)`;
}
