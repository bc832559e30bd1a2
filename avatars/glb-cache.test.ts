import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { avatarParamsKey, createAvatarGlbCache } from "./glb-cache.ts";
import { diskGlbStore } from "./glb-disk-store.ts";
import { PRESETS } from "./presets.ts";

const dir = mkdtempSync(join(tmpdir(), "avatar-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("avatar GLB cache", () => {
  it("keys params stably regardless of key order or spelled-out defaults", () => {
    const { eyeColor, casualTop, ...rest } = PRESETS.lena;
    const reordered = Object.fromEntries(Object.entries(PRESETS.lena).reverse()) as typeof PRESETS.lena;
    expect(avatarParamsKey(reordered)).toBe(avatarParamsKey(PRESETS.lena));
    expect(avatarParamsKey({ ...rest, casualTop })).toBe(avatarParamsKey({ ...rest, casualTop, eyeColor: "#5a3b22" }));
    expect(avatarParamsKey({ ...rest, casualTop, eyeColor })).not.toBe(avatarParamsKey(PRESETS.kenji));
  });

  it("memoises in memory and persists to disk", async () => {
    const cache = createAvatarGlbCache({ store: diskGlbStore(dir) });
    const first = await cache.get(PRESETS.priya);
    expect(await cache.get(PRESETS.priya)).toBe(first);
    expect(readdirSync(dir)).toEqual([`${cache.key(PRESETS.priya)}.glb`]);
    const fresh = createAvatarGlbCache({ store: diskGlbStore(dir) });
    expect(Buffer.from(await fresh.get(PRESETS.priya)).equals(Buffer.from(first))).toBe(true);
  });
});
