import { mkdirSync, writeFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestGlb } from "../game-server/studio/test-glb.ts";
import type { Scene } from "../scenes/scene-format.ts";
import { launchChromium } from "./support/browser.ts";
import { grabCanvas } from "./support/canvas-frame.ts";
import { enterHall, eventually } from "./support/hall-page.ts";
import { startProductServer, type ProductServer } from "./support/product-server.ts";

/**
 * The scene studio in real Chromium on the real product: a marketer signs in, duplicates the
 * electronics hall, uploads a GLB product (a magenta box), puts it on the booth nearest the
 * entrance, edits a sign, undoes and redoes, reloads (autosave and the undo history survive),
 * previews the draft in a private instance, publishes and gives the hall the new scene. A customer
 * entering the hall sees the magenta product where the booth's product was; after a rollback it is
 * gone again. Screenshots of the studio in English and Chinese.
 */
let server: ProductServer;
let browser: Browser;
let marketer: BrowserContext;
let page: Page;
const shots = "test-results/e2e";
const SIGN_TEXT = "Spring sale 春季特卖";

/** How much of a small square around a screen point is strongly magenta (the uploaded model's colour). */
async function magentaAt(customer: Page, point: { x: number; y: number }, name: string): Promise<number> {
  const frame = await grabCanvas(customer, `${shots}/studio-${name}.png`);
  const { png, scale } = frame;
  let hits = 0;
  let total = 0;
  for (let dy = -8; dy <= 8; dy++) {
    for (let dx = -8; dx <= 8; dx++) {
      const x = Math.round((point.x + dx) * scale);
      const y = Math.round((point.y + dy) * scale);
      if (x < 0 || y < 0 || x >= png.width || y >= png.height) continue;
      const i = (y * png.width + x) * 4;
      const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      total++;
      if (r > 120 && b > 120 && g < 0.55 * Math.min(r, b)) hits++;
    }
  }
  return total === 0 ? 0 : hits / total;
}

/** A customer's fresh visit to the demo hall, and where the booth's product is on their screen. */
async function customerLooksAt(booth: { x: number; y: number; z: number }, name: string): Promise<number> {
  const customer = await enterHall(browser, server.url, name);
  try {
    await customer.waitForFunction(() => (window.atriumProbe?.frames ?? 0) > 30, undefined, { timeout: 60_000 });
    const point = await customer.evaluate(([x, y, z]) => window.atriumProbe!.project(x!, y!, z!), [booth.x, booth.y, booth.z]);
    expect(point, "the booth is in view from the entrance").toBeDefined();
    // The model loads after the hall (a separate file): give it until the picture settles.
    return await eventually(() => magentaAt(customer, point!, name), (v) => v > 0.25, 20_000).catch(() => magentaAt(customer, point!, name));
  } finally {
    await customer.context().close();
  }
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startProductServer({ ATRIUM_DEMO_STAFF: "1" });
  browser = await launchChromium();
  marketer = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const signIn = await marketer.request.post(`${server.url}/api/auth/signin`, { data: { email: "olivia.brown@nova.example", password: "atrium-demo" } });
  expect(signIn.status()).toBe(200);
  page = await marketer.newPage();
  page.on("pageerror", (e) => console.error("[studio] page error:", e.message));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the scene studio", () => {
  it("builds, previews, publishes and rolls back a hall from the browser alone", { timeout: 300_000 }, async () => {
    const hall = (await (await fetch(`${server.url}/api/halls/demo`)).json()) as { scene: Scene };
    // The booth nearest the entrance, in front of it: in view of a customer who just came in.
    const ahead = hall.scene.booths.filter((b) => b.at.z < hall.scene.spawn.z - 1);
    const booth = ahead.sort((a, b) => Math.hypot(a.at.x - hall.scene.spawn.x, a.at.z - hall.scene.spawn.z) - Math.hypot(b.at.x - hall.scene.spawn.x, b.at.z - hall.scene.spawn.z))[0]!;
    const productPoint = { x: booth.at.x, y: booth.size.y + 0.2, z: booth.at.z };
    const before = await customerLooksAt(productPoint, "customer-before");
    expect(before, "no magenta there before").toBeLessThan(0.05);

    // Duplicate the electronics hall.
    await page.goto(`${server.url}/studio`);
    await page.getByTestId("scene-list").waitFor();
    await page.screenshot({ path: `${shots}/studio-home-en.png` });
    await page.getByTestId("new-scene-name").fill("Spring electronics");
    await page.getByTestId("new-scene-from").selectOption({ label: "Nova Electronics" });
    await page.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(/\/studio\/[a-z0-9-]+$/);
    const sceneId = new URL(page.url()).pathname.split("/").pop()!;
    await page.getByTestId("outline").waitFor();
    // Version 1 is the copy as it is: what a rollback comes back to.
    await page.getByRole("button", { name: "Publish" }).click();
    await expect.poll(() => page.getByTestId("studio-message").textContent(), { timeout: 20_000 }).toMatch(/Published version 1/);

    // Upload a GLB product model (checked and optimised on the server).
    const glbPath = `${shots}/studio-product.glb`;
    writeFileSync(glbPath, await buildTestGlb({ color: [1, 0, 1, 1], size: [0.5, 0.5, 0.5] }));
    await page.getByTestId("glb-upload").setInputFiles(glbPath);
    await expect.poll(() => page.getByTestId("studio-message").textContent(), { timeout: 30_000 }).toMatch(/triangles/);

    // Put it on the booth, chosen in the outline.
    await page.getByTestId("outline").getByRole("button", { name: booth.label, exact: true }).click();
    await page.getByRole("button", { name: "Put on the selected booth: studio-product" }).click();
    await expect.poll(() => page.getByTestId("prop-product").inputValue(), { timeout: 15_000 }).toMatch(/^glb:\/api\/studio\/assets\//);

    // Edit a sign; undo and redo it.
    const signs = page.getByTestId("outline").locator("details", { hasText: "Signs" });
    const firstSign = signs.getByRole("button").first();
    const original = (await firstSign.textContent())!.trim();
    await firstSign.click();
    await page.getByTestId("prop-text").fill(SIGN_TEXT);
    await expect.poll(() => signs.getByRole("button").first().textContent(), { timeout: 15_000 }).toBe(SIGN_TEXT);
    await page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => page.getByTestId("prop-text").inputValue(), { timeout: 15_000 }).toBe(original);
    await page.getByRole("button", { name: "Redo" }).click();
    await expect.poll(() => page.getByTestId("prop-text").inputValue(), { timeout: 15_000 }).toBe(SIGN_TEXT);
    await expect.poll(() => page.getByTestId("save-state").getAttribute("data-state"), { timeout: 20_000 }).toBe("saved");
    await page.screenshot({ path: `${shots}/studio-editor-en.png` });

    // Reload: the draft was saved, and the undo history is still there.
    await page.reload();
    await page.getByTestId("outline").waitFor();
    await signs.getByRole("button", { name: SIGN_TEXT }).click();
    await expect.poll(() => page.getByTestId("prop-text").inputValue(), { timeout: 15_000 }).toBe(SIGN_TEXT);
    await page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => page.getByTestId("prop-text").inputValue(), { timeout: 15_000 }).toBe(original);
    await page.getByRole("button", { name: "Redo" }).click();
    await expect.poll(() => page.getByTestId("save-state").getAttribute("data-state"), { timeout: 20_000 }).toBe("saved");
    const saved = (await (await marketer.request.get(`${server.url}/api/studio/scenes/${sceneId}`)).json()) as { scene: { draft: Scene } };
    expect(saved.scene.draft.signage.map((s) => s.text)).toContain(SIGN_TEXT);

    // Preview the draft as a customer would, in a private instance.
    const preview = await marketer.newPage();
    await preview.goto(`${server.url}/hall/demo?preview=${sceneId}`);
    await preview.getByTestId("lobby-name").fill("Olivia");
    await preview.getByTestId("lobby-enter").click();
    await preview.getByTestId("preview-ribbon").waitFor({ timeout: 60_000 });
    const previewRoom = await preview.evaluate(() => window.atrium?.presence.room.roomId);
    expect(previewRoom).toBeTruthy();
    await preview.close();

    // Publish version 2, and give the hall the new scene.
    await page.getByRole("button", { name: "Publish" }).click();
    await expect.poll(() => page.getByTestId("studio-message").textContent(), { timeout: 20_000 }).toMatch(/Published version 2/);
    await page.goto(`${server.url}/studio`);
    await page.getByTestId("hall-scene-demo").selectOption({ label: "Spring electronics" });
    const shown = async () => ((await (await fetch(`${server.url}/api/halls/demo`)).json()) as { scene: { id: string; signage: { text: string }[] } }).scene;
    await expect.poll(async () => (await shown()).id, { timeout: 15_000 }).toBe(sceneId);
    expect((await shown()).signage.map((s) => s.text)).toContain(SIGN_TEXT);

    const after = await customerLooksAt(productPoint, "customer-after");
    expect(after, "the uploaded product stands on the booth").toBeGreaterThan(0.25);

    // Roll back to version 1: the product is gone for the next customer.
    await page.goto(`${server.url}/studio/${sceneId}`);
    await page.getByRole("button", { name: "Make live again: v1" }).click();
    await expect.poll(() => page.getByTestId("studio-message").textContent(), { timeout: 20_000 }).toMatch(/Version 1 is live again/);
    expect((await shown()).signage.map((s) => s.text)).not.toContain(SIGN_TEXT);
    const back = await customerLooksAt(productPoint, "customer-rolled-back");
    expect(back, "gone again").toBeLessThan(0.05);
  });

  it("speaks Chinese and is refused to an agent", async () => {
    await page.goto(`${server.url}/studio`);
    await page.getByRole("button", { name: "中文" }).click();
    await page.getByRole("heading", { name: "展厅工作室" }).waitFor();
    await page.screenshot({ path: `${shots}/studio-home-zh.png` });
    await page.getByRole("link", { name: /Spring electronics/ }).click();
    await page.getByTestId("outline").waitFor();
    await page.getByRole("button", { name: "撤销" }).waitFor();
    await page.screenshot({ path: `${shots}/studio-editor-zh.png` });
    await page.getByRole("button", { name: "English" }).click();

    const agent = await browser.newContext();
    await agent.request.post(`${server.url}/api/auth/signin`, { data: { email: "lin.wei@nova.example", password: "atrium-demo" } });
    expect((await agent.request.get(`${server.url}/api/studio/scenes`)).status()).toBe(403);
    const agentPage = await agent.newPage();
    await agentPage.goto(`${server.url}/studio`);
    await agentPage.getByText(/marketers/i).first().waitFor();
    await agent.close();
  });
});
