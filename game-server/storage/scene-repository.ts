/** Who did something in the studio: a staff id and the name shown in history. */
export interface SceneActor {
  id: string;
  name: string;
}

/**
 * A scene as the studio keeps it: one editable draft (a scene document of any stored format
 * version — migrated when loaded) and a pointer to the published version customers get. A
 * published version is a separate, immutable row; the draft moves on without touching it.
 */
export interface SceneRecord {
  id: string;
  name: string;
  draft: Record<string, unknown>;
  /** 1 on create, +1 on every saved draft: a save names the revision it edited (optimistic concurrency). */
  revision: number;
  /** The version customers get, or null while it was never published. */
  liveVersion: number | null;
  /** The highest version ever published (a rollback lowers `liveVersion`, not this). */
  latestVersion: number;
  createdBy: SceneActor;
  createdAt: string;
  updatedBy: SceneActor;
  updatedAt: string;
  /** The editing lock: one marketer edits a draft at a time; others see who and until when. */
  lock: { by: SceneActor; until: string } | null;
}

export interface SceneVersionRecord {
  sceneId: string;
  version: number;
  name: string;
  document: Record<string, unknown>;
  publishedBy: SceneActor;
  publishedAt: string;
}

export type SceneHistoryKind = "create" | "import" | "save" | "publish" | "rollback";

/** One attributed change; saves carry the draft as it was then. */
export interface SceneHistoryEntry {
  sceneId: string;
  seq: number;
  kind: SceneHistoryKind;
  revision: number | null;
  version: number | null;
  by: SceneActor;
  at: string;
}

/** A save that named a revision other than the draft's current one: somebody else saved in between. */
export class SceneRevisionConflict extends Error {
  override readonly name = "SceneRevisionConflict";
  readonly current: number;
  constructor(current: number) {
    super(`the draft is at revision ${current}`);
    this.current = current;
  }
}

/**
 * A save by the same person within this many ms of their last recorded save replaces that
 * history entry instead of adding one: autosave writes every few seconds, and an hour of
 * editing should leave minutes in the history, not a thousand copies of the hall.
 */
export const SAVE_COALESCE_MS = 60_000;

export interface SceneRepository {
  /** Every scene, oldest first. */
  list(): Promise<SceneRecord[]>;
  get(id: string): Promise<SceneRecord | undefined>;
  /** A new scene with its first draft (revision 1); `StorageConflict` if the id is taken. */
  create(input: { id: string; name: string; draft: Record<string, unknown>; by: SceneActor; kind?: "create" | "import" }): Promise<SceneRecord>;
  /** Replaces the draft if it is still at `expectedRevision` (else `SceneRevisionConflict`, nothing stored). */
  saveDraft(id: string, input: { draft: Record<string, unknown>; name?: string; expectedRevision: number; by: SceneActor }): Promise<SceneRecord>;
  /** Copies the current draft into the next version and makes it live, in one transaction. */
  publish(id: string, by: SceneActor): Promise<SceneVersionRecord>;
  /** Makes an earlier (or later) published version live again. */
  setLive(id: string, version: number, by: SceneActor): Promise<SceneRecord>;
  versions(id: string): Promise<SceneVersionRecord[]>;
  version(id: string, version: number): Promise<SceneVersionRecord | undefined>;
  /** Newest first, at most `limit`. */
  history(id: string, limit: number): Promise<SceneHistoryEntry[]>;
  /**
   * Takes or renews the editing lock until `until` unless someone else holds one that has not
   * expired at `now`; returns the lock as it stands afterwards (check `lock.by.id`).
   */
  claimLock(id: string, by: SceneActor, until: string, now: string): Promise<SceneRecord["lock"]>;
  /** Lets go of the lock if `byId` holds it. */
  releaseLock(id: string, byId: string): Promise<void>;
}

/** A product model uploaded to the studio; the optimised GLB and its thumbnail are files named by `id`. */
export interface SceneAssetRecord {
  id: string;
  name: string;
  description: string;
  /** Free text as shown ("¥4,999", "from $899"); null for none. */
  price: string | null;
  kbArticleIds: string[];
  sha256: string;
  bytes: number;
  originalBytes: number;
  triangles: number;
  createdBy: SceneActor;
  createdAt: string;
}

export interface SceneAssetRepository {
  /** Stores a new asset; `StorageConflict` if the id is taken. */
  create(asset: SceneAssetRecord): Promise<void>;
  get(id: string): Promise<SceneAssetRecord | undefined>;
  /** Newest first. */
  list(): Promise<SceneAssetRecord[]>;
}
