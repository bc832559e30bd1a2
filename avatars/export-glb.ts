import type { Object3D } from "three";
import { GLTFExporter } from "three/examples/jsm/exporters/GLTFExporter.js";
import { sparsifyMorphTargets } from "./sparse-morph-targets.ts";

/**
 * Serialises an avatar (from `buildAvatar`) to GLB bytes in the browser or in Node. The
 * exporter reads its Blob through `FileReader`, which Node lacks; a minimal stand-in is
 * installed only then, and only when an export actually runs.
 */
export async function exportAvatarGlb(avatar: Object3D): Promise<Uint8Array> {
  ensureFileReader();
  const exporter = new GLTFExporter();
  const result = await exporter.parseAsync(avatar, { binary: true, onlyVisible: false });
  if (!(result instanceof ArrayBuffer)) throw new Error("GLTFExporter returned JSON instead of a GLB");
  return sparsifyMorphTargets(new Uint8Array(result));
}

type ReaderCallback = ((this: unknown) => void) | null;

function ensureFileReader(): void {
  if (typeof globalThis.FileReader !== "undefined") return;
  class BlobReader {
    result: ArrayBuffer | string | null = null;
    onloadend: ReaderCallback = null;
    onload: ReaderCallback = null;
    readAsArrayBuffer(blob: Blob): void {
      void blob.arrayBuffer().then((buffer) => this.finish(buffer));
    }
    readAsDataURL(blob: Blob): void {
      void blob.arrayBuffer().then((buffer) => {
        this.finish(`data:${blob.type || "application/octet-stream"};base64,${Buffer.from(buffer).toString("base64")}`);
      });
    }
    private finish(result: ArrayBuffer | string): void {
      this.result = result;
      this.onload?.call(this);
      this.onloadend?.call(this);
    }
  }
  (globalThis as { FileReader?: unknown }).FileReader = BlobReader;
}
