import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../test-support/start-test-server.ts";

/** Integration: the device check's HTTP signalling on the real server with a real mediasoup worker. */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

interface Created {
  id: string;
  expiresAt: number;
  routerRtpCapabilities: { codecs: unknown[] };
  send: { id: string; sctpParameters?: { port: number } };
  recv: { id: string; sctpParameters?: { port: number } };
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
}

const create = async (body: unknown = {}) => call("POST", "/api/check/probes", body);
const remove = (id: string) => call("DELETE", `/api/check/probes/${id}`);
const fingerprint = { algorithm: "sha-256", value: Array.from({ length: 32 }, () => "AB").join(":") };

describe("/api/check/probes", () => {
  it("opens a probe: router capabilities and a send and a receive transport with SCTP", async () => {
    const { status, body } = await create();
    const probe = body as unknown as Created;
    expect(status).toBe(201);
    expect(probe.routerRtpCapabilities.codecs.length).toBeGreaterThan(0);
    expect(probe.send.sctpParameters?.port).toBe(5000);
    expect(probe.recv.id).not.toBe(probe.send.id);
    expect(probe.expiresAt - Date.now()).toBeGreaterThan(25_000); // the default life is 30 s
    expect(probe.expiresAt - Date.now()).toBeLessThanOrEqual(30_000);
    expect((await remove(probe.id)).status).toBe(204);
  });

  it("walks through produce-data, consume-data and stats, refusing steps out of order", async () => {
    const probe = (await create()).body as unknown as Created;
    const base = `/api/check/probes/${probe.id}`;
    expect((await call("POST", `${base}/consume-data`)).status).toBe(409); // nothing to consume yet

    const produced = await call("POST", `${base}/produce-data`, { sctpStreamParameters: { streamId: 0, ordered: false, maxRetransmits: 0 }, label: "probe", protocol: "atrium-probe" });
    expect(produced.status).toBe(201);
    const consumed = await call("POST", `${base}/consume-data`);
    expect(consumed.status).toBe(201);
    expect(consumed.body).toMatchObject({ dataProducerId: produced.body.dataProducerId, label: "probe", protocol: "atrium-probe", sctpStreamParameters: { ordered: false } });
    expect((await call("POST", `${base}/produce-data`, { sctpStreamParameters: { streamId: 1 } })).status).toBe(409);

    const stats = await call("GET", base);
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ id: probe.id, messagesReceived: 0, messagesSent: 0 });

    const connected = await call("POST", `${base}/connect`, { transportId: probe.send.id, dtlsParameters: { role: "client", fingerprints: [fingerprint] } });
    expect(connected.status).toBe(200);
    const twice = await call("POST", `${base}/connect`, { transportId: probe.send.id, dtlsParameters: { role: "client", fingerprints: [fingerprint] } });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatch(/media server refused/);
    await remove(probe.id);
  });

  it("answers malformed requests with 400 and a reason, before anything reaches the SFU", async () => {
    const probe = (await create()).body as unknown as Created;
    const base = `/api/check/probes/${probe.id}`;
    const cases: [string, unknown, RegExp][] = [
      ["/api/check/probes", { ttlSeconds: 3600 }, /ttlSeconds/],
      ["/api/check/probes", "{not json", /not valid JSON/],
      [`${base}/connect`, { transportId: probe.send.id }, /dtlsParameters/],
      [`${base}/connect`, { transportId: probe.send.id, dtlsParameters: { fingerprints: [{ algorithm: "md5", value: "AA" }] } }, /algorithm/],
      [`${base}/connect`, { transportId: probe.send.id, dtlsParameters: { fingerprints: [] } }, /fingerprints/],
      [`${base}/produce-data`, { sctpStreamParameters: { streamId: -1 } }, /streamId/],
      [`${base}/produce-data`, { sctpStreamParameters: { streamId: 1 }, label: "x".repeat(33) }, /label/],
    ];
    for (const [path, body, reason] of cases) {
      const { status, body: answer } = await call("POST", path, body);
      expect(status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(String(answer.error)).toMatch(reason);
    }
    expect((await call("POST", "/api/check/probes", "{}", { "content-type": "text/plain" })).status).toBe(415);
    await remove(probe.id);
  });

  it("answers unknown probes, routes and methods with 404 and 405", async () => {
    expect((await call("GET", "/api/check/probes/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await call("GET", "/api/check/probes/not-an-id")).status).toBe(404);
    expect((await call("GET", "/api/check/elsewhere")).status).toBe(404);
    const wrong = await call("GET", "/api/check/probes");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    const probe = (await create()).body as unknown as Created;
    expect((await call("PUT", `/api/check/probes/${probe.id}`)).status).toBe(405);
    expect((await call("GET", `/api/check/probes/${probe.id}/connect`)).status).toBe(405);
    await remove(probe.id);
    expect((await call("GET", `/api/check/probes/${probe.id}`)).status).toBe(404); // deleted means gone
  });

  it("lets a probe expire after the life it asked for", async () => {
    const probe = (await create({ ttlSeconds: 1 })).body as unknown as Created;
    expect((await call("GET", `/api/check/probes/${probe.id}`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1300));
    const gone = await call("GET", `/api/check/probes/${probe.id}`);
    expect(gone.status).toBe(404);
    expect(String(gone.body.error)).toMatch(/expired/);
  });

  it("refuses a fourth probe from one address with 429 until one is closed", async () => {
    const open = [];
    for (let i = 0; i < 3; i++) open.push(((await create()).body as unknown as Created).id);
    const refused = await create();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("30");
    expect(String(refused.body.error)).toMatch(/at most 3/);
    await remove(open.shift()!);
    const fresh = await create();
    expect(fresh.status).toBe(201);
    for (const id of [...open, (fresh.body as unknown as Created).id]) await remove(id);
  });
});
