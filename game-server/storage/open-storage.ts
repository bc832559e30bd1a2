import { PostgresStorage } from "./postgres-storage.ts";
import { SqliteStorage } from "./sqlite-storage.ts";
import type { Storage } from "./storage.ts";

export interface StorageConfig {
  /** The SQLite file, used when no database URL is given. */
  dbPath: string;
  /** A PostgreSQL URL (`ATRIUM_DATABASE_URL`); when set, data lives there instead. */
  databaseUrl?: string;
}

/** The storage the configuration names: PostgreSQL when a database URL is set, else the embedded SQLite file. Not yet migrated. */
export function openStorage(config: StorageConfig): Storage {
  return config.databaseUrl ? new PostgresStorage(config.databaseUrl) : new SqliteStorage(config.dbPath);
}
