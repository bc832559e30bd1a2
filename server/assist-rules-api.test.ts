import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteStorage } from "../game-server/storage/sqlite-storage.ts";
import { signInStaff } from "../test-support/service-actors.ts";
import { newSessionToken, startTestServer, type TestServer } from "../test-support/start-test-server.ts";

/** Live assist's quality rules as supervisors edit them, over a real server (Colyseus, mediasoup, a SQLite file). */
let server: TestServer;
/** Request headers that carry each kind of caller's credential. */
const credentials: Record<string, Record<string, string>> = {};
/** The rules in force before anyone edited them, as GET gives them. */
let defaults: { text: string; version: number };

function call(method: string, who: string, body?: string, hall = "demo"): Promise<Response> {
  return fetch(`${server.url}/api/halls/${hall}/assist-rules`, { method, headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...credentials[who] }, body });
}

async function current(): Promise<{ text: string; version: number }> {
  const response = await call("GET", "supervisor");
  expect(response.status).toBe(200);
  return (await response.json()) as { text: string; version: number };
}

/** The rules text with its version changed: a supervisor's edit as the editor saves it. */
const withVersion = (text: string, version: number) => {
  const edited = text.replace(/"version": \d+/, `"version": ${version}`);
  expect(edited).not.toBe(text);
  return edited;
};

/** The 1-based line of `text` that contains `needle` (the first). */
const lineOf = (text: string, needle: string) => {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  expect(index, needle).toBeGreaterThanOrEqual(0);
  return index + 1;
};

beforeAll(async () => {
  server = await startTestServer();
  credentials.anonymous = {};
  credentials.customer = { authorization: `Bearer ${await newSessionToken(server.url, "Ada")}` };
  const staff = { agent: "lin.wei@nova.example", supervisor: "zhang.min@nova.example", marketer: "olivia.brown@nova.example", admin: "admin@atrium.example", "bank supervisor": "wang.fang@meridian.example" };
  for (const [who, email] of Object.entries(staff)) credentials[who] = (await signInStaff(server.url, email)).headers;
  defaults = await current();
}, 30_000);
afterAll(async () => {
  await server?.stop();
});

describe("GET and PUT /api/halls/:hallId/assist-rules", () => {
  it("gives a supervisor the defaults first: version 1, a rule file they can edit", () => {
    expect(defaults.version).toBe(1);
    const parsed = JSON.parse(defaults.text) as { version: number; rules: { id: string; kind: string }[] };
    expect(parsed.version).toBe(1);
    expect(parsed.rules.map((r) => r.kind)).toEqual(expect.arrayContaining(["phrase", "greeting-missing", "silence", "kb-contradiction"]));
    expect(parsed.rules.map((r) => r.id)).toContain("blaming-the-customer");
  });

  it("refuses those who do not set the rules, and changes nothing for them", async () => {
    const table = [
      { who: "anonymous", status: 401 },
      { who: "customer", status: 401 },
      { who: "agent", status: 403 },
      { who: "marketer", status: 403 },
    ];
    for (const { who, status } of table) {
      const get = await call("GET", who);
      expect(get.status, `GET as ${who}`).toBe(status);
      expect(((await get.json()) as { error: string }).error).toMatch(/sign in|role/);
      expect((await call("PUT", who, withVersion(defaults.text, 2))).status, `PUT as ${who}`).toBe(status);
    }
    // Another hall's supervisor: the hall is not theirs (answered like a missing one); an unknown hall is 404 too.
    expect((await call("GET", "bank supervisor")).status).toBe(404);
    expect((await call("PUT", "bank supervisor", withVersion(defaults.text, 2))).status).toBe(404);
    expect((await call("GET", "supervisor", undefined, "no-such-hall")).status).toBe(404);
    expect((await call("GET", "bank supervisor", undefined, "bank")).status).toBe(200);
    expect((await current()).version).toBe(1);
  });

  it("refuses a file that is not valid JSON, naming the line at fault", async () => {
    // Take the comma off the end of a known line: the parser stops on the next line, at the next field.
    const lines = defaults.text.split("\n");
    const at = lineOf(defaults.text, '"severity": "critical"');
    expect(lines[at - 1]).toMatch(/,$/);
    lines[at - 1] = lines[at - 1]!.replace(/,$/, "");
    const response = await call("PUT", "supervisor", withVersion(lines.join("\n"), 2));
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: string };
    expect(error).toMatch(new RegExp(`^line ${at + 1}, column \\d+: not valid JSON`));
    expect(error).toContain('"severity"');
    expect((await current()).version).toBe(1);
  });

  it("refuses an unknown rule kind, naming its line and the kinds there are", async () => {
    const text = withVersion(defaults.text, 2).replace('"kind": "silence"', '"kind": "mumbling"');
    const response = await call("PUT", "supervisor", text);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: string };
    expect(error).toMatch(new RegExp(`^line ${lineOf(text, '"kind": "mumbling"')}, column \\d+: rules\\[\\d+\\]\\.kind: unknown kind "mumbling"`));
    expect(error).toContain("silence");
    expect((await current()).version).toBe(1);
  });

  it("refuses a body over 256 KB with 413", async () => {
    const huge = withVersion(defaults.text, 2).replace(/\}\s*$/, `, "padding": "${"x".repeat(300 * 1024)}" }`);
    const response = await call("PUT", "supervisor", huge);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/256 KB/);
    expect((await current()).version).toBe(1);
  });

  it("saves the next version, serves it, and keeps it durable; the same version again is a conflict", async () => {
    // The edit: "calm down" is no longer flagged, and the file is version 2.
    const edited = withVersion(defaults.text, 2).replace(/"calm down",\s*/, "");
    expect(edited).not.toContain('"calm down"');
    const put = await call("PUT", "supervisor", edited);
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ version: 2 });
    expect(await current()).toEqual({ text: edited, version: 2 });
    // Durable before the 200: another connection to the server's database file already sees it.
    const file = new SqliteStorage(server.dbPath);
    try {
      expect(await file.settings.get("assist.quality-rules/demo")).toBe(edited);
    } finally {
      await file.close();
    }

    // A second supervisor who started from version 1 too: told to reload, nothing lost.
    const late = await call("PUT", "supervisor", withVersion(defaults.text, 2));
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: string }).error).toMatch(/version 2/);
    expect(await current()).toEqual({ text: edited, version: 2 });

    // Admins set the rules too.
    const third = await call("PUT", "admin", withVersion(edited, 3));
    expect(third.status).toBe(200);
    expect((await current()).version).toBe(3);
  });
});
