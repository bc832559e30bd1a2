import type pg from "pg";
import { PostgresCallQualityRepository } from "./postgres/call-quality-repository.ts";
import { PostgresBoardRepository } from "./postgres/board-repository.ts";
import { PostgresChatRepository } from "./postgres/chat-repository.ts";
import { PostgresConversationRepository } from "./postgres/conversation-repository.ts";
import { PostgresFileRepository } from "./postgres/file-repository.ts";
import { openPostgresPool } from "./postgres/database.ts";
import { PostgresHallRepository } from "./postgres/hall-repository.ts";
import { PostgresKnowledgeRepository } from "./postgres/knowledge-repository.ts";
import { migratePostgres } from "./postgres/migrations.ts";
import { PostgresSettingsRepository } from "./postgres/settings-repository.ts";
import { PostgresSceneAssetRepository, PostgresSceneRepository } from "./postgres/scene-repository.ts";
import { PostgresStaffRepository } from "./postgres/staff-repository.ts";
import { PostgresTicketRepository } from "./postgres/ticket-repository.ts";
import { PostgresVisitorRepository } from "./postgres/visitor-repository.ts";
import type { Storage } from "./storage.ts";

/**
 * Storage for deployments: a PostgreSQL database (`ATRIUM_DATABASE_URL`), reached through a
 * connection pool shared by one small repository per domain. Several Atrium servers may share
 * it. A write resolves only once PostgreSQL has committed it (`synchronous_commit = on`: the
 * commit is flushed to the WAL on disk first), so an acknowledged write survives a crash.
 */
export class PostgresStorage implements Storage {
  readonly kind = "postgres";
  readonly halls: PostgresHallRepository;
  readonly visitors: PostgresVisitorRepository;
  readonly chat: PostgresChatRepository;
  readonly boards: PostgresBoardRepository;
  readonly callQuality: PostgresCallQualityRepository;
  readonly settings: PostgresSettingsRepository;
  readonly staff: PostgresStaffRepository;
  readonly knowledge: PostgresKnowledgeRepository;
  readonly conversations: PostgresConversationRepository;
  readonly tickets: PostgresTicketRepository;
  readonly files: PostgresFileRepository;
  readonly scenes: PostgresSceneRepository;
  readonly sceneAssets: PostgresSceneAssetRepository;
  readonly #pool: pg.Pool;
  #closed = false;

  /** Connects lazily (the first query opens a connection); call `migrate()` before using the repositories. */
  constructor(connectionString: string, options: { maxConnections?: number } = {}) {
    const pool = (this.#pool = openPostgresPool(connectionString, options.maxConnections));
    this.halls = new PostgresHallRepository(pool);
    this.visitors = new PostgresVisitorRepository(pool);
    this.chat = new PostgresChatRepository(pool);
    this.boards = new PostgresBoardRepository(pool);
    this.callQuality = new PostgresCallQualityRepository(pool);
    this.settings = new PostgresSettingsRepository(pool);
    this.staff = new PostgresStaffRepository(pool);
    this.knowledge = new PostgresKnowledgeRepository(pool);
    this.conversations = new PostgresConversationRepository(pool);
    this.tickets = new PostgresTicketRepository(pool);
    this.files = new PostgresFileRepository(pool);
    this.scenes = new PostgresSceneRepository(pool);
    this.sceneAssets = new PostgresSceneAssetRepository(pool);
  }

  async migrate(): Promise<void> {
    await migratePostgres(this.#pool);
  }

  async ping(): Promise<void> {
    if (this.#closed) throw new Error("storage is closed");
    await this.#pool.query("SELECT 1");
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}
