import type { Presence } from "@colyseus/core";
import { builtInScenes } from "../../scenes/catalog.ts";
import { loadScene } from "../../scenes/migrations.ts";
import type { Scene } from "../../scenes/scene-format.ts";
import type { Logger } from "../logging/logger.ts";
import type { SceneActor } from "../storage/scene-repository.ts";
import type { Storage } from "../storage/storage.ts";

/** What changed for the halls: a scene's live version, or which scene a hall shows. */
export type SceneChange = { sceneId: string; version: number } | { hallId: string };

/** Who stands for Atrium itself in a scene's history (the seeded showrooms). */
export const SYSTEM_ACTOR: SceneActor = { id: "system", name: "Atrium" };

const CHANNEL = "atrium:scenes";

/**
 * The published scenes customers get, by scene id, kept in memory so that a hall opens without
 * a database round trip for its scene (rooms, the hall API and the concierge ask synchronously).
 * A publish or a rollback reloads that scene here and, over the matchmaker's presence, in every
 * other process (Redis when scaled out); listeners (open hall instances) hear of it to tell their
 * visitors and to stop taking newcomers, who then get a fresh instance with the new version.
 */
export class SceneLibrary {
  readonly #storage: Pick<Storage, "scenes">;
  readonly #log: Logger;
  readonly #live = new Map<string, { version: number; scene: Scene }>();
  readonly #listeners = new Set<(change: SceneChange) => void>();
  #presence?: Presence;
  /** Our own announcements come back to us over presence (always with the local one): they are skipped by this. */
  readonly #origin = Math.random().toString(36).slice(2);

  constructor(storage: Pick<Storage, "scenes">, log: Logger) {
    this.#storage = storage;
    this.#log = log;
  }

  /** Every published scene, loaded (and migrated) once. */
  async load(): Promise<void> {
    for (const record of await this.#storage.scenes.list()) await this.#reload(record.id);
  }

  /** From now on, changes announced by other processes reach this one too. */
  listen(presence: Presence): void {
    this.#presence = presence;
    void presence.subscribe(CHANNEL, (message: { origin: string; change: SceneChange }) => {
      if (message.origin !== this.#origin) void this.#apply(message.change, false);
    });
  }

  /** The live scene with this id: the published version, else the built-in module of that id. */
  find(id: string): Scene | undefined {
    return this.#live.get(id)?.scene ?? builtInScenes.get(id);
  }

  liveVersion(id: string): number | undefined {
    return this.#live.get(id)?.version;
  }

  onChange(listener: (change: SceneChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A scene was published or rolled back, or a hall was given another scene: reload and tell everyone. */
  async changed(change: SceneChange): Promise<void> {
    await this.#apply(change, true);
  }

  async #apply(change: SceneChange, announce: boolean): Promise<void> {
    if ("sceneId" in change) await this.#reload(change.sceneId);
    if (announce && this.#presence) void this.#presence.publish(CHANNEL, { origin: this.#origin, change });
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (error) {
        this.#log.error("a scene change listener failed", { error });
      }
    }
  }

  async #reload(id: string): Promise<void> {
    const record = await this.#storage.scenes.get(id);
    if (!record || record.liveVersion === null) return;
    if (this.#live.get(id)?.version === record.liveVersion) return;
    const version = await this.#storage.scenes.version(id, record.liveVersion);
    if (!version) return;
    try {
      this.#live.set(id, { version: version.version, scene: loadScene({ ...version.document, id }) });
    } catch (error) {
      // Published versions were valid when published; one that no longer loads keeps the last good one.
      this.#log.error("a published scene does not load; the hall keeps its previous version", { sceneId: id, version: version.version, error });
    }
  }
}

/**
 * The built-in showrooms become studio scenes on first start: a draft and version 1, by
 * "Atrium". From then on they are edited like any other scene; the modules are not read again.
 */
export async function seedBuiltInScenes(storage: Pick<Storage, "scenes">): Promise<void> {
  for (const [id, scene] of builtInScenes) {
    if (await storage.scenes.get(id)) continue;
    await storage.scenes.create({ id, name: scene.name, draft: JSON.parse(JSON.stringify(scene)) as Record<string, unknown>, by: SYSTEM_ACTOR });
    await storage.scenes.publish(id, SYSTEM_ACTOR);
  }
}
