import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAvatar } from "../avatars/build-avatar.ts";
import { exportAvatarGlb } from "../avatars/export-glb.ts";
import { PRESETS } from "../avatars/presets.ts";
import { startTestServer, type TestServer } from "../test-support/start-test-server.ts";
import { UPLOADS_PER_WINDOW } from "./avatar-api.ts";

let server: TestServer;
let glb: Uint8Array;
let avatarDir: string;

const post = (body: Uint8Array | string, type = "model/gltf-binary") =>
  fetch(`${server.url}/api/avatars`, { method: "POST", headers: { "content-type": type }, body: typeof body === "string" ? body : new Uint8Array(body) });

beforeAll(async () => {
  [server, glb] = await Promise.all([startTestServer(), exportAvatarGlb(buildAvatar(PRESETS.sofia))]);
  avatarDir = join(dirname(server.dbPath), "avatars");
});

afterAll(async () => {
  await server?.stop();
});

describe("POST /api/avatars", () => {
  it("stores a valid GLB under its SHA-256 and serves it back with immutable caching", async () => {
    const response = await post(glb);
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; warnings: string[] };
    const sha = createHash("sha256").update(glb).digest("hex");
    expect(body).toMatchObject({ id: sha, warnings: [] });
    expect(readFileSync(join(avatarDir, `${sha}.glb`)).equals(Buffer.from(glb))).toBe(true);
    expect(readdirSync(avatarDir).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    const served = await fetch(`${server.url}/api/avatars/${sha}.glb`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("model/gltf-binary");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(glb))).toBe(true);

    const revalidated = await fetch(`${server.url}/api/avatars/${sha}.glb`, { headers: { "if-none-match": served.headers.get("etag")! } });
    expect(revalidated.status).toBe(304);
  });

  it("answers the same id for the same file uploaded twice", async () => {
    const [a, b] = await Promise.all([post(glb), post(glb)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(((await a.json()) as { id: string }).id).toBe(((await b.json()) as { id: string }).id);
    expect(readdirSync(avatarDir).filter((f) => f.endsWith(".glb"))).toHaveLength(1);
  });

  it("refuses an invalid GLB with the validator's message, storing nothing", async () => {
    const before = readdirSync(avatarDir).length;
    const response = await post(new TextEncoder().encode("definitely not a model"));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/^This is not a GLB file/);
    expect(readdirSync(avatarDir)).toHaveLength(before);
  });

  it("refuses a body that is not a GLB upload at all", async () => {
    const response = await post(JSON.stringify({ glb: "…" }), "application/json");
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: string }).error).toMatch(/\.glb/);
  });

  it("refuses a body over 8 MB when it says so up front", async () => {
    const response = await post(new Uint8Array(8 * 1024 * 1024 + 1));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/larger than 8 MB/);
  });

  it("refuses an oversized body streamed without a length, before reading all of it", async () => {
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    // 64 MB offered; the server must answer long before it has all of it. It answers 413 and
    // then closes the socket, so a client still writing may see the reset before it reads the
    // answer (TCP drops unread data on a reset): either way, it was stopped early.
    const status = await new Promise<number | "reset">((resolve, reject) => {
      const req = request(`${server.url}/api/avatars`, { method: "POST", headers: { "content-type": "model/gltf-binary", "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? resolve("reset") : reject(error)));
      const pump = (): void => {
        while (sent < 64) {
          sent++;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
    expect([413, "reset"]).toContain(status);
    expect(sent).toBeLessThan(64);
  });

  it("answers 404 for an avatar that was never uploaded, and ignores malformed ids", async () => {
    const missing = await fetch(`${server.url}/api/avatars/${"0".repeat(64)}.glb`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toBe("no such avatar");
    const traversal = await fetch(`${server.url}/api/avatars/..%2F..%2Fatrium.db`);
    expect(traversal.status).toBe(404);
    expect(existsSync(server.dbPath)).toBe(true);
  });

  it("limits how many uploads one address can make, without affecting downloads", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= UPLOADS_PER_WINDOW && !statuses.includes(429); i++) statuses.push((await post("not a model")).status);
    expect(statuses.at(-1)).toBe(429);
    expect(new Set(statuses.slice(0, -1))).toEqual(new Set([400]));
    const refused = await post(glb);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: string }).error).toMatch(/Too many uploads/);
    const sha = createHash("sha256").update(glb).digest("hex");
    expect((await fetch(`${server.url}/api/avatars/${sha}.glb`)).status).toBe(200);
  });
});
