import type pg from "pg";
import {
  SAVE_COALESCE_MS, SceneRevisionConflict,
  type SceneActor, type SceneAssetRecord, type SceneAssetRepository, type SceneHistoryEntry, type SceneHistoryKind, type SceneRecord, type SceneRepository, type SceneVersionRecord,
} from "../scene-repository.ts";
import { StorageConflict } from "../storage.ts";
import { inTransaction, iso } from "./database.ts";

interface SceneRow {
  id: string; name: string; draft: Record<string, unknown>; revision: number; live_version: number | null; latest_version: number;
  created_by: string; created_by_name: string; created_at: Date; updated_by: string; updated_by_name: string; updated_at: Date;
  lock_by: string | null; lock_by_name: string | null; lock_until: Date | null;
}
interface VersionRow { scene_id: string; version: number; name: string; document: Record<string, unknown>; published_by: string; published_by_name: string; published_at: Date }
interface HistoryRow { scene_id: string; seq: string; kind: SceneHistoryKind; revision: number | null; version: number | null; by_id: string; by_name: string; at: Date }
interface AssetRow {
  id: string; name: string; description: string; price: string | null; kb_article_ids: string[]; sha256: string; bytes: string; original_bytes: string;
  triangles: number; created_by: string; created_by_name: string; created_at: Date;
}

const toScene = (r: SceneRow): SceneRecord => ({
  id: r.id, name: r.name, draft: r.draft, revision: r.revision, liveVersion: r.live_version, latestVersion: r.latest_version,
  createdBy: { id: r.created_by, name: r.created_by_name }, createdAt: iso(r.created_at), updatedBy: { id: r.updated_by, name: r.updated_by_name }, updatedAt: iso(r.updated_at),
  lock: r.lock_by && r.lock_until ? { by: { id: r.lock_by, name: r.lock_by_name ?? "" }, until: iso(r.lock_until) } : null,
});
const toVersion = (r: VersionRow): SceneVersionRecord => ({
  sceneId: r.scene_id, version: r.version, name: r.name, document: r.document, publishedBy: { id: r.published_by, name: r.published_by_name }, publishedAt: iso(r.published_at),
});
const toHistory = (r: HistoryRow): SceneHistoryEntry => ({
  sceneId: r.scene_id, seq: Number(r.seq), kind: r.kind, revision: r.revision, version: r.version, by: { id: r.by_id, name: r.by_name }, at: iso(r.at),
});
const toAsset = (r: AssetRow): SceneAssetRecord => ({
  id: r.id, name: r.name, description: r.description, price: r.price, kbArticleIds: r.kb_article_ids, sha256: r.sha256, bytes: Number(r.bytes),
  originalBytes: Number(r.original_bytes), triangles: r.triangles, createdBy: { id: r.created_by, name: r.created_by_name }, createdAt: iso(r.created_at),
});

type Db = pg.Pool | pg.PoolClient;

export class PostgresSceneRepository implements SceneRepository {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async list(): Promise<SceneRecord[]> {
    return (await this.#pool.query<SceneRow>("SELECT * FROM scenes ORDER BY seq")).rows.map(toScene);
  }

  async get(id: string): Promise<SceneRecord | undefined> {
    const row = (await this.#pool.query<SceneRow>("SELECT * FROM scenes WHERE id = $1", [id])).rows[0];
    return row && toScene(row);
  }

  async create(input: { id: string; name: string; draft: Record<string, unknown>; by: SceneActor; kind?: "create" | "import" }): Promise<SceneRecord> {
    const at = new Date();
    await inTransaction(this.#pool, async (db) => {
      const inserted = await db.query(
        `INSERT INTO scenes (id, name, draft, revision, live_version, latest_version, created_by, created_by_name, created_at, updated_by, updated_by_name, updated_at)
         VALUES ($1, $2, $3, 1, NULL, 0, $4, $5, $6, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
        [input.id, input.name, JSON.stringify(input.draft), input.by.id, input.by.name, at],
      );
      if (inserted.rowCount === 0) throw new StorageConflict(`a scene "${input.id}" exists`);
      await history(db, input.id, input.kind ?? "create", 1, null, input.by, at, input.draft);
    });
    return (await this.get(input.id))!;
  }

  async saveDraft(id: string, input: { draft: Record<string, unknown>; name?: string; expectedRevision: number; by: SceneActor }): Promise<SceneRecord> {
    const at = new Date();
    await inTransaction(this.#pool, async (db) => {
      const row = (await db.query<{ revision: number; name: string }>("SELECT revision, name FROM scenes WHERE id = $1 FOR UPDATE", [id])).rows[0];
      if (!row) throw new Error(`no scene "${id}"`);
      if (row.revision !== input.expectedRevision) throw new SceneRevisionConflict(row.revision);
      const revision = row.revision + 1;
      const draft = JSON.stringify(input.draft);
      await db.query("UPDATE scenes SET draft = $1, name = $2, revision = $3, updated_by = $4, updated_by_name = $5, updated_at = $6 WHERE id = $7", [
        draft, input.name ?? row.name, revision, input.by.id, input.by.name, at, id,
      ]);
      const last = (await db.query<{ seq: string; kind: string; by_id: string; at: Date }>("SELECT seq, kind, by_id, at FROM scene_history WHERE scene_id = $1 ORDER BY seq DESC LIMIT 1", [id])).rows[0];
      if (last && last.kind === "save" && last.by_id === input.by.id && at.getTime() - last.at.getTime() < SAVE_COALESCE_MS) {
        await db.query("UPDATE scene_history SET revision = $1, document = $2 WHERE seq = $3", [revision, draft, last.seq]);
      } else {
        await history(db, id, "save", revision, null, input.by, at, input.draft);
      }
    });
    return (await this.get(id))!;
  }

  async publish(id: string, by: SceneActor): Promise<SceneVersionRecord> {
    const at = new Date();
    const version = await inTransaction(this.#pool, async (db) => {
      const row = (await db.query<SceneRow>("SELECT * FROM scenes WHERE id = $1 FOR UPDATE", [id])).rows[0];
      if (!row) throw new Error(`no scene "${id}"`);
      const next = row.latest_version + 1;
      await db.query("INSERT INTO scene_versions (scene_id, version, name, document, published_by, published_by_name, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7)", [
        id, next, row.name, JSON.stringify(row.draft), by.id, by.name, at,
      ]);
      await db.query("UPDATE scenes SET live_version = $1, latest_version = $1 WHERE id = $2", [next, id]);
      await history(db, id, "publish", row.revision, next, by, at, null);
      return next;
    });
    return (await this.version(id, version))!;
  }

  async setLive(id: string, version: number, by: SceneActor): Promise<SceneRecord> {
    await inTransaction(this.#pool, async (db) => {
      const found = await db.query("SELECT 1 FROM scene_versions WHERE scene_id = $1 AND version = $2", [id, version]);
      if (found.rowCount === 0) throw new Error(`scene "${id}" has no version ${version}`);
      await db.query("UPDATE scenes SET live_version = $1 WHERE id = $2", [version, id]);
      await history(db, id, "rollback", null, version, by, new Date(), null);
    });
    return (await this.get(id))!;
  }

  async versions(id: string): Promise<SceneVersionRecord[]> {
    return (await this.#pool.query<VersionRow>("SELECT * FROM scene_versions WHERE scene_id = $1 ORDER BY version", [id])).rows.map(toVersion);
  }

  async version(id: string, version: number): Promise<SceneVersionRecord | undefined> {
    const row = (await this.#pool.query<VersionRow>("SELECT * FROM scene_versions WHERE scene_id = $1 AND version = $2", [id, version])).rows[0];
    return row && toVersion(row);
  }

  async history(id: string, limit: number): Promise<SceneHistoryEntry[]> {
    const { rows } = await this.#pool.query<HistoryRow>(
      "SELECT scene_id, seq, kind, revision, version, by_id, by_name, at FROM scene_history WHERE scene_id = $1 ORDER BY seq DESC LIMIT $2", [id, limit],
    );
    return rows.map(toHistory);
  }

  async claimLock(id: string, by: SceneActor, until: string, now: string): Promise<SceneRecord["lock"]> {
    await this.#pool.query(
      "UPDATE scenes SET lock_by = $1, lock_by_name = $2, lock_until = $3 WHERE id = $4 AND (lock_by IS NULL OR lock_by = $1 OR lock_until <= $5)",
      [by.id, by.name, until, id, now],
    );
    return (await this.get(id))?.lock ?? null;
  }

  async releaseLock(id: string, byId: string): Promise<void> {
    await this.#pool.query("UPDATE scenes SET lock_by = NULL, lock_by_name = NULL, lock_until = NULL WHERE id = $1 AND lock_by = $2", [id, byId]);
  }
}

async function history(db: Db, id: string, kind: SceneHistoryKind, revision: number | null, version: number | null, by: SceneActor, at: Date, document: Record<string, unknown> | null): Promise<void> {
  await db.query("INSERT INTO scene_history (scene_id, kind, revision, version, by_id, by_name, at, document) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", [
    id, kind, revision, version, by.id, by.name, at, document ? JSON.stringify(document) : null,
  ]);
}

export class PostgresSceneAssetRepository implements SceneAssetRepository {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async create(a: SceneAssetRecord): Promise<void> {
    const inserted = await this.#pool.query(
      `INSERT INTO scene_assets (id, name, description, price, kb_article_ids, sha256, bytes, original_bytes, triangles, created_by, created_by_name, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING`,
      [a.id, a.name, a.description, a.price, JSON.stringify(a.kbArticleIds), a.sha256, a.bytes, a.originalBytes, a.triangles, a.createdBy.id, a.createdBy.name, a.createdAt],
    );
    if (inserted.rowCount === 0) throw new StorageConflict(`an asset "${a.id}" exists`);
  }

  async get(id: string): Promise<SceneAssetRecord | undefined> {
    const row = (await this.#pool.query<AssetRow>("SELECT * FROM scene_assets WHERE id = $1", [id])).rows[0];
    return row && toAsset(row);
  }

  async list(): Promise<SceneAssetRecord[]> {
    return (await this.#pool.query<AssetRow>("SELECT * FROM scene_assets ORDER BY seq DESC")).rows.map(toAsset);
  }
}
