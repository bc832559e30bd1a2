import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser.ts";
import { demoWalks as walks } from "./support/demo-walks.ts";
import { enterHall, eventually, serverConsumers, sessionId, walkTo, type ServerConsumer } from "./support/hall-page.ts";
import { startProductServer, type ProductServer } from "./support/product-server.ts";

/**
 * Three visitors: A stands next to B and across the hall from C. What A hears is measured on
 * the received tracks after the HRTF panner; what the SFU forwards is read from its consumers.
 */
let server: ProductServer;
let browser: Browser;
let a: Page;
let b: Page;
let c: Page;
let ids: { a: string; b: string; c: string };

/** Loudest level heard from each peer over a few seconds (the fake mic beeps once a second). */
async function loudestHeard(page: Page, ms = 3000): Promise<Record<string, number>> {
  return page.evaluate(async (duration) => {
    const peak: Record<string, number> = {};
    const end = performance.now() + duration;
    while (performance.now() < end) {
      for (const [peer, level] of Object.entries(window.atrium!.voices.levels())) peak[peer] = Math.max(peak[peer] ?? 0, level);
      await new Promise((r) => setTimeout(r, 100));
    }
    return peak;
  }, ms);
}

const consumerOf = (consumers: ServerConsumer[], listener: string, speaker: string) =>
  consumers.find((x) => x.peerId === listener && x.fromPeerId === speaker && x.kind === "audio");

/** True when the SFU forwards nothing from `speaker` to `listener`: paused and no packets added. */
async function silentInSfu(listener: string, speaker: string): Promise<boolean> {
  const before = consumerOf(await serverConsumers(server.url), listener, speaker);
  await new Promise((r) => setTimeout(r, 1500));
  const after = consumerOf(await serverConsumers(server.url), listener, speaker);
  return Boolean(before && after && after.paused && after.packetCount === before.packetCount);
}

beforeAll(async () => {
  // Two workers with a tiny consumer budget: the later visitors are served from the second
  // worker, so every voice they hear crossed a pipeToRouter — and must still be spatial and private.
  server = await startProductServer({ ATRIUM_SFU_WORKERS: "2", ATRIUM_SFU_CONSUMERS_PER_WORKER: "2" });
  browser = await launchChromium();
  [a, b, c] = [await enterHall(browser, server.url, "Ana"), await enterHall(browser, server.url, "Ben"), await enterHall(browser, server.url, "Cai")];
  ids = { a: await sessionId(a), b: await sessionId(b), c: await sessionId(c) };
  const { start } = walks;
  await Promise.all([walkTo(a, start.a.x, start.a.z), walkTo(b, start.b.x, start.b.z), walkTo(c, start.c.x, start.c.z)]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("spatial audio", () => {
  it("makes a neighbour clearly louder than someone across the hall", async () => {
    const heard = await eventually(() => loudestHeard(a), (h) => (h[ids.b] ?? 0) > 0.001 && (h[ids.c] ?? 0) > 0, 30_000);
    expect(heard[ids.b]! / heard[ids.c]!, `near ${heard[ids.b]} vs far ${heard[ids.c]}`).toBeGreaterThan(3);
  });

  it("stops forwarding a voice beyond hearing range, and resumes when they come back", async () => {
    await walkTo(c, walks.cFar.x, walks.cFar.z); // ~21 m from A
    expect(await eventually(() => silentInSfu(ids.a, ids.c), (silent) => silent)).toBe(true);
    const consumers = await serverConsumers(server.url);
    expect(consumerOf(consumers, ids.a, ids.b)?.paused).toBe(false);

    await walkTo(c, walks.cBack.x, walks.cBack.z);
    await eventually(async () => consumerOf(await serverConsumers(server.url), ids.a, ids.c)?.paused, (paused) => paused === false);
  });

  it("keeps a consultation booth private: nothing reaches a listener outside", async () => {
    const { booth } = walks;
    await Promise.all([walkTo(b, booth.b.x, booth.b.z), walkTo(c, booth.c.x, booth.c.z)]); // both inside booth-1
    await walkTo(a, booth.aOutside.x, booth.aOutside.z); // just outside its door, 1.7 m from B
    expect(await eventually(() => silentInSfu(ids.a, ids.b), (silent) => silent)).toBe(true);
    expect(await silentInSfu(ids.a, ids.c)).toBe(true);
    // Inside, they hear each other.
    const consumers = await serverConsumers(server.url);
    expect(consumerOf(consumers, ids.b, ids.c)?.paused).toBe(false);
    expect(consumerOf(consumers, ids.c, ids.b)?.paused).toBe(false);
  });
});
