import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { GuestTokens } from "../game-server/auth/guest-token.ts";
import type { StaffRole } from "../game-server/auth/roles.ts";
import type { Logger } from "../game-server/logging/logger.ts";
import { ASSET_ID, type AssetFiles, assetIdOfUrl, assetIdsOf, assetModelUrl, newAssetId } from "../game-server/studio/asset-files.ts";
import { GlbRefused, type GlbIntake } from "../game-server/studio/glb-intake.ts";
import { intakeGlbOffThread } from "../game-server/studio/glb-intake-worker.ts";
import { ArchiveRefused, exportSceneArchive, readSceneArchive } from "../game-server/studio/scene-archive.ts";
import type { SceneLibrary } from "../game-server/studio/scene-library.ts";
import { SceneRevisionConflict, type SceneActor, type SceneRecord } from "../game-server/storage/scene-repository.ts";
import type { StaffRecord, Storage } from "../game-server/storage/storage.ts";
import { builtInScenes } from "../scenes/catalog.ts";
import { loadScene } from "../scenes/migrations.ts";
import { checkScene } from "../scenes/scene-checks.ts";
import type { Scene } from "../scenes/scene-format.ts";
import { HttpError, readBytes, readJson, sendJson } from "./http-json.ts";
import type { RoleGuard } from "./role-guard.ts";

/** Who may use the studio. */
export const STUDIO_ROLES: readonly StaffRole[] = ["marketer", "admin"];
/** How long an editing lock lasts without a renewal (the studio renews it every 10 s while open). */
export const LOCK_MS = 30_000;
const DRAFT_LIMIT = 1024 * 1024;
const GLB_LIMIT = 20 * 1024 * 1024;
const ARCHIVE_LIMIT = 100 * 1024 * 1024;

export interface StudioApiDeps {
  storage: Pick<Storage, "scenes" | "sceneAssets" | "halls">;
  roles: RoleGuard;
  library: SceneLibrary;
  assets: AssetFiles;
  /** To tell a customer's hall token (403) from no credential at all (401). */
  tokens: Pick<GuestTokens, "verify">;
  log: Logger;
  now?: () => number;
}

const SceneId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
const NewScene = z.object({
  name: z.string().trim().min(1, "a scene needs a name").max(80, "a name has at most 80 characters"),
  /** `template:<id>` starts from a built-in showroom as it shipped; a scene's id from that scene's current draft. */
  from: z.string().regex(/^(template:)?[a-z0-9][a-z0-9-]{0,62}$/, "start from a template or a scene"),
});
const DraftSave = z.object({ revision: z.number().int().positive(), draft: z.record(z.string(), z.unknown()), name: z.string().trim().min(1).max(80).optional() });
const SetLive = z.object({ version: z.number().int().positive() });
const AssignHall = z.object({ sceneId: SceneId });
const AssetMeta = z.object({
  name: z.string().trim().min(1, "a product needs a name").max(80),
  description: z.string().max(400).default(""),
  price: z.string().trim().max(40).nullable().default(null),
  kbArticleIds: z.array(z.string().regex(/^kb-[a-z0-9-]{1,60}$/)).max(8).default([]),
});

/**
 * The scene studio's API (marketers and admins; anyone else gets 403, nobody signed in 401):
 * scenes (list, create from a template or duplicate, the draft with its editing lock, publish,
 * roll back, history, preview, export / import as a zip), product models (GLB upload, checked
 * and optimised), and which scene a hall shows. Product model files themselves are public
 * (`GET /api/studio/assets/:id/model.glb|thumbnail.png`): customers' halls load them.
 */
export function createStudioApi(deps: StudioApiDeps) {
  const now = deps.now ?? Date.now;
  return async function handleStudioApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith("/api/studio/")) return false;
    const path = url.pathname.slice("/api/studio".length);
    const method = req.method ?? "GET";

    const file = /^\/assets\/([a-z0-9-]+)\/(model\.glb|thumbnail\.png)$/.exec(path);
    if (file && method === "GET") {
      await serveAssetFile(res, file[1]!, file[2] === "model.glb" ? "glb" : "png");
      return true;
    }

    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (bearer && !(await deps.roles.signedIn(req)) && (await deps.tokens.verify(bearer).catch(() => undefined))) throw new HttpError(403, "the studio is for marketers and admins");
    const staff = await deps.roles.requireRole(req, STUDIO_ROLES);
    const actor: SceneActor = { id: staff.id, name: staff.displayName };

    if (path === "/scenes" && method === "GET") {
      const [scenes, halls] = await Promise.all([deps.storage.scenes.list(), deps.storage.halls.list()]);
      sendJson(res, 200, {
        scenes: scenes.map((s) => ({ ...summary(s), halls: halls.filter((h) => h.sceneId === s.id).map((h) => ({ id: h.id, name: h.name })) })),
        templates: [...builtInScenes.values()].map((s) => ({ id: `template:${s.id}`, name: s.name })),
        halls: halls.filter((h) => mayUseHall(staff, h.id)).map((h) => ({ id: h.id, name: h.name, sceneId: h.sceneId })),
      });
      return true;
    }
    if (path === "/scenes" && method === "POST") {
      const input = parse(NewScene, await readJson(req));
      const template = input.from.startsWith("template:") ? builtInScenes.get(input.from.slice("template:".length)) : undefined;
      const source = template ? (JSON.parse(JSON.stringify(template)) as Record<string, unknown>) : (await deps.storage.scenes.get(input.from))?.draft;
      if (!source) throw new HttpError(404, `no scene or template "${input.from}"`);
      const id = await freshSceneId(input.name);
      const created = await deps.storage.scenes.create({ id, name: input.name, draft: { ...source, id, name: input.name }, by: actor });
      sendJson(res, 201, { scene: summary(created) });
      return true;
    }
    if (path === "/import" && method === "POST") {
      const bytes = await readBytes(req, ARCHIVE_LIMIT);
      let archive: ReturnType<typeof readSceneArchive>;
      try {
        archive = readSceneArchive(bytes);
      } catch (error) {
        if (error instanceof ArchiveRefused) throw new HttpError(400, error.message);
        throw error;
      }
      // Every model in the archive passes the same checks as an upload, before anything is stored.
      const intakes = [];
      for (const asset of archive.assets) intakes.push({ asset, intake: await intake(asset.glb) });
      const renamed = new Map<string, string>();
      for (const { asset, intake: model } of intakes) {
        const meta = AssetMeta.safeParse(asset.meta);
        const id = newAssetId();
        renamed.set(asset.id, id);
        await storeAsset(id, model, meta.success ? meta.data : { name: asset.id, description: "", price: null, kbArticleIds: [] }, actor);
      }
      // The archive's models get fresh ids here: its booths are pointed at them.
      const scene: Scene = {
        ...archive.scene,
        booths: archive.scene.booths.map((b) => {
          const from = b.product.kind === "glb" ? assetIdOfUrl(b.product.url) : undefined;
          return from && renamed.has(from) ? { ...b, product: { ...b.product, url: assetModelUrl(renamed.get(from)!) } } : b;
        }),
      };
      const id = await freshSceneId(archive.name);
      const created = await deps.storage.scenes.create({ id, name: archive.name, draft: { ...scene, id }, by: actor, kind: "import" });
      sendJson(res, 201, { scene: summary(created) });
      return true;
    }
    if (path === "/assets" && method === "GET") {
      sendJson(res, 200, { assets: (await deps.storage.sceneAssets.list()).map(assetView) });
      return true;
    }
    if (path === "/assets" && method === "POST") {
      const meta = parse(AssetMeta, {
        name: url.searchParams.get("name") ?? "",
        description: url.searchParams.get("description") ?? "",
        price: url.searchParams.get("price") || null,
        kbArticleIds: url.searchParams.getAll("kb"),
      });
      const model = await intake(await readBytes(req, GLB_LIMIT));
      const id = newAssetId();
      const record = await storeAsset(id, model, meta, actor);
      deps.log.info("product model uploaded", { assetId: id, by: staff.id, bytes: model.originalBytes, optimised: model.bytes, triangles: model.triangles });
      sendJson(res, 201, { asset: assetView(record), warnings: model.warnings });
      return true;
    }
    const hall = /^\/halls\/([a-z0-9-]{1,40})\/scene$/.exec(path);
    if (hall && method === "PUT") {
      const hallId = hall[1]!;
      const record = await deps.storage.halls.get(hallId);
      if (!record || !mayUseHall(staff, hallId)) throw new HttpError(404, `no hall "${hallId}"`);
      const { sceneId } = parse(AssignHall, await readJson(req));
      const scene = await deps.storage.scenes.get(sceneId);
      if (!scene) throw new HttpError(404, `no scene "${sceneId}"`);
      if (scene.liveVersion === null) throw new HttpError(409, "publish the scene before a hall can show it");
      await deps.storage.halls.put({ id: hallId, name: record.name, sceneId });
      await deps.library.changed({ hallId });
      sendJson(res, 200, { hall: { id: hallId, sceneId } });
      return true;
    }

    const one = /^\/scenes\/([a-z0-9-]{1,63})(\/[a-z]+)?$/.exec(path);
    if (!one) throw new HttpError(404, `no route ${method} ${url.pathname}`);
    const id = one[1]!;
    const action = one[2] ?? "";
    const scene = await deps.storage.scenes.get(id);
    if (!scene) throw new HttpError(404, `no scene "${id}"`);

    switch (`${method} ${action}`) {
      case "GET ": {
        const [versions, history, halls] = await Promise.all([deps.storage.scenes.versions(id), deps.storage.scenes.history(id, 50), deps.storage.halls.list()]);
        sendJson(res, 200, {
          scene: { ...summary(scene), draft: scene.draft },
          issues: issuesOf(scene.draft),
          versions: versions.map((v) => ({ version: v.version, name: v.name, publishedBy: v.publishedBy, publishedAt: v.publishedAt })),
          history,
          halls: halls.filter((h) => h.sceneId === id).map((h) => ({ id: h.id, name: h.name })),
        });
        return true;
      }
      case "PUT /draft": {
        const input = parse(DraftSave, await readJson(req, DRAFT_LIMIT));
        holdsLock(scene, staff, now());
        const valid = await validScene({ ...input.draft, id, ...(input.name ? { name: input.name } : {}) });
        try {
          const draft = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
          const saved = await deps.storage.scenes.saveDraft(id, { draft, expectedRevision: input.revision, by: actor, ...(input.name ? { name: input.name } : {}) });
          sendJson(res, 200, { scene: summary(saved), issues: checkScene(valid) });
        } catch (error) {
          if (error instanceof SceneRevisionConflict) throw new HttpError(409, `the draft changed meanwhile (revision ${error.current}); reload it`);
          throw error;
        }
        return true;
      }
      case "POST /lock": {
        const at = now();
        const lock = await deps.storage.scenes.claimLock(id, actor, new Date(at + LOCK_MS).toISOString(), new Date(at).toISOString());
        sendJson(res, 200, { lock, mine: lock?.by.id === staff.id });
        return true;
      }
      case "DELETE /lock":
        await deps.storage.scenes.releaseLock(id, staff.id);
        sendJson(res, 200, { released: true });
        return true;
      case "POST /publish": {
        holdsLock(scene, staff, now());
        const errors = issuesOf(scene.draft).filter((i) => i.severity === "error");
        if (errors.length > 0) throw new HttpError(422, `fix ${errors.length} problem${errors.length === 1 ? "" : "s"} first: ${errors.map((e) => e.message.en).join("; ")}`);
        const version = await deps.storage.scenes.publish(id, actor);
        await deps.library.changed({ sceneId: id, version: version.version });
        deps.log.info("scene published", { sceneId: id, version: version.version, by: staff.id });
        sendJson(res, 200, { version: { version: version.version, publishedAt: version.publishedAt, publishedBy: version.publishedBy } });
        return true;
      }
      case "PUT /live": {
        const { version } = parse(SetLive, await readJson(req));
        if (!(await deps.storage.scenes.version(id, version))) throw new HttpError(404, `scene "${id}" has no version ${version}`);
        const updated = await deps.storage.scenes.setLive(id, version, actor);
        await deps.library.changed({ sceneId: id, version });
        deps.log.info("scene rolled back", { sceneId: id, version, by: staff.id });
        sendJson(res, 200, { scene: summary(updated) });
        return true;
      }
      case "GET /preview": {
        // The draft as a customer would get it, and the hall to walk it in: one that shows this scene, else the first this person may use.
        const halls = (await deps.storage.halls.list()).filter((h) => mayUseHall(staff, h.id));
        const hallFor = halls.find((h) => h.sceneId === id) ?? halls[0];
        if (!hallFor) throw new HttpError(409, "there is no hall to preview in");
        sendJson(res, 200, { hall: { id: hallFor.id, name: hallFor.name }, scene: loadScene({ ...scene.draft, id }) });
        return true;
      }
      case "GET /export": {
        const assets = [];
        for (const assetId of assetIdsOf(scene.draft as unknown as Scene)) {
          const [record, glb, thumbnail] = await Promise.all([deps.storage.sceneAssets.get(assetId), deps.assets.read(assetId, "glb"), deps.assets.read(assetId, "png")]);
          if (!record || !glb) continue;
          assets.push({ id: assetId, meta: { name: record.name, description: record.description, price: record.price, kbArticleIds: record.kbArticleIds }, glb, ...(thumbnail ? { thumbnail } : {}) });
        }
        const zip = exportSceneArchive({ scene: scene.draft, name: scene.name, assets });
        res.writeHead(200, {
          "content-type": "application/zip",
          "content-length": zip.byteLength,
          "content-disposition": `attachment; filename="${id}.atrium-scene.zip"`,
          "x-content-type-options": "nosniff",
          "cache-control": "no-store",
        });
        res.end(zip);
        return true;
      }
    }
    throw new HttpError(405, `no route ${method} ${url.pathname}`);
  };

  async function serveAssetFile(res: ServerResponse, id: string, kind: "glb" | "png"): Promise<void> {
    const bytes = ASSET_ID.test(id) ? await deps.assets.read(id, kind) : undefined;
    if (!bytes) throw new HttpError(404, "no such model");
    res.writeHead(200, {
      "content-type": kind === "glb" ? "model/gltf-binary" : "image/png",
      "content-length": bytes.byteLength,
      "x-content-type-options": "nosniff",
      // An asset's bytes never change under its id.
      "cache-control": "public, max-age=31536000, immutable",
      "content-security-policy": "default-src 'none'; sandbox",
    });
    res.end(bytes);
  }

  async function intake(bytes: Uint8Array) {
    try {
      return await intakeGlbOffThread(bytes);
    } catch (error) {
      if (error instanceof GlbRefused) throw new HttpError(422, error.message);
      throw error;
    }
  }

  async function storeAsset(id: string, model: GlbIntake, meta: z.infer<typeof AssetMeta>, by: SceneActor) {
    await deps.assets.write(id, model.glb, model.thumbnailPng);
    const record = {
      id, ...meta, sha256: createHash("sha256").update(model.glb).digest("hex"), bytes: model.bytes, originalBytes: model.originalBytes, triangles: model.triangles,
      createdBy: by, createdAt: new Date(now()).toISOString(),
    };
    try {
      await deps.storage.sceneAssets.create(record);
    } catch (error) {
      await deps.assets.remove(id);
      throw error;
    }
    return record;
  }

  /** The draft as the format says, every product model one we have: else 400 and nothing stored. */
  async function validScene(draft: Record<string, unknown>): Promise<Scene> {
    let scene: Scene;
    try {
      scene = loadScene(draft);
    } catch (error) {
      throw new HttpError(400, `the scene is not valid: ${describeSceneError(error)}`);
    }
    for (const booth of scene.booths) {
      if (booth.product.kind !== "glb") continue;
      const assetId = assetIdOfUrl(booth.product.url);
      if (!assetId || !(await deps.storage.sceneAssets.get(assetId))) throw new HttpError(400, `booth "${booth.id}" uses an unknown product model (${booth.product.url})`);
    }
    return scene;
  }

  async function freshSceneId(name: string): Promise<string> {
    const base = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "scene";
    for (;;) {
      const id = `${base}-${randomBytes(3).toString("hex")}`;
      if (!(await deps.storage.scenes.get(id))) return id;
    }
  }
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HttpError(400, `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
  }
  return parsed.data;
}

function describeSceneError(error: unknown): string {
  if (error instanceof z.ZodError) return error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "scene"}: ${i.message}`).join("; ");
  return error instanceof Error ? error.message : String(error);
}

function summary(s: SceneRecord) {
  return { id: s.id, name: s.name, revision: s.revision, liveVersion: s.liveVersion, latestVersion: s.latestVersion, createdBy: s.createdBy, createdAt: s.createdAt, updatedBy: s.updatedBy, updatedAt: s.updatedAt, lock: s.lock };
}

function assetView(a: { id: string; name: string; description: string; price: string | null; kbArticleIds: string[]; bytes: number; originalBytes: number; triangles: number; createdAt: string }) {
  return { ...a, url: assetModelUrl(a.id), thumbnail: `/api/studio/assets/${a.id}/thumbnail.png` };
}

function issuesOf(draft: Record<string, unknown>) {
  try {
    return checkScene(loadScene(draft));
  } catch (error) {
    return [{ severity: "error" as const, target: "scene", code: "invalid", message: { en: describeSceneError(error), "zh-CN": `场景无效：${describeSceneError(error)}` } }];
  }
}

/** Saving or publishing needs the editing lock (someone else's, unexpired, refuses with who holds it). */
function holdsLock(scene: SceneRecord, staff: StaffRecord, now: number): void {
  const lock = scene.lock;
  if (lock && lock.by.id !== staff.id && Date.parse(lock.until) > now) throw new HttpError(423, `${lock.by.name} is editing this scene; try again when they are done`);
}

/** A marketer works on the halls their account names ([] = every hall); an admin on all. */
function mayUseHall(staff: StaffRecord, hallId: string): boolean {
  return staff.role === "admin" || staff.hallIds.length === 0 || staff.hallIds.includes(hallId);
}

