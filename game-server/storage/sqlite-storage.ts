import type { DatabaseSync } from "node:sqlite";
import { SqliteCallQualityRepository } from "./sqlite/call-quality-repository.ts";
import { SqliteBoardRepository } from "./sqlite/board-repository.ts";
import { SqliteChatRepository } from "./sqlite/chat-repository.ts";
import { SqliteConversationRepository } from "./sqlite/conversation-repository.ts";
import { SqliteFileRepository } from "./sqlite/file-repository.ts";
import { openSqliteDatabase } from "./sqlite/database.ts";
import { SqliteHallRepository } from "./sqlite/hall-repository.ts";
import { SqliteKnowledgeRepository } from "./sqlite/knowledge-repository.ts";
import { migrateSqlite } from "./sqlite/migrations.ts";
import { SqliteSettingsRepository } from "./sqlite/settings-repository.ts";
import { SqliteSceneAssetRepository, SqliteSceneRepository } from "./sqlite/scene-repository.ts";
import { SqliteStaffRepository } from "./sqlite/staff-repository.ts";
import { SqliteTicketRepository } from "./sqlite/ticket-repository.ts";
import { SqliteVisitorRepository } from "./sqlite/visitor-repository.ts";
import type { Storage } from "./storage.ts";

/**
 * The embedded default: one SQLite file (`node:sqlite`, WAL, synchronous=FULL so that an
 * acknowledged write survives a crash), opened once and shared by one small repository per domain.
 */
export class SqliteStorage implements Storage {
  readonly kind = "sqlite";
  readonly path: string;
  readonly halls: SqliteHallRepository;
  readonly visitors: SqliteVisitorRepository;
  readonly chat: SqliteChatRepository;
  readonly boards: SqliteBoardRepository;
  readonly callQuality: SqliteCallQualityRepository;
  readonly settings: SqliteSettingsRepository;
  readonly staff: SqliteStaffRepository;
  readonly knowledge: SqliteKnowledgeRepository;
  readonly conversations: SqliteConversationRepository;
  readonly tickets: SqliteTicketRepository;
  readonly files: SqliteFileRepository;
  readonly scenes: SqliteSceneRepository;
  readonly sceneAssets: SqliteSceneAssetRepository;
  readonly #db: DatabaseSync;

  /** Opens (creating if need be) the file at `path`; call `migrate()` before using the repositories. */
  constructor(path: string) {
    this.path = path;
    const db = (this.#db = openSqliteDatabase(path));
    this.halls = new SqliteHallRepository(db);
    this.visitors = new SqliteVisitorRepository(db);
    this.chat = new SqliteChatRepository(db);
    this.boards = new SqliteBoardRepository(db);
    this.callQuality = new SqliteCallQualityRepository(db);
    this.settings = new SqliteSettingsRepository(db);
    this.staff = new SqliteStaffRepository(db);
    this.knowledge = new SqliteKnowledgeRepository(db);
    this.conversations = new SqliteConversationRepository(db);
    this.tickets = new SqliteTicketRepository(db);
    this.files = new SqliteFileRepository(db);
    this.scenes = new SqliteSceneRepository(db);
    this.sceneAssets = new SqliteSceneAssetRepository(db);
  }

  async migrate(): Promise<void> {
    migrateSqlite(this.#db);
  }

  async ping(): Promise<void> {
    this.#db.prepare("SELECT 1").get();
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}

