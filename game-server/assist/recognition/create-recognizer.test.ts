import { describe, expect, it } from "vitest";
import { createRecognizer, describeRecognizer, recognizerConfigFromEnv } from "./create-recognizer.ts";
import { HttpRecognizer } from "./http-recognizer.ts";
import { PocketsphinxRecognizer } from "./pocketsphinx-recognizer.ts";

describe("choosing the recognizer", () => {
  it("uses pocketsphinx unless ATRIUM_ASR_URL is set (an empty value counts as unset)", () => {
    expect(recognizerConfigFromEnv({})).toEqual({ kind: "pocketsphinx", pocketsphinx: {} });
    expect(recognizerConfigFromEnv({ ATRIUM_ASR_URL: "", ATRIUM_ASR_MODEL: "x" }).kind).toBe("pocketsphinx");
    expect(createRecognizer(recognizerConfigFromEnv({}))).toBeInstanceOf(PocketsphinxRecognizer);
  });

  it("uses the endpoint when ATRIUM_ASR_URL is set, with its model, key and timeout", () => {
    const config = recognizerConfigFromEnv({ ATRIUM_ASR_URL: "https://asr.example:8443/", ATRIUM_ASR_MODEL: "large-v3", ATRIUM_ASR_KEY: "sk-secret", ATRIUM_ASR_TIMEOUT_MS: "8000" });
    expect(config).toEqual({ kind: "http", http: { url: "https://asr.example:8443/", model: "large-v3", key: "sk-secret", timeoutMs: 8000 } });
    const recognizer = createRecognizer(config);
    expect(recognizer).toBeInstanceOf(HttpRecognizer);
    expect(recognizer.name).toBe("http (large-v3 at https://asr.example:8443)");
    expect(recognizerConfigFromEnv({ ATRIUM_ASR_URL: "http://127.0.0.1:9000" })).toEqual({ kind: "http", http: { url: "http://127.0.0.1:9000", model: "whisper-1", key: undefined, timeoutMs: 15_000 } });
  });

  it("refuses values that cannot be right, naming the variable", () => {
    expect(() => recognizerConfigFromEnv({ ATRIUM_ASR_URL: "asr.example" })).toThrow(/ATRIUM_ASR_URL must be an http\(s\):\/\/ URL/);
    expect(() => recognizerConfigFromEnv({ ATRIUM_ASR_URL: "http://x", ATRIUM_ASR_TIMEOUT_MS: "soon" })).toThrow(/ATRIUM_ASR_TIMEOUT_MS/);
  });

  it("describes itself for the log without the key or credentials in the URL", () => {
    const line = describeRecognizer(recognizerConfigFromEnv({ ATRIUM_ASR_URL: "https://user:pw@asr.example/base", ATRIUM_ASR_KEY: "sk-secret" }));
    expect(line).toBe("speech recognition: whisper-1 at https://asr.example/base/v1/audio/transcriptions (with a key, 15 s timeout; English and Chinese)");
    expect(describeRecognizer({ kind: "pocketsphinx", pocketsphinx: { binary: "/nonexistent/ps-stream" } })).toMatch(/^speech recognition: off — .*scripts\/recognizer\/build\.sh.*ATRIUM_ASR_URL$/);
  });
});
