import { mkdtempSync, rmSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GuestTokens } from "../game-server/auth/guest-token.ts";
import { StaffSessions } from "../game-server/auth/staff-session.ts";
import { SqliteStorage } from "../game-server/storage/sqlite-storage.ts";
import type { StaffRecord } from "../game-server/storage/storage.ts";
import { startTestServer } from "../test-support/start-test-server.ts";
import { HttpError } from "./http-json.ts";
import { readCookie, RoleGuard, STAFF_COOKIE } from "./role-guard.ts";
import { DEMO_STAFF_PASSWORD } from "./seed.ts";

const SECRET = "role-guard-test-secret-value";

describe("RoleGuard.requireRole", () => {
  let dir: string;
  let storage: SqliteStorage;
  let guard: RoleGuard;
  const sessions = new StaffSessions(SECRET);
  const people: Record<string, StaffRecord> = {};
  const as = async (who: string) => ({ headers: { cookie: `theme=dark; ${STAFF_COOKIE}=${await sessions.issue({ sub: people[who]!.id, name: who, role: people[who]!.role })}` } });
  const status = (promise: Promise<unknown>) =>
    promise.then(
      () => 200,
      (error: unknown) => (error instanceof HttpError ? error.status : 500),
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "atrium-guard-"));
    storage = new SqliteStorage(join(dir, "atrium.db"));
    await storage.migrate();
    const base = { passwordHash: "scrypt$x", hallIds: [], skills: [], languages: ["en"] };
    for (const role of ["agent", "supervisor", "marketer", "admin"] as const) {
      people[role] = await storage.staff.create({ ...base, email: `${role}@test.example`, displayName: role, role, disabled: false });
    }
    people.disabledAdmin = await storage.staff.create({ ...base, email: "old@test.example", displayName: "Old", role: "admin", disabled: true });
    guard = new RoleGuard(sessions, storage.staff);
  });
  afterAll(async () => {
    await storage?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lets in exactly the roles a route names, answers 403 to other staff and 401 to everyone else", async () => {
    const customerToken = await new GuestTokens(SECRET).issue({ vid: people.admin!.id, name: "admin", role: "customer" });
    const rows: [string, { headers: { cookie?: string } }, number, number][] = [
      // who, request, requireRole(["admin"]), requireRole(["agent", "supervisor"])
      ["anonymous", { headers: {} }, 401, 401],
      ["a customer's hall token as the cookie", { headers: { cookie: `${STAFF_COOKIE}=${customerToken}` } }, 401, 401],
      ["a forged cookie", { headers: { cookie: `${STAFF_COOKIE}=${(await as("agent")).headers.cookie.split("=").at(-1)!.slice(0, -2)}xx` } }, 401, 401],
      ["agent", await as("agent"), 403, 200],
      ["supervisor", await as("supervisor"), 403, 200],
      ["marketer", await as("marketer"), 403, 403],
      ["admin", await as("admin"), 200, 403],
      ["a disabled admin", await as("disabledAdmin"), 403, 403],
    ];
    const seen = await Promise.all(rows.map(async ([who, req]) => [who, await status(guard.requireRole(req, ["admin"])), await status(guard.requireRole(req, ["agent", "supervisor"]))]));
    expect(seen).toEqual(rows.map(([who, , a, b]) => [who, a, b]));
  });

  it("reads one cookie among others", () => {
    expect(readCookie({ headers: { cookie: "a=1; atrium_staff=tok.en.x ; b=2" } }, STAFF_COOKIE)).toBe("tok.en.x");
    expect(readCookie({ headers: { cookie: "xatrium_staff=1" } }, STAFF_COOKIE)).toBeUndefined();
    expect(readCookie({ headers: {} }, STAFF_COOKIE)).toBeUndefined();
  });
});

describe("GET /api/media/stats from another machine", () => {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === "IPv4")?.address;

  it.skipIf(!address)("answers only a signed-in admin (on the machine itself, anyone)", async () => {
    const server = await startTestServer({ ATRIUM_HOST: "0.0.0.0" });
    try {
      const port = new URL(server.url).port;
      const signin = async (email: string) =>
        /atrium_staff=([^;]*)/.exec(
          (await fetch(`${server.url}/api/auth/signin`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: DEMO_STAFF_PASSWORD }) })).headers.get("set-cookie")!,
        )![1]!;
      const stats = (base: string, cookie?: string) => fetch(`${base}/api/media/stats`, { headers: cookie ? { cookie: `${STAFF_COOKIE}=${cookie}` } : {} }).then((r) => r.status);
      const remote = `http://${address}:${port}`;
      const admin = await signin("admin@atrium.example");
      const supervisor = await signin("zhang.min@nova.example");
      expect([await stats(remote), await stats(remote, supervisor), await stats(remote, admin), await stats(server.url)]).toEqual([401, 403, 200, 200]);
    } finally {
      await server.stop();
    }
  });
});
