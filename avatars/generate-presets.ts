/**
 * Writes every preset as a GLB, for looking at them in any glTF viewer:
 *   node avatars/generate-presets.ts [outDir=test-results/avatars]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildAvatar } from "./build-avatar.ts";
import { exportAvatarGlb } from "./export-glb.ts";
import { PRESETS, PRESET_NAMES } from "./presets.ts";

const outDir = resolve(process.argv[2] ?? "test-results/avatars");
mkdirSync(outDir, { recursive: true });
for (const name of PRESET_NAMES) {
  const glb = await exportAvatarGlb(buildAvatar(PRESETS[name]));
  const file = join(outDir, `${name}.glb`);
  writeFileSync(file, glb);
  console.warn(`${file}  ${(glb.byteLength / 1024).toFixed(0)} KiB`);
}
