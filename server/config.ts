import { cpus } from "node:os";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { recognizerConfigFromEnv, type RecognizerConfig } from "../game-server/assist/recognition/create-recognizer.ts";

/** Every setting Atrium reads, with its environment variable and default. Read once, at start. */
const Env = z.object({
  ATRIUM_HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  ATRIUM_DB_PATH: z.string().default("data/atrium.db"),
  ATRIUM_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").optional(),
  ATRIUM_SECRET: z.string().min(16).optional(),
  ATRIUM_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  ATRIUM_RTC_LISTEN_IP: z.string().default("127.0.0.1"),
  ATRIUM_RTC_ANNOUNCED_ADDRESS: z.string().optional(),
  ATRIUM_RTC_MIN_PORT: z.coerce.number().int().min(1024).max(65535).default(40000),
  ATRIUM_RTC_MAX_PORT: z.coerce.number().int().min(1024).max(65535).default(40999),
  ATRIUM_SFU_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  ATRIUM_SFU_CONSUMERS_PER_WORKER: z.coerce.number().int().min(1).max(100_000).default(500),
  ATRIUM_HALL_CAPACITY: z.coerce.number().int().min(2).max(2000).default(200),
  ATRIUM_INTEREST: z.enum(["managed", "everyone"]).default("managed"),
  ATRIUM_DEV: z.enum(["0", "1"]).default("0"),
  ATRIUM_LLM_URL: z.string().regex(/^https?:\/\//, "must be an http(s):// URL").optional(),
  ATRIUM_LLM_MODEL: z.string().min(1).optional(),
  ATRIUM_LLM_KEY: z.string().min(1).optional(),
  ATRIUM_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(4000),
  ATRIUM_OFFER_SECONDS: z.coerce.number().min(1).max(600).default(20),
  ATRIUM_AFTER_CALL_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  ATRIUM_QUEUE_CAP: z.coerce.number().int().min(1).max(10_000).default(50),
  ATRIUM_FILE_MAX_MB: z.coerce.number().gt(0).max(1024).default(20),
  ATRIUM_FILES_DIR: z.string().min(1).optional(),
  ATRIUM_TRANSCRIBE: z.enum(["0", "1"]).default("1"),
  ATRIUM_RECORD_CALLS: z.enum(["0", "1"]).default("0"),
  ATRIUM_RECORDING_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  NODE_ENV: z.string().optional(),
  ATRIUM_DEMO_STAFF: z.enum(["0", "1"]).optional(),
});

export interface Config {
  host: string;
  port: number;
  dbPath: string;
  /** PostgreSQL URL: when set, data lives there instead of in the SQLite file at `dbPath`. */
  databaseUrl?: string;
  secret?: string;
  logLevel: "debug" | "info" | "warn" | "error";
  dev: boolean;
  /** Seed the demo staff accounts (documented passwords): never in production unless the operator asks. */
  demoStaff: boolean;
  hallCapacity: number;
  /** "managed": movements by distance and head count; "everyone": all to all (the benchmark baseline). */
  interest: "managed" | "everyone";
  /** The concierge's OpenAI-compatible model (`ATRIUM_LLM_*`); absent, it answers by retrieval alone. */
  llm?: { url: string; model: string; key?: string; timeoutMs: number };
  /** The service desk: how long an offer waits for the agent, after-call work, waiting customers per hall. */
  desk: { offerTimeoutMs: number; afterCallMs: number; queueCap: number };
  /** Files exchanged in service sessions: where they are kept (outside public/) and the largest taken, in bytes. */
  files: { dir: string; maxBytes: number };
  /**
   * Live assist: transcription (on by default: the embedded recognizer, or an OpenAI-compatible one at `asr.url`),
   * and the recording of service calls (off unless the deployment opts in; kept `recordingDays`).
   */
  assist: { transcribe: boolean; recognizer: RecognizerConfig; record: boolean; recordingDays: number };
  sfu: {
    workers: number;
    listenIp: string;
    announcedAddress?: string;
    rtcMinPort: number;
    rtcMaxPort: number;
    /** Consumers per worker before a hall's new listeners are served from another worker. */
    consumersPerWorker: number;
  };
}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  if (e.ATRIUM_RTC_MIN_PORT > e.ATRIUM_RTC_MAX_PORT) throw new Error("invalid configuration: ATRIUM_RTC_MIN_PORT is above ATRIUM_RTC_MAX_PORT");
  if (e.ATRIUM_LLM_URL && !e.ATRIUM_LLM_MODEL) throw new Error("invalid configuration: ATRIUM_LLM_URL is set but ATRIUM_LLM_MODEL is not");
  return {
    host: e.ATRIUM_HOST,
    port: e.PORT,
    dbPath: e.ATRIUM_DB_PATH === ":memory:" ? e.ATRIUM_DB_PATH : resolve(e.ATRIUM_DB_PATH),
    databaseUrl: e.ATRIUM_DATABASE_URL,
    secret: e.ATRIUM_SECRET,
    logLevel: e.ATRIUM_LOG_LEVEL,
    dev: e.ATRIUM_DEV === "1",
    demoStaff: e.ATRIUM_DEMO_STAFF ? e.ATRIUM_DEMO_STAFF === "1" : e.NODE_ENV !== "production",
    hallCapacity: e.ATRIUM_HALL_CAPACITY,
    interest: e.ATRIUM_INTEREST,
    llm:
      e.ATRIUM_LLM_URL && e.ATRIUM_LLM_MODEL
        ? { url: e.ATRIUM_LLM_URL, model: e.ATRIUM_LLM_MODEL, key: e.ATRIUM_LLM_KEY, timeoutMs: e.ATRIUM_LLM_TIMEOUT_MS }
        : undefined,
    desk: { offerTimeoutMs: e.ATRIUM_OFFER_SECONDS * 1000, afterCallMs: e.ATRIUM_AFTER_CALL_SECONDS * 1000, queueCap: e.ATRIUM_QUEUE_CAP },
    // Beside the database by default (data/files), so one data folder holds everything to back up.
    files: { dir: resolve(e.ATRIUM_FILES_DIR ?? filesDirFor(e.ATRIUM_DB_PATH)), maxBytes: Math.round(e.ATRIUM_FILE_MAX_MB * 1024 * 1024) },
    assist: {
      transcribe: e.ATRIUM_TRANSCRIBE === "1",
      // ATRIUM_ASR_* are read where the recognizers are (their own checks and defaults).
      recognizer: recognizerConfigFromEnv(env),
      record: e.ATRIUM_RECORD_CALLS === "1",
      recordingDays: e.ATRIUM_RECORDING_DAYS,
    },
    sfu: {
      workers: e.ATRIUM_SFU_WORKERS ?? Math.max(1, cpus().length),
      listenIp: e.ATRIUM_RTC_LISTEN_IP,
      announcedAddress: e.ATRIUM_RTC_ANNOUNCED_ADDRESS,
      rtcMinPort: e.ATRIUM_RTC_MIN_PORT,
      rtcMaxPort: e.ATRIUM_RTC_MAX_PORT,
      consumersPerWorker: e.ATRIUM_SFU_CONSUMERS_PER_WORKER,
    },
  };
}

/** Where session files live when `ATRIUM_FILES_DIR` is not set: `files/` beside the SQLite file (`data/files`). */
function filesDirFor(dbPath: string): string {
  return dbPath === ":memory:" ? join(tmpdir(), "atrium-files") : join(dirname(dbPath), "files");
}
