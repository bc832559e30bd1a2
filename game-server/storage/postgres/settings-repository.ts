import type pg from "pg";
import type { SettingsRepository } from "../storage.ts";

export class PostgresSettingsRepository implements SettingsRepository {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#pool.query<{ value: string }>("SELECT value FROM settings WHERE key = $1", [key])).rows[0]?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.#pool.query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value]);
  }
}
