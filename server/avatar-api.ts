import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { AVATAR_GLB_LIMITS, validateAvatarGlb } from "../avatars/avatar-glb-validator.ts";
import { HttpError, sendJson } from "./http-json.ts";

/**
 * Visitors' own avatar files: `POST /api/avatars` takes a GLB body, checks it with the same
 * validator the lobby runs, and stores it content-addressed (`<sha256>.glb`) so the id in an
 * avatar choice names exactly one file forever; `GET /api/avatars/<sha256>.glb` serves it with
 * immutable caching. A file is written to a temp name, fsynced and renamed before the 201, so
 * an id that was handed out is never missing or half-written after a crash.
 */
export interface AvatarApiDeps {
  /** Where uploaded GLBs live: `avatarDirFor(config.dbPath)`. */
  avatarDir: string;
}

/** Beside the database, so one data directory holds everything to back up. */
export function avatarDirFor(dbPath: string): string {
  return dbPath === ":memory:" ? join(tmpdir(), "atrium-avatars") : join(dirname(dbPath), "avatars");
}

const GLB_PATH = /^\/api\/avatars\/([0-9a-f]{64})\.glb$/;
/**
 * Uploads need no session (the lobby comes first), so each address gets a budget: enough for
 * someone trying a few exports, not for filling the disk (20 × 8 MB per 10 minutes at most).
 */
export const UPLOADS_PER_WINDOW = 20;
const UPLOAD_WINDOW_MS = 10 * 60_000;
/** Recent upload times per address, per server (keyed by its deps object). */
const recentUploads = new WeakMap<AvatarApiDeps, Map<string, number[]>>();
const ACCEPTED_TYPES = ["model/gltf-binary", "application/octet-stream"];

/** Answers the avatar routes; false when the request is not one of them. */
export async function handleAvatarApi(req: IncomingMessage, res: ServerResponse, url: URL, deps: AvatarApiDeps): Promise<boolean> {
  if (url.pathname === "/api/avatars" && req.method === "POST") {
    takeUploadSlot(deps, req.socket.remoteAddress ?? "unknown", res);
    await upload(req, res, deps.avatarDir);
    return true;
  }
  const match = GLB_PATH.exec(url.pathname);
  if (match && (req.method === "GET" || req.method === "HEAD")) {
    await serve(req, res, deps.avatarDir, match[1]!);
    return true;
  }
  return false;
}

function takeUploadSlot(deps: AvatarApiDeps, address: string, res: ServerResponse): void {
  let byAddress = recentUploads.get(deps);
  if (!byAddress) recentUploads.set(deps, (byAddress = new Map()));
  const now = Date.now();
  const recent = (byAddress.get(address) ?? []).filter((t) => now - t < UPLOAD_WINDOW_MS);
  if (recent.length >= UPLOADS_PER_WINDOW) {
    res.setHeader("retry-after", String(Math.ceil((recent[0]! + UPLOAD_WINDOW_MS - now) / 1000)));
    res.setHeader("connection", "close"); // the body is not read
    throw new HttpError(429, "Too many uploads from here; try again in a few minutes.");
  }
  recent.push(now);
  byAddress.set(address, recent);
  // Forget quiet addresses so the map does not grow without bound.
  if (byAddress.size > 10_000) for (const [a, times] of byAddress) if (times.every((t) => now - t >= UPLOAD_WINDOW_MS)) byAddress.delete(a);
}

async function upload(req: IncomingMessage, res: ServerResponse, dir: string): Promise<void> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (!ACCEPTED_TYPES.includes(type)) throw new HttpError(415, "Send the avatar as a .glb file (content-type model/gltf-binary).");
  const bytes = await readLimited(req, res, AVATAR_GLB_LIMITS.maxBytes);
  const report = validateAvatarGlb(bytes);
  if (!report.ok) {
    sendJson(res, 400, { error: report.errors.join(" "), errors: report.errors, warnings: report.warnings });
    return;
  }
  const id = createHash("sha256").update(bytes).digest("hex");
  await storeDurably(dir, `${id}.glb`, bytes);
  sendJson(res, 201, { id, warnings: report.warnings, stats: report.stats });
}

/**
 * Buffers the body up to `limit` bytes. Past the limit it answers 413 at once and stops
 * keeping data; the connection is closed after the answer so an oversized upload cannot keep
 * streaming into the server.
 */
async function readLimited(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Uint8Array> {
  const tooLarge = `The file is larger than ${limit / (1024 * 1024)} MB, the limit for avatars.`;
  if (Number(req.headers["content-length"] ?? 0) > limit) refuseOversized(req, res, tooLarge);
  return new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.off("end", onEnd);
        try {
          refuseOversized(req, res, tooLarge);
        } catch (error) {
          reject(error as Error);
        }
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => resolve(new Uint8Array(Buffer.concat(chunks)));
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("error", reject);
  });
}

/** Throws the 413 with `connection: close`, and drops the socket once the answer is out. */
function refuseOversized(req: IncomingMessage, res: ServerResponse, message: string): never {
  res.setHeader("connection", "close");
  res.once("finish", () => {
    // Let the client read the answer before the rest of its upload is refused at the socket.
    req.resume();
    setTimeout(() => req.socket.destroy(), 2000).unref();
  });
  throw new HttpError(413, message);
}

async function storeDurably(dir: string, name: string, bytes: Uint8Array): Promise<void> {
  const target = join(dir, name);
  if (await exists(target)) return; // content-addressed: the same bytes are already safe on disk
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${name}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const file = await open(temp, "wx", 0o644);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // The rename itself is durable only once the directory entry is on disk.
  const directory = await open(dir, "r");
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

async function serve(req: IncomingMessage, res: ServerResponse, dir: string, id: string): Promise<void> {
  const path = join(dir, `${id}.glb`);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new HttpError(404, "no such avatar");
  const etag = `"${id}"`;
  const headers = {
    "content-type": "model/gltf-binary",
    "cache-control": "public, max-age=31536000, immutable",
    etag,
    "x-content-type-options": "nosniff",
  };
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, "content-length": info.size });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  // A visitor who leaves mid-download is not an error worth a 500.
  await pipeline(createReadStream(path), res).catch(() => res.destroy());
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
