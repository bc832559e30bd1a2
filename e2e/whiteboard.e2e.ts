import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser.ts";
import { enterHall, eventually, walkTo } from "./support/hall-page.ts";
import { startProductServer, type ProductServer } from "./support/product-server.ts";

/**
 * The 2D whiteboard editor (Excalidraw bound to Atrium's board sync) in real Chromium pages on
 * the real server: two visitors draw on the hall's "Support board" with the mouse — a freehand
 * stroke (the other sees it grow, then the finished line), a highlighter mark, a rectangle, a
 * sticky note written on at once — and each sees the other's element and named cursor (and laser);
 * undo / redo reach the others; an agent coming late (in Chinese) gets the whole board, locks it and
 * the customer can only look (a put is refused), then unlocks; a concurrent edit of one element
 * converges on every page; Escape goes back to the hall; no request leaves the site. Screenshots
 * of the editor in English and Chinese.
 */
let server: ProductServer;
let browser: Browser;
const shots = "test-results/e2e";
const BOARD = "surface:support";
/** The Nova hall's "Support board": 1.8 m wide, centre 1.45 m up, facing the entrance (+z). */
const SUPPORT = { x: 9.4, y: 1.45, z: -8.1 };

interface SceneEl {
  id: string;
  type: string;
  version: number;
  versionNonce: number;
  isDeleted: boolean;
  locked: boolean;
  x: number;
}

/** The open editor's scene on a page (deleted elements included). */
const scene = (page: Page) =>
  page.evaluate(() =>
    (window.atriumBoard?.api.getSceneElementsIncludingDeleted() ?? []).map((e) => ({ id: e.id, type: e.type, version: e.version, versionNonce: e.versionNonce, isDeleted: e.isDeleted, locked: e.locked, x: e.x }) as SceneEl),
  );
const element = async (page: Page, id: string) => (await scene(page)).find((e) => e.id === id);

async function editorOpen(page: Page): Promise<void> {
  await page.locator(`[data-testid="board-editor"][data-board="${BOARD}"]`).waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => window.atriumBoard !== undefined, undefined, { timeout: 60_000 });
  await page.locator(".excalidraw canvas.interactive").waitFor();
}

/** The middle of the drawing area, in page pixels. */
async function canvasBox(page: Page) {
  const box = (await page.locator(".excalidraw canvas.interactive").boundingBox())!;
  return { x: box.x, y: box.y, w: box.width, h: box.height, cx: box.x + box.width / 2, cy: box.y + box.height / 2 };
}

async function pickTool(page: Page, tool: "freedraw" | "rectangle" | "selection") {
  // The tool's radio input is under its icon: click the label around both.
  await page.locator(`.excalidraw label:has([data-testid="toolbar-${tool}"])`).click();
}

/** A staff member in the hall: signed in, then through the lobby like anyone. */
async function enterHallAsStaff(email: string, name: string, prepare?: (page: Page) => Promise<void>): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  expect((await context.request.post(`${server.url}/api/auth/signin`, { data: { email, password: "atrium-demo" } })).status()).toBe(200);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[${name}] page error:`, e.message));
  await prepare?.(page);
  await page.goto(`${server.url}/hall/demo`);
  await page.getByTestId("lobby-name").fill(name);
  await page.getByTestId("lobby-enter").click();
  await page.getByTestId("media-status").waitFor({ timeout: 90_000 });
  return page;
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startProductServer({ ATRIUM_DEMO_STAFF: "1" });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  const code = await server?.stop();
  expect(code, "server exits cleanly on SIGTERM").toBe(0);
});

describe("the whiteboard editor", () => {
  it("lets people draw together on a hall whiteboard, live, with cursors, undo, lock and convergence", async () => {
    const started = Date.now();
    const step = (what: string) => console.log(`[whiteboard] ${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);
    const outside: string[] = [];
    const watchRequests = (page: Page) => {
      page.on("request", (r) => {
        const url = r.url();
        if (!url.startsWith("data:") && !url.startsWith("blob:") && new URL(url).origin !== new URL(server.url).origin) outside.push(url);
      });
    };
    const ada = await enterHall(browser, server.url, "Ada", "demo", async (p) => watchRequests(p));
    const bo = await enterHall(browser, server.url, "Bo", "demo", async (p) => watchRequests(p));

    step("Ada and Bo are in the hall");
    // Ada walks up to the support board: the HUD offers it; she opens it from there.
    await walkTo(ada, SUPPORT.x - 0.4, SUPPORT.z + 2);
    const prompt = ada.getByTestId("whiteboard-open");
    await prompt.waitFor({ timeout: 10_000 });
    expect(await prompt.textContent()).toContain("Support board");
    await ada.screenshot({ path: `${shots}/whiteboard-hall-prompt.png` });
    await prompt.click();
    await editorOpen(ada);

    step("Ada's editor is open");
    // Bo clicks the board itself in the 3D hall (the board's right half: his avatar may stand before its middle).
    await walkTo(bo, SUPPORT.x + 0.6, SUPPORT.z + 2.6);
    await bo.waitForFunction(() => window.atriumProbe !== undefined);
    await new Promise((r) => setTimeout(r, 1500)); // the follow camera settles behind him
    const spot = await bo.evaluate(({ x, y, z }) => window.atriumProbe!.project(x + 0.6, y + 0.2, z + 0.02), SUPPORT);
    expect(spot, "the board is on Bo's screen").toBeTruthy();
    await bo.mouse.click(spot!.x, spot!.y);
    await editorOpen(bo);

    step("Bo's editor is open");
    // Ada draws a freehand stroke; while her button is down Bo sees it grow, then the finished line.
    await pickTool(ada, "freedraw");
    const a = await canvasBox(ada);
    await ada.mouse.move(a.cx - 200, a.cy - 60);
    await ada.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await ada.mouse.move(a.cx - 200 + i * 12, a.cy - 60 + Math.sin(i / 2) * 30);
      await new Promise((r) => setTimeout(r, 25));
    }
    await bo.waitForFunction(() => (window.atriumBoard?.handle.view.strokes.size ?? 0) > 0, undefined, { timeout: 10_000 });
    const growing = await bo.evaluate(() => [...window.atriumBoard!.handle.view.strokes.values()][0]!.points.length);
    expect(growing).toBeGreaterThan(3);
    expect((await scene(bo)).some((e) => e.type === "freedraw" && e.locked), "Bo's editor draws the stroke in progress").toBe(true);
    for (let i = 13; i <= 24; i++) await ada.mouse.move(a.cx - 200 + i * 12, a.cy - 60 + Math.sin(i / 2) * 30);
    await ada.mouse.up();
    const stroke = (await scene(ada)).find((e) => e.type === "freedraw" && !e.isDeleted)!;
    expect(stroke).toBeTruthy();
    await eventually(() => element(bo, stroke.id), (e) => e !== undefined && !e.locked && e.version >= stroke.version, 10_000);

    step("Bo sees Ada's stroke");
    // Bo marks it with the highlighter (a wide, see-through yellow stroke): Ada gets it as drawn.
    const b = await canvasBox(bo);
    await bo.getByTestId("board-highlighter").click();
    await bo.mouse.move(b.cx - 210, b.cy - 40);
    await bo.mouse.down();
    await bo.mouse.move(b.cx + 20, b.cy - 40, { steps: 12 });
    await bo.mouse.up();
    const highlight = (await bo.evaluate(() => window.atriumBoard!.api.getSceneElements().filter((e) => e.type === "freedraw").map((e) => ({ id: e.id, opacity: e.opacity, strokeColor: e.strokeColor, strokeWidth: e.strokeWidth }))))[1]!;
    expect(highlight).toMatchObject({ opacity: 40, strokeColor: "#fab005", strokeWidth: 6 });
    await eventually(() => ada.evaluate((id) => window.atriumBoard!.api.getSceneElements().find((e) => e.id === id)?.opacity, highlight.id), (o) => o === 40, 10_000);

    // Then a rectangle (in his own ink again: the highlighter's style stays with the highlighter); Ada sees it.
    await pickTool(bo, "rectangle");
    await bo.mouse.move(b.cx + 40, b.cy + 20);
    await bo.mouse.down();
    await bo.mouse.move(b.cx + 160, b.cy + 80, { steps: 6 });
    await bo.mouse.move(b.cx + 240, b.cy + 130, { steps: 6 });
    await bo.mouse.up();
    const rect = (await scene(bo)).find((e) => e.type === "rectangle" && !e.isDeleted)!;
    expect(rect).toBeTruthy();
    expect(await bo.evaluate((id) => window.atriumBoard!.api.getSceneElements().find((e) => e.id === id)!.opacity, rect.id)).toBe(100);
    await eventually(() => element(ada, rect.id), (e) => e !== undefined && !e.isDeleted, 10_000);

    step("Ada sees Bo's rectangle");
    // Cursors with names: Bo's pointer on Ada's page, Ada's on Bo's.
    await bo.mouse.move(b.cx - 100, b.cy - 100, { steps: 5 });
    await ada.mouse.move(a.cx + 100, a.cy + 100, { steps: 5 });
    const collaborators = (page: Page) => page.evaluate(() => [...window.atriumBoard!.api.getAppState().collaborators.values()].map((c) => ({ name: c.username, tool: c.pointer?.tool, button: c.button })));
    await eventually(() => collaborators(ada), (cs) => cs.some((c) => c.name === "Bo"), 10_000);
    await eventually(() => collaborators(bo), (cs) => cs.some((c) => c.name === "Ada"), 10_000);
    // Her laser pointer: Bo's page gets it with the button down (Excalidraw draws the fading trail).
    await ada.locator(".excalidraw .App-toolbar__extra-tools-trigger").click();
    await ada.locator('.excalidraw [data-testid="toolbar-laser"]').click();
    await ada.mouse.move(a.cx, a.cy);
    await ada.mouse.down();
    for (let i = 1; i <= 8; i++) await ada.mouse.move(a.cx + i * 15, a.cy + i * 6);
    await eventually(() => collaborators(bo), (cs) => cs.some((c) => c.name === "Ada" && c.tool === "laser" && c.button === "down"), 10_000);
    await ada.mouse.up();
    await pickTool(ada, "selection");

    // Ada adds a sticky note and writes on it at once; Escape ends her typing (not the editor); Bo reads it.
    await ada.getByTestId("board-sticky").click();
    await ada.locator("textarea.excalidraw-wysiwyg").waitFor({ timeout: 10_000 });
    await ada.keyboard.type("Call back Monday");
    await ada.keyboard.press("Escape");
    await ada.locator("textarea.excalidraw-wysiwyg").waitFor({ state: "detached" });
    expect(await ada.getByTestId("board-editor").count(), "Escape while typing stays in the editor").toBe(1);
    const noteText = (page: Page) => page.evaluate(() => (window.atriumBoard!.api.getSceneElements().find((e) => e.type === "text" && "containerId" in e && e.containerId) as { text?: string } | undefined)?.text);
    expect(await noteText(ada)).toBe("Call back Monday");
    await eventually(() => noteText(bo), (t) => t === "Call back Monday", 10_000);
    await ada.mouse.move(a.cx + 120, a.cy + 140, { steps: 3 });
    await ada.screenshot({ path: `${shots}/whiteboard-en.png` });

    // The agent comes late (in Chinese): the whole board is there, with the staff's Lock and Clear.
    step("the agent joins late");
    const agent = await enterHallAsStaff("lin.wei@nova.example", "Lin Wei", async (p) => {
      watchRequests(p);
      await p.addInitScript(() => localStorage.setItem("atrium.lang", "zh-CN"));
    });
    await agent.evaluate(() => window.dispatchEvent(new CustomEvent("atrium:open-whiteboard", { detail: { surfaceId: "support" } })));
    await editorOpen(agent);
    await eventually(() => scene(agent), (els) => [stroke.id, rect.id].every((id) => els.some((e) => e.id === id && !e.isDeleted)), 10_000);
    expect(await agent.getByTestId("board-close").textContent()).toContain("关闭");
    expect(await agent.getByTestId("board-lock").textContent()).toContain("锁定白板");
    await agent.mouse.move(640, 420, { steps: 3 });
    await agent.screenshot({ path: `${shots}/whiteboard-zh.png` });

    // Undo / redo are Ada's own (her sticky note, then her stroke: not Bo's rectangle), and reach the others.
    step("undo / redo");
    const undo = () => ada.locator(".excalidraw .undo-button-container button").click();
    const redo = () => ada.locator(".excalidraw .redo-button-container button").click();
    const live = (page: Page, id: string) => element(page, id).then((e) => e !== undefined && !e.isDeleted);
    let undone = 0;
    while (await live(ada, stroke.id)) {
      expect(undone++, "a few undos take back her note and her stroke").toBeLessThan(12);
      await undo();
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await noteText(ada)).toBeUndefined();
    await eventually(() => live(bo, stroke.id), (on) => !on, 10_000);
    await eventually(() => live(agent, stroke.id), (on) => !on, 10_000);
    await eventually(() => noteText(bo), (t) => t === undefined, 10_000);
    expect(await live(bo, rect.id)).toBe(true);
    for (let i = 0; i < undone; i++) await redo();
    await eventually(() => live(bo, stroke.id), (on) => on, 10_000);
    await eventually(() => noteText(bo), (t) => t === "Call back Monday", 10_000);

    // The agent locks the board: Ada can only look; a put is refused; Bo's rectangle stays as it was.
    step("lock");
    await agent.getByTestId("board-lock").click();
    await ada.locator('[data-testid="board-editor"][data-locked="true"][data-can-draw="false"]').waitFor({ timeout: 10_000 });
    await ada.getByTestId("board-locked-banner").waitFor();
    expect(await ada.locator(".excalidraw.excalidraw--view-mode").count()).toBe(1);
    const countBefore = (await scene(agent)).length;
    await ada.mouse.move(a.cx - 150, a.cy + 120);
    await ada.mouse.down();
    await ada.mouse.move(a.cx, a.cy + 160, { steps: 8 });
    await ada.mouse.up();
    const refusal = await ada.evaluate(async (id) => {
      const h = window.atriumBoard!.handle;
      const e = h.view.elements.get(id)!;
      return h.put([{ ...e, version: e.version + 1, x: e.x + 50 }]).then(
        () => "accepted",
        (error: { code?: string }) => error.code,
      );
    }, rect.id);
    expect(refusal).toBe("not_allowed");
    await ada.screenshot({ path: `${shots}/whiteboard-locked.png` });
    await agent.screenshot({ path: `${shots}/whiteboard-staff-locked.png` });
    await new Promise((r) => setTimeout(r, 500));
    expect((await scene(agent)).length).toBe(countBefore);
    expect((await element(agent, rect.id))!.x).toBe(rect.x);
    await agent.getByTestId("board-lock").click();
    await ada.locator('[data-testid="board-editor"][data-locked="false"][data-can-draw="true"]').waitFor({ timeout: 10_000 });

    // Ada and Bo change the same rectangle at the same moment: every page ends with the same one (the lower nonce of the two).
    const base = await bo.evaluate((id) => window.atriumBoard!.handle.view.elements.get(id)!, rect.id);
    const edit = (page: Page, nonce: number, dx: number) =>
      page.evaluate(
        ({ e, nonce, dx }) => window.atriumBoard!.handle.put([{ ...e, version: e.version + 1, versionNonce: nonce, x: e.x + dx }]),
        { e: base, nonce, dx },
      );
    await Promise.all([edit(ada, 111, 200), edit(bo, 222, -200)]);
    step("a concurrent edit");
    for (const page of [ada, bo, agent]) {
      await eventually(() => element(page, rect.id), (e) => e?.versionNonce === 111 && e.x === base.x + 200, 10_000);
      expect(await page.evaluate((id) => window.atriumBoard!.handle.view.elements.get(id)!.versionNonce, rect.id)).toBe(111);
    }

    step("converged");
    // Escape (with nothing selected) closes the editor and returns to the hall.
    await bo.mouse.click(b.cx - 260, b.cy - 160);
    await bo.keyboard.press("Escape");
    await bo.getByTestId("board-editor").waitFor({ state: "detached", timeout: 10_000 });

    expect(outside, "no request leaves the site").toEqual([]);
  }, 420_000);
});
