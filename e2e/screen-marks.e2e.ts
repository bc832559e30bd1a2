import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser.ts";
import { enterHall, eventually, walkTo } from "./support/hall-page.ts";
import { changedFraction } from "./support/pixels.ts";
import { startProductServer, type ProductServer } from "./support/product-server.ts";

/**
 * Boards where people look at them, in real Chromium pages: a drawing put on the support
 * whiteboard shows on the board hanging in the 3D hall (its pixels change); and in a service
 * session the agent marks up the customer's shared screen — an arrow that fades, pinned marks
 * that stay until cleared — and the customer sees them over the preview of her own screen.
 */
let server: ProductServer;
let browser: Browser;
let ada: Page;
const shots = "test-results/e2e";

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startProductServer({ ATRIUM_DEMO_STAFF: "1" });
  browser = await launchChromium();
  ada = await enterHall(browser, server.url, "Ada");
});

afterAll(async () => {
  await browser?.close();
  const code = await server?.stop();
  expect(code, "server exits cleanly on SIGTERM").toBe(0);
});

describe("boards where people look at them", () => {
  it("shows a drawing on the whiteboard hanging in the hall", async () => {
    // The support board stands at (9.4, -8.1), facing the entrance: stand in front of it.
    await walkTo(ada, 9.4, -5.6);
    await ada.evaluate(() => window.atriumProbe!.holdStill(true));
    await ada.waitForTimeout(1500);
    const clip = await ada.evaluate(() => {
      const corners = [[-0.9, -0.6], [0.9, -0.6], [-0.9, 0.6], [0.9, 0.6]].map(([dx, dy]) => window.atriumProbe!.project(9.4 + dx!, 1.45 + dy!, -8.1)!);
      const xs = corners.map((p) => p.x);
      const ys = corners.map((p) => p.y);
      return { x: Math.max(0, Math.min(...xs)), y: Math.max(0, Math.min(...ys)), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
    });
    const before = await ada.screenshot({ clip });
    await ada.evaluate(async () => {
      const board = await window.atrium!.boards.open("surface:support");
      const base = { version: 1, versionNonce: 1, isDeleted: false, angle: 0, strokeWidth: 4, opacity: 100, backgroundColor: "transparent", strokeColor: "#1e1e1e" };
      await board.put([
        { ...base, id: "plan", type: "rectangle", x: 0, y: 0, width: 420, height: 260, backgroundColor: "#ffc9c9", strokeColor: "#e03131" },
        { ...base, id: "label", type: "text", x: 30, y: 70, width: 360, height: 120, text: "Portfolio 60/40\n投资组合", fontSize: 48 },
        { ...base, id: "goal", type: "ellipse", x: 720, y: 20, width: 260, height: 220, backgroundColor: "#b2f2bb", strokeColor: "#2f9e44" },
      ]);
    });
    const changed = await eventually(async () => changedFraction(before, await ada.screenshot({ clip })), (f) => f > 0.05, 20_000);
    expect(changed, "the board's pixels in the hall changed").toBeGreaterThan(0.05);
    await ada.screenshot({ path: `${shots}/board-in-hall.png` });
    await ada.evaluate(() => window.atriumProbe!.holdStill(false));
  }, 90_000);

  it("lets the agent mark up the customer's shared screen; she sees the marks over her own preview", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    expect((await context.request.post(`${server.url}/api/auth/signin`, { data: { email: "lin.wei@nova.example", password: "atrium-demo" } })).status()).toBe(200);
    const lin = await context.newPage();
    await lin.goto(`${server.url}/agent`);
    await lin.getByTestId("presence-available").click();
    await lin.locator('[data-testid="agent-state"][data-state="available"]').waitFor();
    await ada.getByTestId("concierge-open").click();
    await ada.getByTestId("concierge-person").click();
    await lin.getByTestId("offer-accept").click({ timeout: 20_000 });
    await ada.locator('[data-testid="service-panel"][data-phase="connected"]').waitFor({ timeout: 30_000 });

    // She shares her screen (Chromium's fake capture); the agent sees it live in the console.
    await ada.getByTestId("service-screen").click();
    await ada.getByTestId("screen-preview").waitFor({ timeout: 20_000 });
    await lin.waitForFunction(() => ((document.querySelector('[data-testid="screen-share-view"] video') as HTMLVideoElement | null)?.videoWidth ?? 0) > 0, undefined, { timeout: 30_000 });
    const marksOnAda = () => ada.getByTestId("screen-preview-marks").getAttribute("data-marks").then(Number);
    const box = (await lin.getByTestId("screen-marks-canvas").boundingBox())!;
    const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;

    // An arrow, dragged: it reaches her preview, then fades by itself.
    await lin.mouse.move(...at(0.2, 0.7));
    await lin.mouse.down();
    for (let i = 1; i <= 6; i++) await lin.mouse.move(...at(0.2 + i * 0.04, 0.7 - i * 0.05));
    await lin.mouse.up();
    await eventually(marksOnAda, (n) => n === 1, 15_000);
    await ada.screenshot({ path: `${shots}/screen-marks-customer.png` });
    await eventually(marksOnAda, (n) => n === 0, 20_000);

    // Pinned marks stay: a circle (keys: N pin, C circle) and a highlight; Clear takes them away.
    await lin.getByTestId("screen-share-view").focus();
    await lin.keyboard.press("n");
    await lin.keyboard.press("c");
    await lin.mouse.click(...at(0.7, 0.3));
    await lin.keyboard.press("h");
    await lin.mouse.move(...at(0.1, 0.9));
    await lin.mouse.down();
    for (let i = 1; i <= 8; i++) await lin.mouse.move(...at(0.1 + i * 0.05, 0.9 - (i % 2) * 0.01));
    await lin.mouse.up();
    await eventually(marksOnAda, (n) => n === 2, 15_000);
    await ada.waitForTimeout(6500); // longer than an unpinned mark lives
    expect(await marksOnAda(), "pinned marks are still there").toBe(2);
    await lin.screenshot({ path: `${shots}/screen-marks-agent.png` });
    await lin.getByTestId("screen-mark-clear").click();
    await eventually(marksOnAda, (n) => n === 0, 15_000);

    // A bystander cannot open the session's marks.
    const bo = await enterHall(browser, server.url, "Bo");
    const contactId = await lin.getByTestId("agent-session").getAttribute("data-contact");
    const refused = await bo.evaluate((id) => window.atrium!.boards.open(`screen:${id}`).then(() => "opened", (e: Error) => e.message), contactId);
    expect(refused).toBe("this board belongs to a service session you are not part of");
    await context.close();
  }, 180_000);
});
