import type { DatabaseSync } from "node:sqlite";
import {
  SAVE_COALESCE_MS, SceneRevisionConflict,
  type SceneActor, type SceneAssetRecord, type SceneAssetRepository, type SceneHistoryEntry, type SceneHistoryKind, type SceneRecord, type SceneRepository, type SceneVersionRecord,
} from "../scene-repository.ts";
import { StorageConflict } from "../storage.ts";
import { inTransaction } from "./database.ts";

interface SceneRow {
  id: string; name: string; draft: string; revision: number; live_version: number | null; latest_version: number;
  created_by: string; created_by_name: string; created_at: string; updated_by: string; updated_by_name: string; updated_at: string;
  lock_by: string | null; lock_by_name: string | null; lock_until: string | null;
}
interface VersionRow { scene_id: string; version: number; name: string; document: string; published_by: string; published_by_name: string; published_at: string }
interface HistoryRow { scene_id: string; seq: number; kind: SceneHistoryKind; revision: number | null; version: number | null; by_id: string; by_name: string; at: string }
interface AssetRow {
  id: string; name: string; description: string; price: string | null; kb_article_ids: string; sha256: string; bytes: number; original_bytes: number;
  triangles: number; created_by: string; created_by_name: string; created_at: string;
}

const toScene = (r: SceneRow): SceneRecord => ({
  id: r.id, name: r.name, draft: JSON.parse(r.draft), revision: r.revision, liveVersion: r.live_version, latestVersion: r.latest_version,
  createdBy: { id: r.created_by, name: r.created_by_name }, createdAt: r.created_at, updatedBy: { id: r.updated_by, name: r.updated_by_name }, updatedAt: r.updated_at,
  lock: r.lock_by && r.lock_until ? { by: { id: r.lock_by, name: r.lock_by_name ?? "" }, until: r.lock_until } : null,
});
const toVersion = (r: VersionRow): SceneVersionRecord => ({
  sceneId: r.scene_id, version: r.version, name: r.name, document: JSON.parse(r.document), publishedBy: { id: r.published_by, name: r.published_by_name }, publishedAt: r.published_at,
});
const toHistory = (r: HistoryRow): SceneHistoryEntry => ({ sceneId: r.scene_id, seq: r.seq, kind: r.kind, revision: r.revision, version: r.version, by: { id: r.by_id, name: r.by_name }, at: r.at });
const toAsset = (r: AssetRow): SceneAssetRecord => ({
  id: r.id, name: r.name, description: r.description, price: r.price, kbArticleIds: JSON.parse(r.kb_article_ids), sha256: r.sha256, bytes: r.bytes,
  originalBytes: r.original_bytes, triangles: r.triangles, createdBy: { id: r.created_by, name: r.created_by_name }, createdAt: r.created_at,
});

export class SqliteSceneRepository implements SceneRepository {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async list(): Promise<SceneRecord[]> {
    return (this.#db.prepare("SELECT * FROM scenes ORDER BY seq").all() as unknown as SceneRow[]).map(toScene);
  }

  async get(id: string): Promise<SceneRecord | undefined> {
    const row = this.#db.prepare("SELECT * FROM scenes WHERE id = ?").get(id) as SceneRow | undefined;
    return row && toScene(row);
  }

  async create(input: { id: string; name: string; draft: Record<string, unknown>; by: SceneActor; kind?: "create" | "import" }): Promise<SceneRecord> {
    const at = new Date().toISOString();
    inTransaction(this.#db, () => {
      if (this.#db.prepare("SELECT 1 FROM scenes WHERE id = ?").get(input.id)) throw new StorageConflict(`a scene "${input.id}" exists`);
      this.#db
        .prepare(`INSERT INTO scenes (id, name, draft, revision, live_version, latest_version, created_by, created_by_name, created_at, updated_by, updated_by_name, updated_at)
                  VALUES (?, ?, ?, 1, NULL, 0, ?, ?, ?, ?, ?, ?)`)
        .run(input.id, input.name, JSON.stringify(input.draft), input.by.id, input.by.name, at, input.by.id, input.by.name, at);
      this.#history(input.id, input.kind ?? "create", 1, null, input.by, at, input.draft);
    });
    return (await this.get(input.id))!;
  }

  async saveDraft(id: string, input: { draft: Record<string, unknown>; name?: string; expectedRevision: number; by: SceneActor }): Promise<SceneRecord> {
    const at = new Date();
    inTransaction(this.#db, () => {
      const row = this.#db.prepare("SELECT revision, name FROM scenes WHERE id = ?").get(id) as { revision: number; name: string } | undefined;
      if (!row) throw new Error(`no scene "${id}"`);
      if (row.revision !== input.expectedRevision) throw new SceneRevisionConflict(row.revision);
      const revision = row.revision + 1;
      const draft = JSON.stringify(input.draft);
      this.#db
        .prepare("UPDATE scenes SET draft = ?, name = ?, revision = ?, updated_by = ?, updated_by_name = ?, updated_at = ? WHERE id = ?")
        .run(draft, input.name ?? row.name, revision, input.by.id, input.by.name, at.toISOString(), id);
      const last = this.#db.prepare("SELECT seq, kind, by_id, at FROM scene_history WHERE scene_id = ? ORDER BY seq DESC LIMIT 1").get(id) as
        { seq: number; kind: string; by_id: string; at: string } | undefined;
      if (last && last.kind === "save" && last.by_id === input.by.id && at.getTime() - Date.parse(last.at) < SAVE_COALESCE_MS) {
        this.#db.prepare("UPDATE scene_history SET revision = ?, document = ? WHERE scene_id = ? AND seq = ?").run(revision, draft, id, last.seq);
      } else {
        this.#history(id, "save", revision, null, input.by, at.toISOString(), input.draft);
      }
    });
    return (await this.get(id))!;
  }

  async publish(id: string, by: SceneActor): Promise<SceneVersionRecord> {
    const at = new Date().toISOString();
    const version = inTransaction(this.#db, () => {
      const row = this.#db.prepare("SELECT * FROM scenes WHERE id = ?").get(id) as SceneRow | undefined;
      if (!row) throw new Error(`no scene "${id}"`);
      const next = row.latest_version + 1;
      this.#db
        .prepare("INSERT INTO scene_versions (scene_id, version, name, document, published_by, published_by_name, published_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .run(id, next, row.name, row.draft, by.id, by.name, at);
      this.#db.prepare("UPDATE scenes SET live_version = ?, latest_version = ? WHERE id = ?").run(next, next, id);
      this.#history(id, "publish", row.revision, next, by, at, null);
      return next;
    });
    return (await this.version(id, version))!;
  }

  async setLive(id: string, version: number, by: SceneActor): Promise<SceneRecord> {
    const at = new Date().toISOString();
    inTransaction(this.#db, () => {
      if (!this.#db.prepare("SELECT 1 FROM scene_versions WHERE scene_id = ? AND version = ?").get(id, version)) throw new Error(`scene "${id}" has no version ${version}`);
      this.#db.prepare("UPDATE scenes SET live_version = ? WHERE id = ?").run(version, id);
      this.#history(id, "rollback", null, version, by, at, null);
    });
    return (await this.get(id))!;
  }

  async versions(id: string): Promise<SceneVersionRecord[]> {
    return (this.#db.prepare("SELECT * FROM scene_versions WHERE scene_id = ? ORDER BY version").all(id) as unknown as VersionRow[]).map(toVersion);
  }

  async version(id: string, version: number): Promise<SceneVersionRecord | undefined> {
    const row = this.#db.prepare("SELECT * FROM scene_versions WHERE scene_id = ? AND version = ?").get(id, version) as VersionRow | undefined;
    return row && toVersion(row);
  }

  async history(id: string, limit: number): Promise<SceneHistoryEntry[]> {
    return (this.#db.prepare("SELECT scene_id, seq, kind, revision, version, by_id, by_name, at FROM scene_history WHERE scene_id = ? ORDER BY seq DESC LIMIT ?").all(id, limit) as unknown as HistoryRow[]).map(toHistory);
  }

  async claimLock(id: string, by: SceneActor, until: string, now: string): Promise<SceneRecord["lock"]> {
    inTransaction(this.#db, () => {
      this.#db
        .prepare("UPDATE scenes SET lock_by = ?, lock_by_name = ?, lock_until = ? WHERE id = ? AND (lock_by IS NULL OR lock_by = ? OR lock_until <= ?)")
        .run(by.id, by.name, until, id, by.id, now);
    });
    return (await this.get(id))?.lock ?? null;
  }

  async releaseLock(id: string, byId: string): Promise<void> {
    this.#db.prepare("UPDATE scenes SET lock_by = NULL, lock_by_name = NULL, lock_until = NULL WHERE id = ? AND lock_by = ?").run(id, byId);
  }

  #history(id: string, kind: SceneHistoryKind, revision: number | null, version: number | null, by: SceneActor, at: string, document: Record<string, unknown> | null): void {
    this.#db
      .prepare("INSERT INTO scene_history (scene_id, kind, revision, version, by_id, by_name, at, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run(id, kind, revision, version, by.id, by.name, at, document ? JSON.stringify(document) : null);
  }
}

export class SqliteSceneAssetRepository implements SceneAssetRepository {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async create(a: SceneAssetRecord): Promise<void> {
    inTransaction(this.#db, () => {
      if (this.#db.prepare("SELECT 1 FROM scene_assets WHERE id = ?").get(a.id)) throw new StorageConflict(`an asset "${a.id}" exists`);
      this.#db
        .prepare(`INSERT INTO scene_assets (id, name, description, price, kb_article_ids, sha256, bytes, original_bytes, triangles, created_by, created_by_name, created_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(a.id, a.name, a.description, a.price, JSON.stringify(a.kbArticleIds), a.sha256, a.bytes, a.originalBytes, a.triangles, a.createdBy.id, a.createdBy.name, a.createdAt);
    });
  }

  async get(id: string): Promise<SceneAssetRecord | undefined> {
    const row = this.#db.prepare("SELECT * FROM scene_assets WHERE id = ?").get(id) as AssetRow | undefined;
    return row && toAsset(row);
  }

  async list(): Promise<SceneAssetRecord[]> {
    return (this.#db.prepare("SELECT * FROM scene_assets ORDER BY seq DESC").all() as unknown as AssetRow[]).map(toAsset);
  }
}
