import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { GlbStore } from "./glb-cache.ts";

/** Node only (not in the barrel): keeps generated GLBs as `<dir>/<key>.glb`. */
export function diskGlbStore(dir: string): GlbStore {
  return {
    async read(key) {
      try {
        return new Uint8Array(await readFile(join(dir, `${key}.glb`)));
      } catch {
        return undefined;
      }
    },
    async write(key, bytes) {
      await mkdir(dir, { recursive: true });
      // Write then rename, so a concurrent reader never sees half a file.
      const temporary = join(dir, `${key}.${process.pid}.tmp`);
      await writeFile(temporary, bytes);
      await rename(temporary, join(dir, `${key}.glb`));
    },
  };
}
