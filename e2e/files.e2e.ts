import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sample from "../test-support/sample-files.ts";
import { launchChromium } from "./support/browser.ts";
import { enterHall } from "./support/hall-page.ts";
import { startProductServer, type ProductServer } from "./support/product-server.ts";

/**
 * Files in a service session, in real Chromium pages on the real server: the customer picks a
 * photo in her service panel (with its upload progress), it appears on the agent's console at
 * once with its preview, and his download is byte for byte what she sent; a bystander in the
 * same hall asking for it gets 403; a page renamed .png is refused in her panel with its reason;
 * the ticket page lists the file with a download for staff.
 */
let server: ProductServer;
let browser: Browser;
const shots = "test-results/e2e";
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function staffPage(email: string, path: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const response = await context.request.post(`${server.url}/api/auth/signin`, { data: { email, password: "atrium-demo" } });
  expect(response.status()).toBe(200);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[${email}] page error:`, e.message));
  await page.goto(`${server.url}${path}`);
  return { context, page };
}

/** Asks for a file with the page's own hall token, as a script on that page could. */
const fetchAs = (page: Page, path: string) =>
  page.evaluate(async (p) => {
    const token = (JSON.parse(localStorage.getItem("atrium.session") ?? "{}") as { token?: string }).token;
    const response = await fetch(p, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: await response.text() };
  }, path);

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startProductServer({ ATRIUM_DEMO_STAFF: "1", ATRIUM_OFFER_SECONDS: "20", ATRIUM_AFTER_CALL_SECONDS: "60" });
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  const code = await server?.stop();
  expect(code, "server exits cleanly on SIGTERM").toBe(0);
});

describe("files in a service session", () => {
  it("goes from the customer's panel to the agent's download byte for byte, and to nobody else", async () => {
    const { page: agent } = await staffPage("lin.wei@nova.example", "/agent");
    await agent.getByTestId("presence-available").click();
    await agent.locator('[data-testid="agent-state"][data-state="available"]').waitFor();

    const ada = await enterHall(browser, server.url, "Ada");
    const bo = await enterHall(browser, server.url, "Bo");
    await ada.getByTestId("concierge-open").click();
    await ada.getByTestId("concierge-person").click();
    await agent.getByTestId("agent-offer").waitFor({ timeout: 15_000 });
    await agent.getByTestId("offer-accept").click();
    await agent.getByTestId("agent-session").waitFor({ timeout: 30_000 });
    await ada.locator('[data-testid="service-panel"][data-phase="connected"]').waitFor({ timeout: 15_000 });

    // She picks a photo (a real PNG, 900 × 600) in her panel; it goes up with its progress shown.
    const photo = sample.png(900, 600, [220, 120, 40, 255]);
    const panel = ada.getByTestId("service-panel");
    await panel.getByTestId("session-file-attach").waitFor();
    await panel.getByTestId("session-file-input").setInputFiles({ name: "broken hinge 铰链.png", mimeType: "image/png", buffer: Buffer.from(photo) });
    const mine = panel.getByTestId("session-file").filter({ hasText: "broken hinge 铰链.png" });
    await mine.waitFor({ timeout: 15_000 });
    await mine.getByTestId("session-file-preview").locator("img").waitFor();
    const fileId = (await mine.getAttribute("data-file"))!;

    // On his console at once, with its preview; his download is exactly her bytes.
    const his = agent.getByTestId("agent-session").getByTestId("session-file").filter({ hasText: "broken hinge 铰链.png" });
    await his.waitFor({ timeout: 10_000 });
    expect(await his.textContent()).toContain("from Ada");
    await expect.poll(() => his.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(900);
    await agent.screenshot({ path: `${shots}/files-agent.png` });
    const [download] = await Promise.all([agent.waitForEvent("download"), his.getByTestId("session-file-download").click()]);
    expect(download.suggestedFilename()).toBe("broken hinge 铰链.png");
    expect(sha(readFileSync((await download.path())!))).toBe(sha(photo));

    // He sends a PDF back; it reaches her panel.
    await agent.getByTestId("agent-session").getByTestId("session-file-input").setInputFiles({ name: "hinge-guide.pdf", mimeType: "application/pdf", buffer: Buffer.from(sample.pdf()) });
    await panel.getByTestId("session-file").filter({ hasText: "hinge-guide.pdf" }).waitFor({ timeout: 15_000 });

    // Bo, in the same hall, may not have it.
    const bystander = await fetchAs(bo, `/api/files/${fileId}`);
    expect(bystander.status).toBe(403);
    expect(JSON.parse(bystander.body)).toMatchObject({ code: "not_allowed", error: expect.stringMatching(/service session you are not part of/) });
    // Ada may (her page fetches it with her token).
    expect((await fetchAs(ada, `/api/files/${fileId}`)).status).toBe(200);

    // A page renamed .png: refused in her panel with its reason, nothing added.
    await panel.getByTestId("session-file-input").setInputFiles({ name: "cute-cat.png", mimeType: "image/png", buffer: Buffer.from(sample.html()) });
    const refusal = panel.getByTestId("session-file-error");
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.textContent()).toMatch(/cute-cat\.png was not sent: This file is not what its name says/);
    expect(await panel.getByTestId("session-file").count()).toBe(2);
    await ada.screenshot({ path: `${shots}/files-customer.png` });

    // The ticket tells it: each file on the timeline with a download for staff.
    const ticketNumber = await agent.evaluate(() => (window as unknown as { atriumAgent: { context: { ticketNumber: number } } }).atriumAgent.context.ticketNumber);
    const ticket = await agent.context().newPage();
    await ticket.goto(`${server.url}/tickets/${ticketNumber}`);
    const entry = ticket.locator(`[data-kind="file"][data-file="${fileId}"]`);
    await entry.waitFor({ timeout: 15_000 });
    expect(await entry.getByTestId("ticket-file-download").getAttribute("href")).toBe(`/api/files/${fileId}`);
    await ticket.screenshot({ path: `${shots}/files-ticket.png`, fullPage: true });
  }, 240_000);
});
