import { AvatarParams, type AvatarParamsInput } from "./avatar-params.ts";
import { buildAvatar } from "./build-avatar.ts";
import { exportAvatarGlb } from "./export-glb.ts";

/**
 * GLB bytes per avatar params, memoised by a stable hash of the validated params (plus the
 * generator version, so a changed generator never serves stale avatars). A store (e.g. the
 * Node disk store in `glb-disk-store.ts`) can persist them between runs.
 */
export const GENERATOR_VERSION = 3;

export interface GlbStore {
  read(key: string): Promise<Uint8Array | undefined>;
  write(key: string, bytes: Uint8Array): Promise<void>;
}

export interface AvatarGlbCache {
  get(params: AvatarParamsInput): Promise<Uint8Array>;
  key(params: AvatarParamsInput): string;
}

/** Same params (in any key order, defaults spelled out or not) → same key. */
export function avatarParamsKey(input: AvatarParamsInput): string {
  const params = AvatarParams.parse(input);
  const canonical = JSON.stringify({ v: GENERATOR_VERSION, ...params }, Object.keys({ v: 0, ...params }).sort());
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < canonical.length; i++) {
    const c = canonical.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822519);
  }
  return `${(h1 >>> 0).toString(16).padStart(8, "0")}${(h2 >>> 0).toString(16).padStart(8, "0")}`;
}

export function createAvatarGlbCache(options: { store?: GlbStore; maxEntries?: number } = {}): AvatarGlbCache {
  const maxEntries = options.maxEntries ?? 64;
  const memory = new Map<string, Promise<Uint8Array>>();
  const produce = async (key: string, params: AvatarParamsInput): Promise<Uint8Array> => {
    const stored = await options.store?.read(key);
    if (stored) return stored;
    const bytes = await exportAvatarGlb(buildAvatar(params));
    await options.store?.write(key, bytes);
    return bytes;
  };
  return {
    key: avatarParamsKey,
    get(params) {
      const key = avatarParamsKey(params);
      let entry = memory.get(key);
      if (entry) {
        // Refresh recency: Map iteration order is insertion order.
        memory.delete(key);
      } else {
        entry = produce(key, params);
        entry.catch(() => memory.delete(key));
      }
      memory.set(key, entry);
      while (memory.size > maxEntries) memory.delete(memory.keys().next().value!);
      return entry;
    },
  };
}

/** Process-wide in-memory cache. */
export const avatarGlbCache = createAvatarGlbCache();
