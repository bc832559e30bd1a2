import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { resolve } from "node:path";

/**
 * A loopback HTTP server for looking at generated avatars in a browser (dev scripts and
 * screenshots): `/` is the given page, `/glb/<name>.glb` the avatars, `/three/…` three.js from
 * node_modules (nothing from outside). Resolves once it listens, with its port.
 */
export async function startGlbPreviewServer(page: string, glbs: ReadonlyMap<string, Uint8Array>): Promise<{ server: Server; port: number }> {
  const threeRoot = resolve("node_modules/three");
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    try {
      if (url.pathname === "/") {
        res.writeHead(200, { "content-type": "text/html" }).end(page);
      } else if (url.pathname.startsWith("/glb/")) {
        const bytes = glbs.get(url.pathname.slice(5).replace(/\.glb$/, ""));
        if (!bytes) throw new Error("no such avatar");
        res.writeHead(200, { "content-type": "model/gltf-binary" }).end(bytes);
      } else if (url.pathname.startsWith("/three/")) {
        const file = resolve(threeRoot, url.pathname.slice(7));
        if (!file.startsWith(threeRoot)) throw new Error("outside three");
        res.writeHead(200, { "content-type": "text/javascript" }).end(readFileSync(file));
      } else {
        res.writeHead(404).end();
      }
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  return { server, port: typeof address === "object" && address ? address.port : 0 };
}
