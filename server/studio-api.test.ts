import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HALL_PREVIEW_ROOM, HALL_UPDATED, type HallState } from "../game-server/protocol/index.ts";
import { buildTestGlb, packGlb, splitGlb } from "../game-server/studio/test-glb.ts";
import { signInStaff } from "../test-support/service-actors.ts";
import { newSessionToken, startTestServer, type TestServer } from "../test-support/start-test-server.ts";
import { until } from "../test-support/hall-visit.ts";
import type { Scene } from "../scenes/scene-format.ts";

/** The studio's API over a real server (Colyseus, mediasoup, a SQLite file): who may use it, drafts, assets, publish, rollback. */
let server: TestServer;
const credentials: Record<string, Record<string, string>> = {};

function call(method: string, who: string, path: string, body?: unknown, type = "application/json"): Promise<Response> {
  const raw = body instanceof Uint8Array ? body : body === undefined ? undefined : JSON.stringify(body);
  return fetch(`${server.url}/api/studio${path}`, { method, headers: { ...(raw !== undefined ? { "content-type": type } : {}), ...credentials[who] }, body: raw as BodyInit | undefined });
}
async function ok<T>(response: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await response;
  const body = (await r.json()) as T & { error?: string };
  expect(r.status, body.error).toBe(status);
  return body;
}
async function refused(response: Promise<Response>, status: number, message: RegExp): Promise<void> {
  const r = await response;
  expect(r.status).toBe(status);
  expect(((await r.json()) as { error: string }).error).toMatch(message);
}

interface Detail { scene: { id: string; revision: number; liveVersion: number | null; draft: Scene & Record<string, unknown> }; issues: { severity: string }[]; versions: { version: number }[]; history: { kind: string; by: { name: string } }[] }

beforeAll(async () => {
  server = await startTestServer();
  credentials.anonymous = {};
  credentials.customer = { authorization: `Bearer ${await newSessionToken(server.url, "Ada")}` };
  const staff = { agent: "lin.wei@nova.example", marketer: "olivia.brown@nova.example", "bank marketer": "sophie.turner@meridian.example", admin: "admin@atrium.example" };
  for (const [who, email] of Object.entries(staff)) credentials[who] = (await signInStaff(server.url, email)).headers;
}, 30_000);
afterAll(async () => {
  await server?.stop();
});

describe("the studio API", () => {
  it("is for marketers and admins: 401 without a sign-in, 403 for a customer's token or an agent", async () => {
    await refused(call("GET", "anonymous", "/scenes"), 401, /sign in/);
    await refused(call("GET", "customer", "/scenes"), 403, /marketers and admins/);
    await refused(call("GET", "agent", "/scenes"), 403, /marketer or admin/);
    await refused(call("POST", "agent", "/scenes", { name: "Mine", from: "nova-electronics" }), 403, /marketer or admin/);
    await refused(call("POST", "marketer", "/scenes", { name: "Mine", from: "template:no-such-hall" }), 404, /no scene or template/);
    const list = await ok<{ scenes: { id: string; liveVersion: number; halls: { id: string }[] }[] }>(call("GET", "marketer", "/scenes"));
    expect(list.scenes.find((s) => s.id === "nova-electronics"), "the showrooms were seeded as published scenes").toMatchObject({ liveVersion: 1, halls: [{ id: "demo" }] });
  });

  it("duplicates a hall into a draft, saves edits with the revision, refuses invalid documents and stale revisions", async () => {
    const { scene } = await ok<{ scene: { id: string } }>(call("POST", "marketer", "/scenes", { name: "Spring hall 春季展厅", from: "nova-electronics" }), 201);
    const detail = await ok<Detail>(call("GET", "marketer", `/scenes/${scene.id}`));
    expect(detail.scene).toMatchObject({ revision: 1, liveVersion: null });
    expect(detail.scene.draft.id).toBe(scene.id);
    await ok(call("POST", "marketer", `/scenes/${scene.id}/lock`));
    const draft = structuredClone(detail.scene.draft);
    draft.signage[0]!.text = "Spring sale";
    const saved = await ok<{ scene: { revision: number } }>(call("PUT", "marketer", `/scenes/${scene.id}/draft`, { revision: 1, draft }));
    expect(saved.scene.revision).toBe(2);
    await refused(call("PUT", "marketer", `/scenes/${scene.id}/draft`, { revision: 1, draft }), 409, /changed meanwhile/);
    const broken = structuredClone(draft);
    broken.booths[0]!.size.x = -1;
    await refused(call("PUT", "marketer", `/scenes/${scene.id}/draft`, { revision: 2, draft: broken }), 400, /booths\.0\.size\.x/);
    const unknownAsset = structuredClone(draft);
    unknownAsset.booths[0]!.product = { kind: "glb", url: "/api/studio/assets/m-000000000000000000/model.glb" };
    await refused(call("PUT", "marketer", `/scenes/${scene.id}/draft`, { revision: 2, draft: unknownAsset }), 400, /unknown product model/);
    const after = await ok<Detail>(call("GET", "marketer", `/scenes/${scene.id}`));
    expect(after.scene.revision, "nothing refused was stored").toBe(2);
    expect(after.scene.draft.signage[0]!.text).toBe("Spring sale");
  });

  it("lets one marketer edit at a time: another is refused with who is editing", async () => {
    const { scene } = await ok<{ scene: { id: string } }>(call("POST", "marketer", "/scenes", { name: "Locked", from: "nova-electronics" }), 201);
    expect(await ok<{ mine: boolean }>(call("POST", "marketer", `/scenes/${scene.id}/lock`))).toMatchObject({ mine: true });
    expect(await ok<{ mine: boolean; lock: { by: { name: string } } }>(call("POST", "admin", `/scenes/${scene.id}/lock`))).toMatchObject({ mine: false, lock: { by: { name: "Olivia Brown" } } });
    const { scene: detail } = await ok<Detail>(call("GET", "admin", `/scenes/${scene.id}`));
    await refused(call("PUT", "admin", `/scenes/${scene.id}/draft`, { revision: 1, draft: detail.draft }), 423, /Olivia Brown is editing/);
    await ok(call("DELETE", "marketer", `/scenes/${scene.id}/lock`));
    expect(await ok<{ mine: boolean }>(call("POST", "admin", `/scenes/${scene.id}/lock`))).toMatchObject({ mine: true });
  });

  it("takes a GLB product model: checked, optimised, with a thumbnail, served to anyone; hostile files are refused and nothing is kept", async () => {
    const glb = await buildTestGlb({ texture: true });
    const upload = await ok<{ asset: { id: string; url: string; thumbnail: string; bytes: number; originalBytes: number; triangles: number } }>(
      call("POST", "marketer", "/assets?name=Nova%20Phone%2013&price=%C2%A54999&kb=kb-nova-phone-12", glb, "model/gltf-binary"),
      201,
    );
    expect(upload.asset.triangles).toBe(12);
    expect(upload.asset.bytes).toBeLessThanOrEqual(upload.asset.originalBytes);
    const model = await fetch(`${server.url}${upload.asset.url}`);
    expect(model.status).toBe(200);
    expect(model.headers.get("content-type")).toBe("model/gltf-binary");
    expect(model.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new TextDecoder().decode((await model.arrayBuffer()).slice(0, 4))).toBe("glTF");
    const thumb = await fetch(`${server.url}${upload.asset.thumbnail}`);
    expect(thumb.headers.get("content-type")).toBe("image/png");

    const { json, bin } = splitGlb(glb);
    const external = packGlb({ ...json, buffers: [{ byteLength: 10, uri: "https://example.com/x.bin" }] }, bin);
    await refused(call("POST", "marketer", "/assets?name=Bad", external, "model/gltf-binary"), 422, /external|outside/i);
    await refused(call("POST", "marketer", "/assets?name=Bad", new TextEncoder().encode("not a model at all"), "model/gltf-binary"), 422, /GLB/);
    await refused(call("POST", "agent", "/assets?name=Bad", glb, "model/gltf-binary"), 403, /marketer or admin/);
    const { assets } = await ok<{ assets: { id: string }[] }>(call("GET", "marketer", "/assets"));
    expect(assets.map((a) => a.id)).toEqual([upload.asset.id]);
  });

  it("publishes: open instances are told and take nobody new, newcomers get the new version; roll back brings the old one", async () => {
    const { scene } = await ok<{ scene: { id: string } }>(call("POST", "marketer", "/scenes", { name: "Bank refresh", from: "meridian-bank" }), 201);
    // Sophie works on the bank hall; Olivia (Nova only) may not give it a scene.
    await refused(call("PUT", "bank marketer", "/halls/bank/scene", { sceneId: scene.id }), 409, /publish the scene/);
    await ok(call("POST", "marketer", `/scenes/${scene.id}/lock`));
    const published = await ok<{ version: { version: number } }>(call("POST", "marketer", `/scenes/${scene.id}/publish`));
    expect(published.version.version).toBe(1);
    await ok(call("DELETE", "marketer", `/scenes/${scene.id}/lock`));
    await refused(call("PUT", "marketer", "/halls/bank/scene", { sceneId: scene.id }), 404, /no hall "bank"/);

    const customer = await new Client(server.url).joinOrCreate<HallState>("hall", { hallId: "bank", token: await newSessionToken(server.url, "Bea") });
    let told = 0;
    customer.onMessage(HALL_UPDATED, () => told++);
    await ok(call("PUT", "bank marketer", "/halls/bank/scene", { sceneId: scene.id }));
    await until(() => told === 1);
    const hall = await ok<{ scene: { id: string } }>(fetch(`${server.url}/api/halls/bank`));
    expect(hall.scene.id).toBe(scene.id);
    const newcomer = await new Client(server.url).joinOrCreate<HallState>("hall", { hallId: "bank", token: await newSessionToken(server.url, "Cal") });
    expect(newcomer.roomId, "a newcomer gets a fresh instance with the new scene").not.toBe(customer.roomId);

    // A second version, then back to the first.
    let newcomerTold = 0;
    newcomer.onMessage(HALL_UPDATED, () => newcomerTold++);
    await ok(call("POST", "bank marketer", `/scenes/${scene.id}/lock`));
    const detail = await ok<Detail>(call("GET", "bank marketer", `/scenes/${scene.id}`));
    const draft = structuredClone(detail.scene.draft);
    draft.name = "Bank refresh v2";
    await ok(call("PUT", "bank marketer", `/scenes/${scene.id}/draft`, { revision: detail.scene.revision, draft }));
    await ok(call("POST", "bank marketer", `/scenes/${scene.id}/publish`));
    expect((await ok<{ scene: { name: string } }>(fetch(`${server.url}/api/halls/bank`))).scene.name).toBe("Bank refresh v2");
    await until(() => newcomerTold === 1);
    await ok(call("PUT", "bank marketer", `/scenes/${scene.id}/live`, { version: 1 }));
    expect((await ok<{ scene: { name: string } }>(fetch(`${server.url}/api/halls/bank`))).scene.name).toBe("Bank refresh");
    const after = await ok<Detail>(call("GET", "bank marketer", `/scenes/${scene.id}`));
    expect(after.scene.liveVersion).toBe(1);
    expect(after.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(after.history.slice(0, 3).map((h) => [h.kind, h.by.name])).toEqual([["rollback", "Sophie Turner"], ["publish", "Sophie Turner"], ["save", "Sophie Turner"]]);
    await customer.leave();
    await newcomer.leave();
  });

  it("previews a draft in a private instance only staff of the studio can enter", async () => {
    const { scene } = await ok<{ scene: { id: string } }>(call("POST", "marketer", "/scenes", { name: "Preview me", from: "nova-electronics" }), 201);
    const preview = await ok<{ hall: { id: string }; scene: { id: string } }>(call("GET", "marketer", `/scenes/${scene.id}/preview`));
    expect(preview).toMatchObject({ hall: { id: "demo" }, scene: { id: scene.id } });
    const session = await ok<{ token: string }>(fetch(`${server.url}/api/session`, { method: "POST", headers: { "content-type": "application/json", ...credentials.marketer }, body: JSON.stringify({ name: "x" }) }), 201);
    const marketerToken = session.token;
    const room = await new Client(server.url).joinOrCreate<HallState>(HALL_PREVIEW_ROOM, { hallId: "demo", token: marketerToken, preview: scene.id });
    const live = await new Client(server.url).joinOrCreate<HallState>("hall", { hallId: "demo", token: await newSessionToken(server.url, "Dee") });
    expect(live.roomId, "customers are never matched into a preview").not.toBe(room.roomId);
    await expect(new Client(server.url).joinOrCreate(HALL_PREVIEW_ROOM, { hallId: "demo", token: await newSessionToken(server.url, "Eve"), preview: scene.id })).rejects.toThrow(/marketers and admins/);
    await room.leave();
    await live.leave();
  });

  it("exports a scene with its models as a zip and imports it as a new scene; a hostile archive is refused", async () => {
    const { scene } = await ok<{ scene: { id: string } }>(call("POST", "marketer", "/scenes", { name: "Round trip", from: "nova-electronics" }), 201);
    const zip = await fetch(`${server.url}/api/studio/scenes/${scene.id}/export`, { headers: credentials.marketer });
    expect(zip.status).toBe(200);
    expect(zip.headers.get("content-disposition")).toMatch(/attachment/);
    const bytes = new Uint8Array(await zip.arrayBuffer());
    const imported = await ok<{ scene: { id: string; name: string } }>(call("POST", "marketer", "/import", bytes, "application/zip"), 201);
    expect(imported.scene.id).not.toBe(scene.id);
    expect(imported.scene.name).toBe("Round trip");
    await refused(call("POST", "marketer", "/import", new TextEncoder().encode("PK not really"), "application/zip"), 400, /zip/i);
  });
});
