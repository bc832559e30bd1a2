import { mkdirSync, writeFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser.ts";
import { changedFraction, summarize } from "./support/pixels.ts";
import { enterHall, eventually, serverConsumers } from "./support/hall-page.ts";
import { startProductServer, type ProductServer } from "./support/product-server.ts";

/**
 * The first end-to-end slice: two people open /hall/demo in Chromium, see each other move,
 * and hear each other through the SFU (real DTLS-SRTP audio and an SCTP data channel).
 */
let server: ProductServer;
let browser: Browser;
let ada: Page;
let bob: Page;
const shots = "test-results/e2e";

const remotePoses = (page: Page) =>
  page.evaluate(() => [...window.atrium!.presence.remotes.values()].map((r) => ({ name: r.name, pose: r.buffer.sample(performance.now() + 1000) })));

const audioStats = (page: Page) => page.evaluate(() => window.atrium!.media.stats());

/**
 * Sends `text` on `from`'s `events` data channel (nothing is opened or received at join: the
 * first send opens it, and `to` asks for the label) until `to` has it; the receiver's data
 * consumer follows the channel's opening.
 */
const deliver = (from: Page, to: Page, text: string) =>
  eventually(
    async () => {
      await to.evaluate(() => window.atrium!.media.receiveData(["events"]));
      await from.evaluate(async (t) => (await window.atrium!.media.openDataChannel("events")).send(t), text);
      return to.evaluate((t) => window.atrium!.media.received.some((m) => m.label === "events" && m.data === t), text);
    },
    (arrived) => arrived,
    10_000,
  );

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startProductServer();
  browser = await launchChromium();
  ada = await enterHall(browser, server.url, "Ada");
  bob = await enterHall(browser, server.url, "Bob");
});

afterAll(async () => {
  await browser?.close();
  const code = await server?.stop();
  expect(code, "server exits cleanly on SIGTERM").toBe(0);
});

describe("two visitors in the demo hall", () => {
  it("each sees the other arrive, with their name", async () => {
    await eventually(() => remotePoses(ada), (r) => r.some((v) => v.name === "Bob" && v.pose !== undefined));
    await eventually(() => remotePoses(bob), (r) => r.some((v) => v.name === "Ada" && v.pose !== undefined));
    await ada.getByTestId("people").getByText("Bob").waitFor();
    await bob.getByTestId("people").getByText("Ada").waitFor();
  });

  it("draws the hall, and the picture changes when the other visitor walks", async () => {
    const canvas = ada.locator("canvas");
    const before = await canvas.screenshot();
    writeFileSync(`${shots}/ada-before.png`, before);
    expect(summarize(before).spread, "the hall is not a blank canvas").toBeGreaterThan(10);

    const bobBefore = (await remotePoses(ada)).find((v) => v.name === "Bob")!.pose!;
    await bob.keyboard.down("KeyW");
    await bob.waitForTimeout(2000);
    await bob.keyboard.up("KeyW");
    await bob.keyboard.down("KeyA");
    await bob.waitForTimeout(400);
    await bob.keyboard.up("KeyA");

    const bobAfter = await eventually(
      async () => (await remotePoses(ada)).find((v) => v.name === "Bob")!.pose!,
      (p) => Math.hypot(p.x - bobBefore.x, p.z - bobBefore.z) > 1.5,
    );
    expect(Math.hypot(bobAfter.x - bobBefore.x, bobAfter.z - bobBefore.z)).toBeLessThan(8); // walked, did not teleport
    await ada.waitForTimeout(300);
    const after = await canvas.screenshot();
    writeFileSync(`${shots}/ada-after.png`, after);
    expect(changedFraction(before, after), "Bob's avatar moved on Ada's screen").toBeGreaterThan(0.002);
  });

  it("carries each visitor's microphone to the other through the SFU", async () => {
    const [a0, b0] = [await audioStats(ada), await audioStats(bob)];
    await eventually(() => audioStats(ada), (s) => s.inboundAudioBytes > a0.inboundAudioBytes + 2000);
    await eventually(() => audioStats(bob), (s) => s.inboundAudioBytes > b0.inboundAudioBytes + 2000);
    expect((await audioStats(ada)).outboundAudioBytes).toBeGreaterThan(0);

    // The concierge's voice reaches them too (from the desk); this is about the two of them.
    const audio = (await serverConsumers(server.url)).filter((c) => c.kind === "audio" && c.fromPeerId !== "concierge");
    expect(audio).toHaveLength(2); // Ada → Bob and Bob → Ada
    for (const consumer of audio) {
      expect(consumer.paused).toBe(false);
      expect(consumer.packetCount).toBeGreaterThan(10);
    }
  });

  it("round-trips a message over the data channel", async () => {
    const nonce = `ping-${Date.now()}`;
    await deliver(ada, bob, nonce);
    await deliver(bob, ada, nonce.replace("ping", "pong"));
  });

  it("shows a mic indicator and lets a visitor mute", async () => {
    await bob.getByRole("button", { name: "Mute" }).click();
    await bob.getByTestId("media-status").getByText("mic off").waitFor();
    await eventually(() => ada.evaluate(() => [...window.atrium!.presence.remotes.values()].find((r) => r.name === "Bob")?.mic), (mic) => mic === false);
    await bob.getByRole("button", { name: "Unmute" }).click();
    await eventually(() => ada.evaluate(() => [...window.atrium!.presence.remotes.values()].find((r) => r.name === "Bob")?.mic), (mic) => mic === true);
  });

  it("gets voice back by itself, without a reload, when the SFU worker dies", async () => {
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { parts: { sfu: { workers: { pid: number }[] } } };
    const pid = health.parts.sfu.workers[0]!.pid;
    const killedAt = Date.now();
    process.kill(pid, "SIGKILL");
    // Recovered = the SFU forwards fresh audio to both visitors over their new transports.
    const oldConsumers = new Set((await serverConsumers(server.url).catch(() => [])).map((c) => c.consumerId));
    await eventually(
      async () => (await serverConsumers(server.url)).filter((c) => c.kind === "audio" && !oldConsumers.has(c.consumerId) && c.packetCount > 0).length,
      (flowing) => flowing === 2,
      10_000,
    );
    const recoveredInMs = Date.now() - killedAt;
    console.log(`media recovered ${recoveredInMs} ms after the worker was killed`);
    // The goal is 5 s (measured 3.3–4.4 s here, two software-rendered pages on 2 cores); the
    // bound leaves room for a noisy CI machine while still catching a recovery that stalls.
    expect(recoveredInMs).toBeLessThan(8000);
    // And the browsers hear it, on the same page (no reload).
    for (const page of [ada, bob]) {
      await eventually(
        () => page.evaluate(async () => ({ generation: window.atrium!.media.generation, inbound: (await window.atrium!.media.stats()).inboundAudioBytes })),
        (s) => s.generation === 1 && s.inbound > 1000,
      );
    }
    const after = (await (await fetch(`${server.url}/healthz`)).json()) as { ok: boolean; parts: { sfu: { workers: { pid: number }[] } } };
    expect(after.ok).toBe(true);
    expect(after.parts.sfu.workers[0]!.pid).not.toBe(pid);
    // The channel Ada opened before is reopened on the new transports.
    await deliver(ada, bob, "after-restart");
  });
});
