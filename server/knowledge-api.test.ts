import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConciergeAnswer } from "../game-server/protocol/concierge.ts";
import { SqliteStorage } from "../game-server/storage/sqlite-storage.ts";
import type { ArticleRecord } from "../game-server/storage/storage.ts";
import { enterHallAs, type Visit } from "../test-support/hall-visit.ts";
import { newSessionToken, startTestServer, type TestServer } from "../test-support/start-test-server.ts";
import type { ArticleEntry } from "./knowledge-api.ts";
import { STAFF_COOKIE } from "./role-guard.ts";
import { DEMO_STAFF_PASSWORD } from "./seed.ts";

/** The knowledge base's admin routes over a real server (Colyseus, mediasoup, a SQLite file). */
let server: TestServer;
const visits: Visit[] = [];
/** Request headers that carry each kind of caller's credential. */
const credentials: Record<string, Record<string, string>> = {};

async function signIn(email: string): Promise<Record<string, string>> {
  const response = await fetch(`${server.url}/api/auth/signin`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: DEMO_STAFF_PASSWORD }) });
  expect(response.status).toBe(200);
  const cookie = /atrium_staff=([^;]*)/.exec(response.headers.get("set-cookie") ?? "")![1]!;
  return { cookie: `${STAFF_COOKIE}=${cookie}` };
}

function call(method: string, path: string, who: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  return fetch(`${server.url}${path}`, {
    method,
    headers: { ...(payload !== undefined ? { "content-type": "application/json" } : {}), ...credentials[who], ...headers },
    body: payload,
  });
}

const article = (title: string, body: string, tags?: string[]) => ({ title, body, ...(tags ? { tags } : {}) });

beforeAll(async () => {
  server = await startTestServer();
  credentials.anonymous = {};
  credentials.customer = { authorization: `Bearer ${await newSessionToken(server.url, "Ada")}` };
  credentials.agent = await signIn("lin.wei@nova.example");
  credentials.supervisor = await signIn("zhang.min@nova.example");
  credentials.marketer = await signIn("olivia.brown@nova.example");
  credentials["bank marketer"] = await signIn("sophie.turner@meridian.example");
  credentials.admin = await signIn("admin@atrium.example");
}, 30_000);
afterAll(async () => {
  for (const visit of visits) await visit.leave().catch(() => undefined);
  await server?.stop();
});

describe("role × action on /api/halls/demo/articles", () => {
  /** What each caller gets: list, get one, put one language, delete. */
  const table = [
    { who: "anonymous", list: 401, get: 401, put: 401, del: 401 },
    { who: "customer", list: 403, get: 403, put: 403, del: 403 },
    { who: "agent", list: 403, get: 403, put: 403, del: 403 },
    { who: "supervisor", list: 200, get: 200, put: 403, del: 403 },
    { who: "marketer", list: 200, get: 200, put: 403, del: 403 },
    // Staff of another hall: their role would do, the hall is not theirs.
    { who: "bank marketer", list: 403, get: 403, put: 403, del: 403 },
    { who: "admin", list: 200, get: 200, put: 200, del: 204 },
  ] as const;

  for (const row of table) {
    it(`${row.who}: list ${row.list}, get ${row.get}, put ${row.put}, delete ${row.del}`, async () => {
      const list = await call("GET", "/api/halls/demo/articles", row.who);
      expect(list.status).toBe(row.list);
      if (row.list === 200) {
        const { articles } = (await list.json()) as { articles: ArticleEntry[] };
        expect(articles.length).toBeGreaterThanOrEqual(40);
        expect(articles.find((a) => a.id === "kb-nova-phone-12")).toMatchObject({ boothIds: ["nova-phone-12"], versions: { en: { lang: "en" }, "zh-CN": { lang: "zh-CN" } } });
      } else {
        expect(((await list.json()) as { error: string }).error).toMatch(/sign in|customers|role|not staff/);
      }
      const get = await call("GET", "/api/halls/demo/articles/kb-returns", row.who);
      expect(get.status).toBe(row.get);
      if (row.get === 200) expect(await get.json()).toMatchObject({ id: "kb-returns", boothIds: [], versions: { en: { title: "Returns" }, "zh-CN": { title: "退货政策" } } });

      const id = `kb-table-${row.who.replace(" ", "-")}`;
      const put = await call("PUT", `/api/halls/demo/articles/${id}/en`, row.who, article("Table test", "Written by the role table."));
      expect(put.status).toBe(row.put);
      // An admin deletes what they just wrote; everyone else tries a real article, which must survive.
      const del = await call("DELETE", `/api/halls/demo/articles/${row.put === 200 ? id : "kb-returns"}`, row.who);
      expect(del.status).toBe(row.del);
    });
  }

  it("leaves the knowledge base as it was: nothing the refused callers tried changed it", async () => {
    const { articles } = (await (await call("GET", "/api/halls/demo/articles", "admin")).json()) as { articles: ArticleEntry[] };
    expect(articles.filter((a) => a.id.startsWith("kb-table-"))).toEqual([]);
    expect(articles.find((a) => a.id === "kb-returns")?.versions.en?.title).toBe("Returns");
  });
});

describe("bad input (as an admin)", () => {
  const good = article("Gift cards", "Gift cards from **£10** to £500.", ["gift"]);
  const cases: { name: string; method: string; path: string; body?: unknown; headers?: Record<string, string>; status: number; error: RegExp }[] = [
    { name: "empty title", method: "PUT", path: "/api/halls/demo/articles/kb-gift/en", body: article("   ", "text"), status: 400, error: /title/ },
    { name: "title over 120 characters", method: "PUT", path: "/api/halls/demo/articles/kb-gift/en", body: article("x".repeat(121), "text"), status: 400, error: /title has at most 120/ },
    { name: "empty body", method: "PUT", path: "/api/halls/demo/articles/kb-gift/en", body: article("Gift cards", " \n"), status: 400, error: /needs a body/ },
    { name: "body over 20000 characters", method: "PUT", path: "/api/halls/demo/articles/kb-gift/en", body: article("Gift cards", "a".repeat(20_001)), status: 400, error: /body has at most 20000/ },
    { name: "request over 128 KB", method: "PUT", path: "/api/halls/demo/articles/kb-gift/zh-CN", body: article("礼品卡", "礼".repeat(50_000)), status: 413, error: /larger than/ },
    { name: "13 tags", method: "PUT", path: "/api/halls/demo/articles/kb-gift/en", body: article("Gift cards", "text", Array.from({ length: 13 }, (_, i) => `t${i}`)), status: 400, error: /at most 12 tags/ },
    { name: "a tag over 32 characters", method: "PUT", path: "/api/halls/demo/articles/kb-gift/en", body: article("Gift cards", "text", ["x".repeat(33)]), status: 400, error: /tag has at most 32/ },
    { name: "id with capitals", method: "PUT", path: "/api/halls/demo/articles/kb-Gift/en", body: good, status: 400, error: /article id looks like/ },
    { name: "id without kb-", method: "PUT", path: "/api/halls/demo/articles/gift/en", body: good, status: 400, error: /article id looks like/ },
    { name: "id over 64 characters", method: "PUT", path: `/api/halls/demo/articles/kb-${"a".repeat(62)}/en`, body: good, status: 400, error: /at most 64/ },
    { name: "bad lang", method: "PUT", path: "/api/halls/demo/articles/kb-gift/fr", body: good, status: 400, error: /"en" or "zh-CN"/ },
    { name: "unknown hall", method: "PUT", path: "/api/halls/nowhere/articles/kb-gift/en", body: good, status: 404, error: /no hall "nowhere"/ },
    { name: "unknown hall (list)", method: "GET", path: "/api/halls/nowhere/articles", status: 404, error: /no hall/ },
    { name: "malformed JSON", method: "PUT", path: "/api/halls/demo/articles/kb-gift/en", body: '{"title": "Gift', status: 400, error: /not valid JSON/ },
    { name: "not an object", method: "PUT", path: "/api/halls/demo/articles/kb-gift/en", body: "[]", status: 400, error: /expected object|invalid/i },
    { name: "wrong content type", method: "PUT", path: "/api/halls/demo/articles/kb-gift/en", body: JSON.stringify(good), headers: { "content-type": "text/plain" }, status: 415, error: /application\/json/ },
    { name: "PUT without a language", method: "PUT", path: "/api/halls/demo/articles/kb-gift", body: good, status: 405, error: /not allowed/ },
    { name: "unknown article", method: "GET", path: "/api/halls/demo/articles/kb-nothing-here", status: 404, error: /no article "kb-nothing-here"/ },
    { name: "deleting an unknown article", method: "DELETE", path: "/api/halls/demo/articles/kb-nothing-here", status: 404, error: /no article/ },
    { name: "deleting a booth's article", method: "DELETE", path: "/api/halls/demo/articles/kb-nova-phone-12", status: 409, error: /booth "nova-phone-12" answers from/ },
    { name: "deleting one language of a booth's article", method: "DELETE", path: "/api/halls/demo/articles/kb-nova-phone-12/zh-CN", status: 409, error: /without answers/ },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.status}`, async () => {
      const response = await call(c.method, c.path, "admin", c.body, c.headers);
      expect(response.status).toBe(c.status);
      expect(((await response.json()) as { error: string }).error).toMatch(c.error);
    });
  }

  it("stored nothing for any of them, and the booth's article is still whole", async () => {
    expect((await call("GET", "/api/halls/demo/articles/kb-gift", "admin")).status).toBe(404);
    const phone = (await (await call("GET", "/api/halls/demo/articles/kb-nova-phone-12", "admin")).json()) as ArticleEntry;
    expect(Object.keys(phone.versions).sort()).toEqual(["en", "zh-CN"]);
  });
});

describe("what a customer notices", () => {
  const ask = async (visit: Visit, text: string, lang: "en" | "zh-CN" = "en") => (await visit.request("concierge:ask", { text, lang })) as ConciergeAnswer;

  it("an admin's edit of the warranty article is what the concierge answers with, at once, citing it", async () => {
    const ada = await enterHallAs(server.url, "Ada", "demo");
    visits.push(ada);
    const before = await ask(ada, "How long is the warranty?");
    expect(before.sources[0]).toMatchObject({ id: "kb-warranty" });
    expect(before.text).toMatch(/two-year/);

    const body = "Every Nova device now comes with a three-year warranty from the date of purchase; accessories are covered for two years.";
    const put = await call("PUT", "/api/halls/demo/articles/kb-warranty/en", "admin", article("  Warranty (three years)  ", body, ["warranty", "guarantee"]));
    expect(put.status).toBe(200);
    const stored = (await put.json()) as ArticleRecord;
    expect(stored).toMatchObject({ hallId: "demo", id: "kb-warranty", lang: "en", title: "Warranty (three years)", body, tags: ["warranty", "guarantee"] });
    expect(Date.parse(stored.updatedAt)).toBeGreaterThan(Date.now() - 60_000);

    // Durable before the 200: another connection to the server's database file already sees it.
    const file = new SqliteStorage(server.dbPath);
    try {
      expect(await file.knowledge.get("demo", "kb-warranty", "en")).toMatchObject({ body });
    } finally {
      await file.close();
    }

    const after = await ask(ada, "How long is the warranty?");
    expect(after.text).toMatch(/three-year warranty/);
    expect(after.sources[0]).toEqual({ id: "kb-warranty", title: "Warranty (three years)" });
    // The other language was not touched.
    const zh = await ask(ada, "保修多久？", "zh-CN");
    expect(zh.sources[0]).toMatchObject({ id: "kb-warranty", title: "保修政策" });
    expect(zh.text).toMatch(/两年/);
  }, 30_000);

  it("a deleted article is no longer an answer's source", async () => {
    const bo = await enterHallAs(server.url, "Bo", "demo");
    visits.push(bo);
    const question = "Do you ship abroad to Switzerland?";
    expect((await ask(bo, question)).sources.map((s) => s.id)).toContain("kb-international-shipping");
    expect((await call("DELETE", "/api/halls/demo/articles/kb-international-shipping", "admin")).status).toBe(204);
    expect((await ask(bo, question)).sources.map((s) => s.id)).not.toContain("kb-international-shipping");
    expect((await call("DELETE", "/api/halls/demo/articles/kb-international-shipping", "admin")).status).toBe(404);
  }, 30_000);

  it("a hall with nobody in it answers from the edit when it next opens", async () => {
    const put = await call("PUT", "/api/halls/bank/articles/kb-gold-bars/en", "admin", article("Gold bars", "Meridian Bank sells one-ounce gold bars at the counter, with a certificate of authenticity."));
    expect(put.status).toBe(200);
    const cy = await enterHallAs(server.url, "Cy", "bank");
    visits.push(cy);
    const answer = await ask(cy, "Can I buy gold bars?");
    expect(answer.sources[0]).toEqual({ id: "kb-gold-bars", title: "Gold bars" });
    expect(answer.text).toMatch(/one-ounce gold bars/);
  }, 30_000);
});
