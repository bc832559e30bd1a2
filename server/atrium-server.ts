import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { GuestTokens } from "../game-server/auth/guest-token.ts";
import { StaffSessions } from "../game-server/auth/staff-session.ts";
import { createAnswerer } from "../game-server/concierge/answering/create-answerer.ts";
import { hallBoards } from "../game-server/boards/board-service.ts";
import { exportSessionBoard } from "./board-export.ts";
import { conciergeServices } from "../game-server/concierge/concierge-service.ts";
import { hostColyseus, type ColyseusHost } from "../game-server/colyseus-host.ts";
import type { Logger } from "../game-server/logging/logger.ts";
import { INTEREST_EVERYONE, INTEREST_MANAGED } from "../game-server/hall/interest.ts";
import { openStorage } from "../game-server/storage/open-storage.ts";
import type { Storage } from "../game-server/storage/storage.ts";
import { MediaHub } from "../sfu/media-hub.ts";
import { hallQueues } from "../game-server/service/hall-queue.ts";
import { ServiceDesk } from "../game-server/service/service-desk.ts";
import { hallAssist } from "../game-server/assist/assist-hub.ts";
import { CallRecorder } from "../game-server/assist/recording/call-recorder.ts";
import { purgeExpiredRecordings, recordingPath } from "../game-server/assist/recording/recording-retention.ts";
import { createRecognizer, describeRecognizer } from "../game-server/assist/recognition/create-recognizer.ts";
import { PocketsphinxRecognizer } from "../game-server/assist/recognition/pocketsphinx-recognizer.ts";
import type { Recognizer } from "../game-server/assist/recognition/recognizer.ts";
import { ServiceFiles } from "../game-server/service/service-files.ts";
import { avatarDirFor } from "./avatar-api.ts";
import type { Config } from "./config.ts";
import { createApi } from "./http-api.ts";
import { seedDemoHalls, seedDemoStaff } from "./seed.ts";
import { AssetFiles } from "../game-server/studio/asset-files.ts";
import { SceneLibrary, seedBuiltInScenes } from "../game-server/studio/scene-library.ts";
import { loadScene } from "../scenes/migrations.ts";

export type PageHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface AtriumServerOptions {
  config: Config;
  log: Logger;
  /** Renders pages (Next.js). Without it, only the API, health and Colyseus answer. */
  pages?: PageHandler;
  /** Next's dev server needs its own WebSocket upgrades (hot reload). */
  pageUpgrades?: UpgradeHandler;
}

/** The whole product in one process: HTTP (pages + REST), Colyseus rooms and the SFU. */
export class AtriumServer {
  readonly #options: AtriumServerOptions;
  #http?: Server;
  #storage?: Storage;
  #media?: MediaHub;
  #colyseus?: ColyseusHost;
  #desk?: ServiceDesk;
  #recognizer?: Recognizer;
  #purgeTimer?: ReturnType<typeof setInterval>;

  constructor(options: AtriumServerOptions) {
    this.#options = options;
  }

  get url(): string {
    const address = this.#http?.address() as AddressInfo | null;
    if (!address) throw new Error("server is not listening");
    return `http://127.0.0.1:${address.port}`;
  }

  /** The running SFU (for operators' tools and tests that add server participants to a hall). */
  get media(): MediaHub {
    if (!this.#media) throw new Error("server is not started");
    return this.#media;
  }

  async start(): Promise<void> {
    const { config, log, pages, pageUpgrades } = this.#options;
    const storage = (this.#storage = openStorage(config));
    await storage.migrate();
    await seedDemoHalls(storage);
    await seedDemoStaff(storage, config.demoStaff);
    // The studio's scenes: the showrooms become editable scenes once; halls show their published versions.
    await seedBuiltInScenes(storage);
    const scenes = new SceneLibrary(storage, log.child({ part: "studio" }));
    await scenes.load();
    const findScene = (id: string) => scenes.find(id);
    const assetFiles = new AssetFiles(join(dirname(config.files.dir), "assets"));
    await assetFiles.start();
    const secret = config.secret ?? (await persistentSecret(storage));
    const tokens = new GuestTokens(secret);
    const staffSessions = new StaffSessions(secret);

    const media = (this.#media = new MediaHub(
      { ...config.sfu, logLevel: "warn" },
      {
        onWorkerReplaced: (pid, error) => log.error("mediasoup worker died and was replaced", { pid, error }),
        onError: (message, error) => log.error(message, { error }),
      },
    ));
    await media.start();
    log.info("sfu started", { workers: media.health().workers.map((w) => w.pid) });

    // The service desk: every hall's queue, the agents on duty, their sessions with customers.
    const desk = (this.#desk = new ServiceDesk({ storage, log: log.child({ part: "desk" }), routing: config.desk }));
    desk.start();
    // Files of its sessions (config.files.dir, outside public/): uploads, and what Atrium attaches itself (desk.files).
    const files = new ServiceFiles({ storage, desk, ...config.files, log: log.child({ part: "files" }) });
    await files.start();
    desk.files = files;
    // A session's whiteboard goes onto its ticket (SVG and PNG) when the session ends.
    const boardLog = log.child({ part: "boards" });
    desk.onSessionEnded((contact) => {
      const session = { hallId: contact.hallId, contactId: contact.id, ticketId: contact.ticketId, ticketNumber: contact.ticketNumber };
      const attach = (file: { name: string; mime: string; bytes: Uint8Array }) => files.attachGeneratedFile({ ...file, ticketId: contact.ticketId, senderName: "Whiteboard" });
      exportSessionBoard({ storage, attach, log: boardLog }, session).catch((error: unknown) => boardLog.error("could not put the session's whiteboard on its ticket", { contactId: contact.id, error }));
    });

    // Live assist: transcription (pocketsphinx offline, or an OpenAI-compatible endpoint), analytics, quality
    // rules and, where the deployment opts in, recordings (beside the files: data/recordings).
    const assistLog = log.child({ part: "assist" });
    const { recognizer, offReason } = makeRecognizer(config);
    this.#recognizer = recognizer;
    assistLog.info("live assist", { speech: config.assist.transcribe ? describeRecognizer(config.assist.recognizer) : "off", offReason, recording: config.assist.record });
    const recordingsDir = join(dirname(config.files.dir), "recordings");
    if (config.assist.record) {
      const purge = () =>
        purgeExpiredRecordings(recordingsDir, config.assist.recordingDays)
          .then((n) => n > 0 && assistLog.info("recordings past their retention period deleted", { count: n, days: config.assist.recordingDays }))
          .catch((error: unknown) => assistLog.error("could not purge old recordings", { error }));
      void purge();
      this.#purgeTimer = setInterval(purge, 6 * 3600_000);
      this.#purgeTimer.unref();
    }
    const assist = hallAssist({
      storage,
      ...(recognizer ? { recognizer } : { offReason }),
      ...(config.assist.record
        ? {
            recording: {
              open: (contactId: string, ticketId: string) => new CallRecorder({ path: recordingPath(recordingsDir, ticketId, contactId), title: `Atrium call ${contactId}` }),
              keep: async (contactId: string) => ({ contactId }),
            },
          }
        : {}),
      ...(config.llm ? { llm: config.llm } : {}),
      dispositions: async (hallId) => (await desk.config(hallId)).dispositions,
      log: assistLog,
    });

    const http = (this.#http = createServer());
    const colyseus = (this.#colyseus = await hostColyseus(http, {
      storage,
      tokens,
      media,
      log: log.child({ part: "hall" }),
      findScene,
      scenes,
      previewScene: async (sceneId: string) => {
        const record = await storage.scenes.get(sceneId);
        return record ? loadScene({ ...record.draft, id: sceneId }) : undefined;
      },
      capacity: config.hallCapacity,
      interest: config.interest === "everyone" ? INTEREST_EVERYONE : INTEREST_MANAGED,
    }, [
      // One concierge per open hall: retrieval over its knowledge base, or the configured LLM over the same articles.
      conciergeServices({
        storage,
        findScene,
        answererFor: (articles) => createAnswerer({ llm: config.llm }, articles, (reason) => log.warn("the concierge's LLM failed; answered by retrieval", { reason })),
      }),
      hallQueues(desk),
      // One set of whiteboards per open hall, shared by its instances.
      hallBoards(storage.boards),
      // Live assist per open hall: its knowledge base as background, the quality rules, the recognizer.
      assist,
    ]));
    scenes.listen(colyseus.presence);
    const api = createApi({
      storage, tokens, staffSessions, media, log, findScene, roomCount: colyseus.roomCount, halls: colyseus.halls, desk, files, avatarDir: avatarDirFor(config.dbPath), recordingsDir,
      studio: { library: scenes, assets: assetFiles },
    });

    http.on("request", (req, res) => {
      colyseus.handleHttp(req, res, () => {
        api(req, res)
          .then(async (handled) => {
            if (handled) return;
            if (pages) return pages(req, res);
            res.writeHead(404, { "content-type": "text/plain" }).end("not found");
          })
          .catch((error: unknown) => {
            log.error("request failed", { url: req.url, error });
            if (!res.headersSent) res.writeHead(500).end();
          });
      });
    });
    if (pageUpgrades) {
      http.on("upgrade", (req, socket, head) => {
        if ((req.url ?? "").startsWith("/_next")) pageUpgrades(req, socket, head);
      });
    }

    await new Promise<void>((resolve, reject) => {
      http.once("error", reject);
      http.listen(config.port, config.host, () => {
        http.off("error", reject);
        resolve();
      });
    });
    log.info("atrium listening", { url: this.url, db: config.dbPath });
  }

  /** Closes rooms (telling clients), media and storage, in that order, so no write is cut short. */
  async stop(): Promise<void> {
    await this.#colyseus?.shutdown();
    this.#desk?.close();
    if (this.#purgeTimer) clearInterval(this.#purgeTimer);
    await this.#recognizer?.close();
    await this.#media?.close();
    if (this.#http) {
      this.#http.closeAllConnections();
      await new Promise<void>((resolve) => this.#http!.close(() => resolve()));
    }
    await this.#storage?.close();
  }
}

/** Tokens must stay valid across restarts, so a generated secret is stored with the data. */
async function persistentSecret(storage: Storage): Promise<string> {
  const existing = await storage.settings.get("token-secret");
  if (existing) return existing;
  const secret = randomBytes(32).toString("base64url");
  await storage.settings.set("token-secret", secret);
  return secret;
}

/** The recognizer live assist uses: an OpenAI-compatible endpoint when configured, else pocketsphinx (offline, English). */
function makeRecognizer(config: Config): { recognizer?: Recognizer; offReason?: string } {
  if (!config.assist.transcribe) return { offReason: "transcription is turned off (ATRIUM_TRANSCRIBE=0)" };
  const chosen = config.assist.recognizer;
  const missing = chosen.kind === "pocketsphinx" ? PocketsphinxRecognizer.unavailable(chosen.pocketsphinx.binary) : undefined;
  if (missing) return { offReason: `${missing}; run 'npm run setup', or set ATRIUM_ASR_URL` };
  return { recognizer: createRecognizer(chosen) };
}
