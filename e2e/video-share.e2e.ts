import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changedIn, grabCanvas, type Box, type Frame } from "./support/canvas-frame.ts";
import { launchChromium } from "./support/browser.ts";
import { eventually, serverConsumers, sessionId, walkTo, type ServerConsumer } from "./support/hall-page.ts";
import { startProductServer, type ProductServer } from "./support/product-server.ts";

/**
 * Two visitors in the demo showroom. Ada turns her (fake) webcam on: Bob sees a live panel
 * beside her head, and the SFU forwards him the 720p layer up close and the 180p one from
 * across the hall. Ada shares her (fake) screen: it appears on the hall's video wall on Bob's
 * page, the SFU forwards it to him, and "View full screen" opens it. Headless Chromium's
 * getDisplayMedia needs no test hook: with fake devices it shares a generated 1280×720 screen.
 */
let server: ProductServer;
let browser: Browser;
let ada: Page;
let bob: Page;
let ids: { ada: string; bob: string };
const shots = "test-results/e2e";

/** Ada's spot in the cross aisle; Bob stands 2 m east of her, facing her (first-person view). */
const adaSpot = { x: -9, z: 3.2 };
const bobNear = { x: -7, z: 3.2 };

/** Mean colour in the box. */
function meanColour(f: Frame, box: Box): { r: number; g: number; b: number } {
  const sum = { r: 0, g: 0, b: 0 };
  let n = 0;
  const { width, data } = f.png;
  for (let y = Math.max(0, Math.floor(box.y0 * f.scale)); y < Math.min(f.png.height, box.y1 * f.scale); y++) {
    for (let x = Math.max(0, Math.floor(box.x0 * f.scale)); x < Math.min(width, box.x1 * f.scale); x++) {
      const i = (y * width + x) * 4;
      sum.r += data[i]!;
      sum.g += data[i + 1]!;
      sum.b += data[i + 2]!;
      n++;
    }
  }
  return { r: sum.r / n, g: sum.g / n, b: sum.b / n };
}

/** Chromium's fake camera and fake screen draw on green: the picture has arrived where that box is green. */
const showsFakePicture = (f: Frame, box: Box) => {
  const c = meanColour(f, box);
  return c.g > c.r + 40 && c.g > c.b + 40;
};

/** The screen box of a world rectangle given by its corners, shrunk a little to stay inside it. */
async function projectBox(page: Page, corners: [number, number, number][], shrink = 0.15): Promise<Box> {
  const points = await page.evaluate((cs) => cs.map(([x, y, z]) => window.atriumProbe!.project(x, y, z)!), corners);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const box = { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
  const dx = ((box.x1 - box.x0) * shrink) / 2;
  const dy = ((box.y1 - box.y0) * shrink) / 2;
  return { x0: box.x0 + dx, x1: box.x1 - dx, y0: box.y0 + dy, y1: box.y1 - dy };
}

const videoConsumer = async (source: "camera" | "screen"): Promise<ServerConsumer | undefined> =>
  (await serverConsumers(server.url)).find((c) => c.peerId === ids.bob && c.fromPeerId === ids.ada && c.source === source);

/** Bytes per second the SFU sends Bob of Ada's video, over a couple of seconds. */
async function bytesPerSecond(source: "camera" | "screen", ms = 2500): Promise<number> {
  const before = (await videoConsumer(source))?.byteCount ?? 0;
  await new Promise((r) => setTimeout(r, ms));
  const after = (await videoConsumer(source))?.byteCount ?? 0;
  return ((after - before) * 1000) / ms;
}

/**
 * Like `enterHall`, with more patience (two software-rendered pages, a camera and a screen
 * encoder share 2 cores with other work) and the page's errors on the console.
 */
async function enter(name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
  context.setDefaultTimeout(90_000);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[${name}] page error:`, e.message));
  page.on("console", (m) => m.type() === "error" && console.error(`[${name}] ${m.text()}`));
  await page.goto(`${server.url}/hall/demo`, { timeout: 90_000 });
  await page.getByLabel("Display name").fill(name);
  await page.getByRole("button", { name: "Enter the hall" }).click();
  await page.waitForFunction(() => window.atrium?.mediaState.status === "on", undefined, { timeout: 90_000 });
  return page;
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startProductServer();
  browser = await launchChromium();
  ada = await enter("Ada");
  bob = await enter("Bob");
  ids = { ada: await sessionId(ada), bob: await sessionId(bob) };
  // Bob's last step is due west, so he faces Ada; then he looks from his own eyes.
  await Promise.all([walkTo(ada, adaSpot.x, adaSpot.z), walkTo(bob, bobNear.x + 0.6, bobNear.z)]);
  await walkTo(bob, bobNear.x, bobNear.z);
  await bob.keyboard.press("KeyV");
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("webcams and screen shares", () => {
  it("shows Ada's webcam on a live panel beside her head on Bob's screen", async () => {
    // The panel's corners: 0.64 × 0.36 m, centred 0.66 m to Bob's right of Ada's head (he faces west: his right is -z).
    const panel = await projectBox(bob, [
      [adaSpot.x, 1.66 + 0.18, adaSpot.z - 0.66 - 0.32],
      [adaSpot.x, 1.66 - 0.18, adaSpot.z - 0.66 + 0.32],
    ]);
    await bob.waitForTimeout(1500); // Bob's view settles
    const before = await grabCanvas(bob, `${shots}/video-panel-before.png`);

    await ada.getByRole("button", { name: "Camera on" }).click();
    await ada.getByRole("button", { name: "Camera off" }).waitFor({ timeout: 20_000 });
    await ada.getByTestId("self-view").waitFor();
    await eventually(() => bob.evaluate((id) => window.atrium!.presence.remotes.get(id)?.camera, ids.ada), (on) => on === true);
    expect(showsFakePicture(before, panel)).toBe(false);
    const after = await eventually(() => grabCanvas(bob, `${shots}/video-panel-after.png`), (f) => showsFakePicture(f, panel), 60_000);
    const shown = changedIn(before, after, panel);
    expect(shown).toBeGreaterThan(0.5);
    // Live, not a still: the fake camera's picture moves (its clock and its turning pie).
    const a = await eventually(() => grabCanvas(bob, `${shots}/video-panel-live-1.png`), (f) => showsFakePicture(f, panel), 30_000);
    await bob.waitForTimeout(1000);
    // A frame at least a second later that differs (a busy software-rendering page can hold one frame a while).
    const b = await eventually(() => grabCanvas(bob, `${shots}/video-panel-live-2.png`), (f) => showsFakePicture(f, panel) && changedIn(a, f, panel) > 0.002, 10_000).catch(() =>
      grabCanvas(bob, `${shots}/video-panel-live-2.png`),
    );
    const moving = changedIn(a, b, panel);
    console.log(`panel: ${(shown * 100).toFixed(0)} % of its pixels changed when the camera came on; ${(moving * 100).toFixed(1)} % between two frames a second apart`);
    expect(moving).toBeGreaterThan(0.002);
    await bob.screenshot({ path: `${shots}/video-panel-page.png` });
  }, 240_000);

  it("forwards the 720p layer to Bob up close and the 180p layer from across the hall", async () => {
    const near = await eventually(() => videoConsumer("camera"), (c) => !!c && !c.paused && c.currentSpatialLayer === 2, 60_000);
    const nearRate = await bytesPerSecond("camera");
    // Bob backs off to the far end of the aisle (11 m), his last step towards Ada so he still faces her.
    await bob.keyboard.press("KeyV"); // follow view while walking
    await walkTo(bob, 2.5, 3.2);
    await walkTo(bob, 2.3, 3.2);
    const far = await eventually(() => videoConsumer("camera"), (c) => !!c && !c.paused && c.currentSpatialLayer === 0, 60_000);
    const farRate = await bytesPerSecond("camera");
    console.log(`camera to Bob: 2 m → layer ${near?.currentSpatialLayer} (preferred ${near?.preferredSpatialLayer}), ${Math.round((nearRate * 8) / 1000)} kbit/s; 11 m → layer ${far?.currentSpatialLayer} (preferred ${far?.preferredSpatialLayer}), ${Math.round((farRate * 8) / 1000)} kbit/s`);
    expect(farRate).toBeLessThan(nearRate);
  }, 240_000);

  it("puts Ada's screen share on the hall's video wall on Bob's page, and opens it full screen", async () => {
    // Bob stands in the middle of the hall facing the video wall (north), from his own eyes.
    await walkTo(bob, 0, 3.2);
    await walkTo(bob, 0, 1.0);
    await bob.keyboard.press("KeyV");
    // The video wall: 6.4 m wide, 16:9, centred 2.75 m up on the north wall (z = -8.96).
    const wall = await projectBox(bob, [
      [-3.2, 2.75 + 1.8, -8.95],
      [3.2, 2.75 - 1.8, -8.95],
    ]);
    await bob.waitForTimeout(1500);
    const before = await grabCanvas(bob, `${shots}/screen-share-before.png`);

    await ada.getByRole("button", { name: "Share screen" }).click();
    await ada.getByRole("button", { name: "Stop sharing" }).waitFor({ timeout: 20_000 });
    await eventually(() => bob.evaluate((id) => window.atrium!.presence.remotes.get(id)?.screenId, ids.ada), (s) => s === "video-wall");
    expect(showsFakePicture(before, wall)).toBe(false);
    const after = await eventually(() => grabCanvas(bob, `${shots}/screen-share-after.png`), (f) => showsFakePicture(f, wall), 60_000);
    const shown = changedIn(before, after, wall);
    expect(shown).toBeGreaterThan(0.5);
    const first = await eventually(() => videoConsumer("screen"), (c) => !!c && !c.paused && c.packetCount > 0, 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    const later = await videoConsumer("screen");
    console.log(`video wall: ${(shown * 100).toFixed(0)} % of its pixels changed; SFU sent Bob ${later?.packetCount} screen packets (${later?.byteCount} bytes)`);
    expect(later!.packetCount).toBeGreaterThan(first!.packetCount);
    await bob.screenshot({ path: `${shots}/screen-share-page.png` });

    await bob.getByRole("button", { name: "View full screen" }).click();
    const viewer = bob.getByTestId("share-viewer");
    await viewer.waitFor();
    await eventually(() => viewer.locator("video").evaluate((v: HTMLVideoElement) => v.videoWidth), (w) => w > 0, 20_000);
    await bob.screenshot({ path: `${shots}/screen-share-full.png` });
    await viewer.getByRole("button", { name: "Close" }).click();

    // Ada ends the share: the wall is dark glass again on Bob's page.
    await ada.getByRole("button", { name: "Stop sharing" }).click();
    await eventually(() => bob.evaluate((id) => window.atrium!.presence.remotes.get(id)?.screen, ids.ada), (on) => on === false);
    await eventually(
      async () => changedIn(before, await grabCanvas(bob, `${shots}/screen-share-ended.png`), wall),
      (fraction) => fraction < 0.1,
      30_000,
    );
  }, 300_000);
});
