import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Scene } from "../../scenes/scene-format.ts";
import { syncDirectory } from "../storage/sync-directory.ts";

/** Asset ids: random, lower-case, so a URL can never name a path of our choosing. */
export const ASSET_ID = /^[a-z0-9][a-z0-9-]{5,62}$/;

export function newAssetId(): string {
  return `m-${randomBytes(9).toString("hex")}`;
}

/** Where a product model is served from; the scene stores this URL on the booth. */
export function assetModelUrl(id: string): string {
  if (!ASSET_ID.test(id)) throw new Error(`not an asset id: ${JSON.stringify(id)}`);
  return `/api/studio/assets/${id}/model.glb`;
}

/** The asset id in one of our model URLs, or undefined for any other URL. */
export function assetIdOfUrl(url: string): string | undefined {
  const match = /^\/api\/studio\/assets\/([a-z0-9-]+)\/model\.glb$/.exec(url);
  return match && ASSET_ID.test(match[1]!) ? match[1] : undefined;
}

/** The uploaded models a scene's booths show, each once, in booth order (static `/models/…` files are not assets). */
export function assetIdsOf(scene: Pick<Scene, "booths">): string[] {
  const ids = new Set<string>();
  for (const booth of scene.booths) {
    const id = booth.product.kind === "glb" ? assetIdOfUrl(booth.product.url) : undefined;
    if (id) ids.add(id);
  }
  return [...ids];
}

/**
 * The files of uploaded product models (outside public/): `<id>.glb` and `<id>.png`. Each is
 * written to a temporary name, synced, renamed and the folder synced — durable before the
 * record that names it is stored, so a crash leaves at worst an orphan file, never a dangling record.
 */
export class AssetFiles {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  async start(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  path(id: string, kind: "glb" | "png"): string {
    if (!ASSET_ID.test(id)) throw new Error(`not an asset id: ${id}`);
    return join(this.dir, `${id}.${kind}`);
  }

  async write(id: string, glb: Uint8Array, png: Uint8Array): Promise<void> {
    for (const [kind, bytes] of [["glb", glb], ["png", png]] as const) {
      const final = this.path(id, kind);
      const temp = `${final}.part`;
      const handle = await open(temp, "w");
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, final);
    }
    await syncDirectory(this.dir);
  }

  async read(id: string, kind: "glb" | "png"): Promise<Uint8Array | undefined> {
    return readFile(this.path(id, kind)).then((b) => new Uint8Array(b), () => undefined);
  }

  async remove(id: string): Promise<void> {
    await Promise.all([rm(this.path(id, "glb"), { force: true }), rm(this.path(id, "png"), { force: true })]);
  }
}
