import { Client } from "@colyseus/sdk";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GuestTokens } from "../game-server/auth/guest-token.ts";
import { hashPassword } from "../game-server/auth/password.ts";
import { StaffSessions } from "../game-server/auth/staff-session.ts";
import type { HallState } from "../game-server/protocol/index.ts";
import { SqliteStorage } from "../game-server/storage/sqlite-storage.ts";
import type { StaffRecord } from "../game-server/storage/storage.ts";
import { until } from "../test-support/hall-visit.ts";
import { startTestServer, type TestServer } from "../test-support/start-test-server.ts";
import { handleAuthApi, LOCKOUT_MS, MAX_FAILED_SIGNINS, WRONG_CREDENTIALS } from "./auth-api.ts";
import { HttpError, sendJson } from "./http-json.ts";
import { RoleGuard, STAFF_COOKIE } from "./role-guard.ts";
import { DEMO_STAFF_PASSWORD, demoStaff } from "./seed.ts";

const json = { "content-type": "application/json" };
const emailOf = (role: string, hall = "demo") => demoStaff.find((s) => s.role === role && (role === "admin" || s.hallIds.includes(hall)))!.email;
const cookieFrom = (response: Response) => /atrium_staff=([^;]*)/.exec(response.headers.get("set-cookie") ?? "")?.[1];
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;

describe("auth routes over the real server: role × action", () => {
  let server: TestServer;
  const post = (path: string, body: unknown, cookie?: string) =>
    fetch(`${server.url}${path}`, { method: "POST", headers: { ...json, ...(cookie ? { cookie: `${STAFF_COOKIE}=${cookie}` } : {}) }, body: JSON.stringify(body) });
  const me = (cookie?: string) => fetch(`${server.url}/api/auth/me`, { headers: cookie ? { cookie: `${STAFF_COOKIE}=${cookie}` } : {} });

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Who asks: their sign-in credentials, and what each route answers them. */
  const table = [
    { who: "anonymous", email: "nobody@nowhere.example", signin: 401, me: 401, hallRole: "customer" },
    { who: "customer", email: "customer@nowhere.example", signin: 401, me: 401, hallRole: "customer" },
    { who: "agent", email: emailOf("agent"), signin: 200, me: 200, hallRole: "agent" },
    { who: "supervisor", email: emailOf("supervisor", "bank"), signin: 200, me: 200, hallRole: "supervisor" },
    { who: "marketer", email: emailOf("marketer"), signin: 200, me: 200, hallRole: "marketer" },
    { who: "admin", email: emailOf("admin"), signin: 200, me: 200, hallRole: "admin" },
  ] as const;

  for (const row of table) {
    it(`${row.who}: signin ${row.signin}, me ${row.me}, session → ${row.hallRole}, signout 200`, async () => {
      const signin = await post("/api/auth/signin", { email: row.email, password: DEMO_STAFF_PASSWORD });
      expect(signin.status).toBe(row.signin);
      // A customer's only credential is their hall token; as a sign-in cookie it counts for nothing.
      const customerToken = row.who === "customer" ? ((await (await post("/api/session", { name: "Ada" })).json()) as { token: string }).token : undefined;
      const cookie = row.signin === 200 ? cookieFrom(signin) : customerToken;
      if (row.signin === 200) {
        expect(signin.headers.get("set-cookie")).toMatch(/^atrium_staff=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
        const { user } = (await signin.json()) as { user: Record<string, unknown> };
        expect(user).toMatchObject({ role: row.hallRole, name: expect.any(String), hallIds: expect.any(Array), skills: expect.any(Array), languages: expect.any(Array) });
        expect(Object.keys(user).sort()).toEqual(["hallIds", "id", "languages", "name", "role", "skills"]);
      } else {
        expect(await signin.json()).toEqual({ error: WRONG_CREDENTIALS });
        expect(signin.headers.get("set-cookie")).toBeNull();
      }

      const who = await me(cookie);
      expect(who.status).toBe(row.me);
      if (row.me === 200) expect(((await who.json()) as { user: { role: string } }).user.role).toBe(row.hallRole);

      // The hall token: a staff member's role and name only with their cookie, whatever name the form sent.
      const session = await post("/api/session", { name: "Mallory" }, cookie);
      expect(session.status).toBe(201);
      const { token, visitor } = (await session.json()) as { token: string; visitor: { name: string; role: string } };
      expect(claimsOf(token)).toMatchObject({ role: row.hallRole, aud: "atrium:hall", iss: "atrium" });
      expect(visitor.role).toBe(row.hallRole);
      if (row.hallRole === "customer") expect(visitor.name).toBe("Mallory");
      else expect(visitor.name).not.toBe("Mallory");

      const signout = await post("/api/auth/signout", {}, cookie);
      expect(signout.status).toBe(200);
      expect(signout.headers.get("set-cookie")).toMatch(/^atrium_staff=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0$/);
    });
  }

  it("a customer cannot become staff by any field of the session request", async () => {
    const response = await post("/api/session", { name: "Eve", role: "admin", vid: "x" });
    expect(response.status).toBe(201);
    expect(claimsOf(((await response.json()) as { token: string }).token).role).toBe("customer");
  });

  it("an agent's hall token puts them in the hall as an agent, under their own name", async () => {
    const cookie = cookieFrom(await post("/api/auth/signin", { email: emailOf("agent", "bank"), password: DEMO_STAFF_PASSWORD }))!;
    const { token } = (await (await post("/api/session", { name: "Whatever" }, cookie)).json()) as { token: string };
    const room = await new Client(server.url).joinOrCreate<HallState>("hall", { hallId: "bank", token });
    try {
      await until(() => room.state?.visitors?.get(room.sessionId) !== undefined);
      const self = room.state.visitors.get(room.sessionId)!;
      expect({ role: self.role, name: self.name }).toEqual({ role: "agent", name: "Chen Jing" });
    } finally {
      await room.leave();
    }
  });

  it("refuses a hall join with a forged token", async () => {
    const { token } = (await (await post("/api/session", { name: "Eve" })).json()) as { token: string };
    const [h, , s] = token.split(".");
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claimsOf(token), role: "agent" })).toString("base64url")}.${s}`;
    await expect(new Client(server.url).joinOrCreate("hall", { hallId: "demo", token: forged })).rejects.toThrow(/signature/);
  });

  it("answers bad sign-in input with a clear 4xx and sets no cookie", async () => {
    const cases: [RequestInit, number, RegExp][] = [
      [{ method: "POST", headers: json, body: JSON.stringify({ email: "a@b.example" }) }, 400, /password/],
      [{ method: "POST", headers: json, body: JSON.stringify({ email: "not an email", password: "x" }) }, 400, /email/],
      [{ method: "POST", headers: json, body: "{" }, 400, /JSON/],
      [{ method: "POST", headers: { "content-type": "text/plain" }, body: "email=a" }, 415, /json/],
      [{ method: "POST", headers: json, body: JSON.stringify({ email: "a@b.example", password: "x".repeat(5000) }) }, 413, /larger/],
      [{ method: "GET" }, 405, /no route/],
    ];
    for (const [init, status, message] of cases) {
      const response = await fetch(`${server.url}/api/auth/signin`, init);
      expect(response.status, JSON.stringify(init.body ?? init.method)).toBe(status);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
      expect(response.headers.get("set-cookie")).toBeNull();
    }
  });

  it("marks the cookie Secure when the request came over https (through a proxy)", async () => {
    const response = await fetch(`${server.url}/api/auth/signin`, {
      method: "POST",
      headers: { ...json, "x-forwarded-proto": "https" },
      body: JSON.stringify({ email: emailOf("marketer", "bank"), password: DEMO_STAFF_PASSWORD }),
    });
    expect(response.headers.get("set-cookie")).toMatch(/; Secure$/);
  });
});

describe("sign-in lockout, disabled accounts and expiry (real SQLite, a clock the test moves)", () => {
  let dir: string;
  let storage: SqliteStorage;
  let http: Server;
  let url: string;
  let clock = Date.parse("2026-12-06T09:00:00Z");
  let lin: StaffRecord;
  const PASSWORD = "correct horse battery";

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "atrium-auth-"));
    storage = new SqliteStorage(join(dir, "atrium.db"));
    await storage.migrate();
    const passwordHash = await hashPassword(PASSWORD);
    const base = { hallIds: ["demo"], skills: [], languages: ["en"], passwordHash };
    lin = await storage.staff.create({ ...base, email: "lin@test.example", displayName: "Lin", role: "agent", disabled: false });
    await storage.staff.create({ ...base, email: "gone@test.example", displayName: "Gone", role: "supervisor", disabled: true });
    const secret = "secret-for-the-lockout-test";
    const now = () => clock;
    const staffSessions = new StaffSessions(secret);
    const deps = { storage, tokens: new GuestTokens(secret), staffSessions, roles: new RoleGuard(staffSessions, storage.staff, now), now };
    http = createServer((req, res) => {
      handleAuthApi(req, res, new URL(req.url!, "http://x"), deps)
        .then((handled) => handled || sendJson(res, 404, { error: "not found" }))
        .catch((error: unknown) => sendJson(res, error instanceof HttpError ? error.status : 500, { error: String((error as Error).message) }));
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => http?.close(resolve));
    await storage?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const signin = async (email: string, password: string) => {
    const response = await fetch(`${url}/api/auth/signin`, { method: "POST", headers: json, body: JSON.stringify({ email, password }) });
    return { status: response.status, body: (await response.json()) as { error?: string; retryAfterSeconds?: number }, cookie: cookieFrom(response), retryAfter: response.headers.get("retry-after") };
  };

  it("says the same for an unknown email and a wrong password", async () => {
    const unknown = await signin("nobody@test.example", PASSWORD);
    const wrong = await signin("lin@test.example", "wrong password");
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.body).toEqual(wrong.body);
    expect((await signin("LIN@test.example", PASSWORD)).status).toBe(200); // and clears that failure
  });

  it(`locks the account for 15 minutes after ${MAX_FAILED_SIGNINS} wrong passwords in a row, then lets the right one in`, async () => {
    for (let i = 1; i < MAX_FAILED_SIGNINS; i++) expect((await signin("lin@test.example", `guess ${i}`)).status).toBe(401);
    const fifth = await signin("lin@test.example", "guess 5");
    expect(fifth.status).toBe(423);
    expect(fifth.body.retryAfterSeconds).toBe(LOCKOUT_MS / 1000);
    expect((await storage.staff.get(lin.id))?.lockedUntil).toBe(new Date(clock + LOCKOUT_MS).toISOString());

    clock += 10 * 60_000;
    const rightButLocked = await signin("lin@test.example", PASSWORD);
    expect(rightButLocked).toMatchObject({ status: 423, body: { retryAfterSeconds: 300 }, retryAfter: "300", cookie: undefined });

    clock += 5 * 60_000 + 1000;
    const after = await signin("lin@test.example", PASSWORD);
    expect(after.status).toBe(200);
    expect(after.cookie).toBeTruthy();
    expect(await storage.staff.get(lin.id)).toMatchObject({ failedLogins: 0, lockedUntil: null });
    // A fresh run of tries: four more wrong ones do not lock.
    for (let i = 1; i < MAX_FAILED_SIGNINS; i++) expect((await signin("lin@test.example", `again ${i}`)).status).toBe(401);
    expect((await signin("lin@test.example", PASSWORD)).status).toBe(200);
  });

  it("locks the account even when the wrong passwords arrive all at once", async () => {
    await storage.staff.create({ email: "rush@test.example", displayName: "Rush", role: "agent", hallIds: [], skills: [], languages: ["en"], passwordHash: lin.passwordHash, disabled: false });
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => signin("rush@test.example", `parallel guess ${i}`)));
    expect(answers.filter((a) => a.status === 401).length).toBeLessThan(MAX_FAILED_SIGNINS);
    expect((await signin("rush@test.example", PASSWORD)).status).toBe(423);
  });

  it("refuses a disabled account with 403 — but only to someone who knows its password", async () => {
    expect((await signin("gone@test.example", "wrong password")).status).toBe(401);
    const right = await signin("gone@test.example", PASSWORD);
    expect(right.status).toBe(403);
    expect(right.cookie).toBeUndefined();
  });

  it("a staff member's hall token ends when their sign-in does", async () => {
    const { cookie } = await signin("lin@test.example", PASSWORD);
    clock += 11 * 3600_000;
    const response = await fetch(`${url}/api/session`, { method: "POST", headers: { ...json, cookie: `${STAFF_COOKIE}=${cookie}` }, body: JSON.stringify({ name: "Lin" }) });
    const claims = claimsOf(((await response.json()) as { token: string }).token);
    expect(claims).toMatchObject({ role: "agent" });
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
  });

  it("forgets a sign-in after 12 hours", async () => {
    const { cookie } = await signin("lin@test.example", PASSWORD);
    const me = () => fetch(`${url}/api/auth/me`, { headers: { cookie: `${STAFF_COOKIE}=${cookie}` } }).then((r) => r.status);
    expect(await me()).toBe(200);
    clock += 12 * 3600_000 + 1000;
    expect(await me()).toBe(401);
  });
});

describe("demo credentials in production", () => {
  it("exist in development; without ATRIUM_DEMO_STAFF, production accepts none of them, even from a development database", async () => {
    const dir = mkdtempSync(join(tmpdir(), "atrium-demo-"));
    const env = { ATRIUM_DB_PATH: join(dir, "atrium.db") };
    const signinAll = async (server: TestServer) =>
      Promise.all(
        [emailOf("admin"), emailOf("agent")].map((email) =>
          fetch(`${server.url}/api/auth/signin`, { method: "POST", headers: json, body: JSON.stringify({ email, password: DEMO_STAFF_PASSWORD }) }).then((r) => r.status),
        ),
      );
    try {
      const dev = await startTestServer(env);
      expect(await signinAll(dev)).toEqual([200, 200]);
      await dev.stop();
      const optedIn = await startTestServer({ ...env, NODE_ENV: "production", ATRIUM_DEMO_STAFF: "1" });
      expect(await signinAll(optedIn)).toEqual([200, 200]);
      await optedIn.stop();
      const production = await startTestServer({ ...env, NODE_ENV: "production" });
      expect(await signinAll(production)).toEqual([401, 401]);
      await production.stop();
      const fresh = await startTestServer({ NODE_ENV: "production" });
      expect(await signinAll(fresh)).toEqual([401, 401]);
      await fresh.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("npm run admin -- create-user", () => {
  const admin = (args: string[], env: Record<string, string>, stdin?: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, ["scripts/admin.ts", ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
      child.stdin!.end(stdin ?? "");
    });

  it("creates a staff member (password from stdin) who can then sign in to a production server", async () => {
    const dir = mkdtempSync(join(tmpdir(), "atrium-admin-"));
    const env = { ATRIUM_DB_PATH: join(dir, "atrium.db") };
    try {
      const args = ["create-user", "--email", "Mei.Li@Example.com", "--name", "Mei Li", "--role", "supervisor", "--halls", "bank", "--skills", "cards,loans", "--languages", "zh-CN,en"];
      const created = await admin(args, env, "a-long-real-password\n");
      expect(created).toMatchObject({ code: 0, stdout: expect.stringMatching(/^created supervisor Mei Li <mei.li@example.com> .* for halls bank\n$/) });
      expect((await admin(args, env, "a-long-real-password\n")).stderr).toMatch(/already has an account/);
      expect(await admin(["create-user", "--email", "x@example.com", "--name", "X", "--role", "customer", "--password", "0123456789"], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--role must be one of agent/) });
      expect(await admin(["create-user", "--email", "x@example.com", "--name", "X", "--role", "agent"], env, "short\n")).toMatchObject({ code: 2, stderr: expect.stringMatching(/at least 10/) });

      const server = await startTestServer({ ...env, NODE_ENV: "production" });
      try {
        const signin = (password: string) =>
          fetch(`${server.url}/api/auth/signin`, { method: "POST", headers: json, body: JSON.stringify({ email: "mei.li@example.com", password }) });
        expect((await signin("a-long-real-password\n")).status).toBe(401);
        const response = await signin("a-long-real-password");
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ user: { name: "Mei Li", role: "supervisor", hallIds: ["bank"], skills: ["cards", "loans"], languages: ["zh-CN", "en"] } });
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
