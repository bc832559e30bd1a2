import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { parseWav } from "../../concierge/speech/wav.ts";

/**
 * For tests only: a small local server that speaks OpenAI's `audio/transcriptions` protocol
 * (multipart upload, `verbose_json` answer), the one stand-in the HTTP recognizer is tested
 * against (no speech model runs behind it). It "hears" what it was scripted to: each request
 * takes the next scripted text. It checks the upload is a readable WAV and keeps what it got.
 * It can be told to misbehave.
 */
export type TranscriptionServerBehaviour = "answer" | "slow" | "error" | "malformed" | "not-json";

export interface ReceivedTranscription {
  headers: IncomingHttpHeaders;
  path: string;
  /** The form's text fields (`model`, `language`, `response_format`). */
  fields: Record<string, string>;
  file?: { name: string; type: string; sampleRate: number; seconds: number };
}

export interface TranscriptionServer {
  /** The base URL to configure (`ATRIUM_ASR_URL`). */
  url: string;
  requests: ReceivedTranscription[];
  /** What the next requests hear, in order; past the script, "" (nothing recognised). */
  script(...texts: string[]): void;
  behave(behaviour: TranscriptionServerBehaviour): void;
  /** The segments' `avg_logprob` in answers; undefined leaves segments out. */
  logprob(value: number | undefined): void;
  /** Back to answering, nothing scripted, no requests kept (between tests sharing a server). */
  reset(): void;
  close(): Promise<void>;
}

export async function startTranscriptionServer(slowMs = 3000): Promise<TranscriptionServer> {
  let behaviour: TranscriptionServerBehaviour = "answer";
  let avgLogprob: number | undefined = -0.15;
  const scripted: string[] = [];
  const requests: ReceivedTranscription[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const received: ReceivedTranscription = { headers: req.headers, path: req.url ?? "", fields: {} };
        requests.push(received);
        if (req.method !== "POST" || req.url !== "/v1/audio/transcriptions") return void res.writeHead(404).end();
        const form = await new Request("http://test.invalid/", { method: "POST", headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) }).formData().catch(() => undefined);
        let seconds = 0;
        for (const [name, value] of form ?? []) {
          if (typeof value === "string") received.fields[name] = value;
          else {
            const pcm = parseWav(new Uint8Array(await value.arrayBuffer()));
            seconds = pcm.samples.length / pcm.sampleRate;
            received.file = { name: value.name, type: value.type, sampleRate: pcm.sampleRate, seconds };
          }
        }
        if (!form || !received.file) return void res.writeHead(400, { "content-type": "application/json" }).end('{"error":{"message":"file is required"}}');
        if (behaviour === "error") return void res.writeHead(500, { "content-type": "application/json" }).end('{"error":{"message":"overloaded"}}');
        if (behaviour === "malformed") return void res.writeHead(200, { "content-type": "application/json" }).end('{"task":"transcribe"}');
        if (behaviour === "not-json") return void res.writeHead(200, { "content-type": "text/html" }).end("<html>gateway</html>");
        const text = scripted.shift() ?? "";
        const body = {
          task: "transcribe",
          language: received.fields.language === "zh" ? "chinese" : "english",
          duration: seconds,
          text,
          ...(avgLogprob === undefined ? {} : { segments: [{ id: 0, start: 0, end: seconds, text, avg_logprob: avgLogprob, no_speech_prob: 0.01 }] }),
        };
        const reply = () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
        if (behaviour === "slow") setTimeout(reply, slowMs);
        else reply();
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...texts) => void scripted.push(...texts),
    behave: (next) => void (behaviour = next),
    logprob: (value) => void (avgLogprob = value),
    reset: () => {
      behaviour = "answer";
      avgLogprob = -0.15;
      scripted.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
