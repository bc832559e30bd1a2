import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { BoardChanged, BoardCursorView, BoardElement, BoardOpsReply, BoardSnapshot, BoardStrokeView } from "../protocol/board.ts";
import type { AcceptReply, DeskView, ServiceView } from "../protocol/service.ts";
import { startChildServer } from "../../test-support/child-server.ts";
import { EventStreamReader } from "../../test-support/event-stream-reader.ts";
import { enterHallAs, rejection, until, type Visit } from "../../test-support/hall-visit.ts";
import { signInStaff, staffHallVisit } from "../../test-support/service-actors.ts";
import { newSessionToken, startTestServer, type TestServer } from "../../test-support/start-test-server.ts";

/**
 * Whiteboards through a real server (Colyseus, SQLite file) with SDK clients: people drawing on
 * the same board see each other's puts, strokes and cursors; a late joiner gets the whole board,
 * a reconnecting page only what changed; concurrent edits converge; staff lock and clear; a
 * session's board is its two people's only; bad input is refused with a reason; a kill -9 loses no
 * acknowledged op.
 */
const BOARD = "surface:support";
let server: TestServer;
const visits: Visit[] = [];

const rect = (id: string, version = 1, extra: Partial<BoardElement> = {}): BoardElement => ({
  id, type: "rectangle", version, versionNonce: 1000 + version, isDeleted: false,
  x: 10, y: 20, width: 100, height: 50, angle: 0, strokeColor: "#1e1e1e", backgroundColor: "transparent", strokeWidth: 2, opacity: 100,
  ...extra,
});

/** A visitor with what the boards told them. */
async function visitor(name: string, url = server.url) {
  const visit = await enterHallAs(url, name);
  visits.push(visit);
  const changed: BoardChanged[] = [];
  const strokes: BoardStrokeView[] = [];
  const cursors: BoardCursorView[] = [];
  visit.onMessage("board:changed", (m: BoardChanged) => changed.push(m));
  visit.onMessage("board:stroke", (m: BoardStrokeView) => strokes.push(m));
  visit.onMessage("board:cursor", (m: BoardCursorView) => cursors.push(m));
  const open = (boardId = BOARD, since?: number) => visit.request("board:open", since === undefined ? { boardId } : { boardId, since }) as Promise<BoardSnapshot>;
  const put = (elements: BoardElement[], boardId = BOARD) => visit.request("board:ops", { boardId, elements }) as Promise<BoardOpsReply>;
  return Object.assign(visit, { changed, strokes, cursors, open, put });
}

beforeAll(async () => {
  server = await startTestServer({ ATRIUM_DEMO_STAFF: "1" });
}, 60_000);

afterEach(async () => {
  for (const v of visits.splice(0)) await v.leave().catch(() => undefined);
});

afterAll(async () => {
  await server?.stop();
});

describe("a hall whiteboard", () => {
  it("shows each person's drawing, strokes and cursor to the others; a late joiner gets the whole board", async () => {
    const ada = await visitor("Ada");
    const bo = await visitor("Bo");
    const opened = await ada.open();
    expect(opened).toMatchObject({ boardId: BOARD, kind: "surface", title: "Support board", locked: false, full: true, canDraw: true, canModerate: false });
    await bo.open();

    const reply = await ada.put([rect("r1")]);
    expect(reply.stale).toEqual([]);
    await until(() => bo.changed.some((c) => c.elements.some((e) => e.id === "r1")));
    expect(bo.changed.at(-1)!.clock).toBe(reply.clock);

    // A stroke being drawn reaches Bo point by point (not back to Ada), then its put.
    ada.send("board:stroke", { boardId: BOARD, id: "s1", type: "freedraw", x: 0, y: 0, strokeColor: "#e03131", strokeWidth: 2, opacity: 100, from: 0, points: [[0, 0], [5, 5]] });
    ada.send("board:stroke", { boardId: BOARD, id: "s1", type: "freedraw", x: 0, y: 0, strokeColor: "#e03131", strokeWidth: 2, opacity: 100, from: 2, points: [[9, 7]] });
    ada.send("board:cursor", { boardId: BOARD, x: 40, y: 60, tool: "laser", down: true });
    await until(() => bo.strokes.length === 2 && bo.cursors.length === 1);
    expect(bo.strokes.map((s) => [s.from, s.points.length, s.by])).toEqual([[0, 2, ada.sessionId], [2, 1, ada.sessionId]]);
    expect(bo.cursors[0]).toMatchObject({ x: 40, y: 60, tool: "laser", name: "Ada", sessionId: ada.sessionId });
    expect(bo.cursors[0]!.color).toMatch(/^#/);
    await ada.put([{ ...rect("s1"), type: "freedraw", points: [[0, 0], [5, 5], [9, 7]] }]);
    expect(ada.strokes).toEqual([]);

    // Cy comes later and sees the board as it is now, and who is on it.
    const cy = await visitor("Cy");
    const late = await cy.open();
    expect(late.full).toBe(true);
    expect(late.cursors?.map((c) => [c.name, c.x, c.y, c.tool])).toEqual([["Ada", 40, 60, "laser"]]);
    expect(late.elements.map((e) => e.id).sort()).toEqual(["r1", "s1"]);
    expect(late.elements.find((e) => e.id === "s1")!.points).toHaveLength(3);
  });

  it("converges when two people change one element at once, and catches a reconnecting page up with only what changed", async () => {
    const ada = await visitor("Ada");
    const bo = await visitor("Bo");
    const start = await ada.open();
    await bo.open();
    await ada.put([rect("shared", 1)]);
    const seen = (await bo.open(BOARD, start.clock)).clock; // reopening with a clock: only what changed

    // Both move "shared" from version 1: the lower nonce wins on both pages whatever the order.
    const [a, b] = await Promise.all([ada.put([rect("shared", 2, { x: 500, versionNonce: 9 })]), bo.put([rect("shared", 2, { x: 900, versionNonce: 4 })])]);
    expect([...a.stale, ...b.stale].length).toBeLessThanOrEqual(1);
    const latest = (v: typeof ada) => v.changed.filter((c) => c.elements.some((e) => e.id === "shared")).at(-1)!.elements.find((e) => e.id === "shared")!;
    await until(() => latest(ada)?.x === 900 && latest(bo)?.x === 900);

    // Bo was away for a while: his page asks for what changed since the clock it saw.
    await ada.put([rect("later", 1)]);
    const catchUp = await bo.open(BOARD, seen);
    expect(catchUp.full).toBe(false);
    expect(catchUp.elements.map((e) => e.id).sort()).toEqual(["later", "shared"]);
  });

  it("lets only staff lock and clear; a locked board refuses customers' puts with a reason", async () => {
    const lin = await signInStaff(server.url, "lin.wei@nova.example");
    const ada = await visitor("Ada");
    await ada.open();
    const agent = await staffHallVisit(server.url, lin.headers, ada.roomId);
    visits.push(agent as unknown as Visit);
    const staffOpen = (await agent.request("board:open", { boardId: BOARD })) as BoardSnapshot;
    expect(staffOpen.canModerate).toBe(true);
    await ada.put([rect("mine")]);

    expect(await rejection(ada.request("board:lock", { boardId: BOARD, locked: true }))).toMatchObject({ code: "not_allowed", message: "only staff can lock or clear a board" });
    expect(await rejection(ada.request("board:clear", { boardId: BOARD }))).toMatchObject({ message: "only staff can lock or clear a board" });
    const metas: { locked: boolean; canDraw: boolean }[] = [];
    ada.onMessage("board:meta", (m: { locked: boolean; canDraw: boolean }) => metas.push(m));
    await agent.request("board:lock", { boardId: BOARD, locked: true });
    await until(() => metas.length === 1);
    expect(metas[0]).toMatchObject({ locked: true, canDraw: false });
    expect(await rejection(ada.put([rect("mine", 2, { x: 1 })]))).toMatchObject({ code: "not_allowed", message: "the board is locked: only the agent can draw on it now" });
    expect(((await agent.request("board:ops", { boardId: BOARD, elements: [rect("agent-note")] })) as BoardOpsReply).stale).toEqual([]);

    await agent.request("board:clear", { boardId: BOARD });
    await until(() => ada.changed.some((c) => c.by === "server"));
    const after = await ada.open();
    expect(after.elements).toEqual([]);
    expect(after.locked).toBe(true);
    await agent.request("board:lock", { boardId: BOARD, locked: false });
    await ada.put([rect("again")]);
  });

  it("refuses bad input with a clear message and leaves the board as it was", async () => {
    const ada = await visitor("Ada");
    const bo = await visitor("Bo");
    // Not opened yet.
    expect(await rejection(ada.put([rect("x")]))).toMatchObject({ message: "open the board first" });
    const before = await ada.open();
    expect(await rejection(ada.request("board:open", { boardId: "surface:nowhere" }))).toMatchObject({ code: "not_found", message: 'this hall has no whiteboard "nowhere"' });
    expect(await rejection(ada.request("board:open", { boardId: "../../etc" }))).toMatchObject({ code: "invalid_payload" });
    expect((await rejection(ada.put([{ ...rect("x"), type: "image" as never }]))).message).toMatch(/^invalid "board:ops" payload at elements.0.type/);
    expect((await rejection(ada.put([{ ...rect("x"), type: "freedraw", points: Array.from({ length: 2001 }, (_, i) => [i, 0] as [number, number]) }]))).message).toMatch(/more than 2000 points/);
    expect((await rejection(ada.put([{ ...rect("x"), link: "javascript:alert(1)" }]))).message).toMatch(/links must be http/);
    expect((await rejection(ada.put([{ ...rect("x"), x: Number.NaN }]))).code).toBe("invalid_payload");
    expect((await rejection(ada.request("board:ops", { boardId: BOARD, elements: Array.from({ length: 101 }, (_, i) => rect(`e${i}`)) }))).message).toMatch(/more than 100 elements/);
    // Over the 48 K characters a board message may carry, under the 64 KB a WebSocket frame may.
    const huge = Array.from({ length: 20 }, (_, i) => ({ ...rect(`t${i}`), type: "text" as const, text: "a".repeat(2600) }));
    expect((await rejection(ada.request("board:ops", { boardId: BOARD, elements: huge }))).code).toBe("payload_too_large");
    // A session board of someone else's session.
    expect(await rejection(ada.request("board:open", { boardId: "session:nobody" }))).toMatchObject({ message: "this board belongs to a service session you are not part of" });
    // Nothing of it reached the board or Bo.
    expect((await bo.open()).clock).toBe(before.clock);
    expect(bo.changed).toEqual([]);
  });
});

describe("a service session's board", () => {
  it("is shared by the customer and the agent serving her, and refused to anyone else", async () => {
    const lin = await signInStaff(server.url, "lin.wei@nova.example");
    const desk = await EventStreamReader.open<DeskView>(`${server.url}/api/desk/events`, "desk", lin.headers);
    try {
      const post = (path: string, body?: unknown) =>
        fetch(`${server.url}${path}`, { method: "POST", headers: { ...lin.headers, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
      await post("/api/desk/presence", { presence: "available" });
      const ada = await visitor("Ada");
      const bystander = await visitor("Eve");
      const view = (await ada.request("service:request", { reason: "button", lang: "en" })) as ServiceView;
      await desk.next((v) => v.offers.some((o) => o.contactId === view.contactId));
      const accepted = (await (await post(`/api/desk/offers/${view.contactId}/accept`)).json()) as AcceptReply;
      const agent = await staffHallVisit(server.url, lin.headers, accepted.roomId);
      visits.push(agent as unknown as Visit);
      await agent.request("service:attach", { contactId: view.contactId });
      const boardId = `session:${view.contactId}`;

      const mine = await ada.open(boardId);
      expect(mine).toMatchObject({ kind: "session", title: `#${view.ticketNumber}`, canDraw: true, canModerate: false });
      const agentChanged: BoardChanged[] = [];
      agent.onMessage("board:changed", (m: BoardChanged) => agentChanged.push(m));
      expect(((await agent.request("board:open", { boardId })) as BoardSnapshot).canModerate).toBe(true);
      await ada.put([rect("plan")], boardId);
      await until(() => agentChanged.some((c) => c.elements.some((e) => e.id === "plan")));
      expect(await rejection(bystander.request("board:open", { boardId }))).toMatchObject({ code: "not_allowed", message: "this board belongs to a service session you are not part of" });
      expect(await rejection(bystander.request("board:ops", { boardId, elements: [rect("x")] }))).toMatchObject({ message: "open the board first" });
      await agent.request("service:end");

      // The session ended: its board is on the ticket, as SVG and PNG files and a timeline entry.
      type Entry = { kind: string; data: { svgFileId?: string; pngFileId?: string; elements?: number } };
      const timeline = async () => ((await (await fetch(`${server.url}/api/tickets/${view.ticketNumber}`, { headers: lin.headers })).json()) as { timeline: Entry[] }).timeline;
      let entries: Entry[] = [];
      await until(async () => (entries = await timeline()).some((e) => e.kind === "board"), 15_000);
      const board = entries.find((e) => e.kind === "board")!;
      expect(board.data.elements).toBe(1);
      const png = await fetch(`${server.url}/api/files/${board.data.pngFileId}`, { headers: lin.headers });
      expect(png.status).toBe(200);
      expect([...new Uint8Array(await png.arrayBuffer()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      const svg = await fetch(`${server.url}/api/files/${board.data.svgFileId}`, { headers: lin.headers });
      expect(svg.headers.get("content-disposition")).toMatch(/^attachment/);
      expect(await svg.text()).toContain("<svg");
      // The bystander cannot download it.
      expect((await fetch(`${server.url}/api/files/${board.data.pngFileId}`, { headers: { authorization: `Bearer ${await newSessionToken(server.url, "Eve")}` } })).status).toBe(403);
    } finally {
      desk.close();
    }
  });
});

describe("kill -9", () => {
  it("loses no acknowledged op: the board is whole after a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "atrium-boards-"));
    const env = { ATRIUM_DB_PATH: join(dir, "atrium.db") };
    try {
      const first = await startChildServer(env);
      const ada = await visitor("Ada", first.url);
      ada.reconnection.enabled = false;
      await ada.open();
      const acknowledged = new Set<string>();
      let stop = false;
      const drawing = (async () => {
        for (let i = 0; i < 200 && !stop; i++) {
          const id = `k${i}`;
          void ada.put([rect(id)]).then(() => acknowledged.add(id), () => undefined);
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      await until(() => acknowledged.size >= 20, 15_000);
      await first.kill9();
      stop = true;
      await drawing;
      visits.splice(visits.indexOf(ada), 1);

      const second = await startChildServer(env);
      try {
        const bo = await visitor("Bo", second.url);
        const board = await bo.open();
        const ids = new Set(board.elements.map((e) => e.id));
        for (const id of acknowledged) expect(ids.has(id), `acknowledged ${id} is on the board`).toBe(true);
        expect(ids.size).toBeGreaterThanOrEqual(acknowledged.size);
        await bo.leave();
        visits.splice(visits.indexOf(bo), 1);
      } finally {
        await second.kill9();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
