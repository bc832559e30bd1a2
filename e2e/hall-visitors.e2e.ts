import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser.ts";
import { changedIn, changedOutside, grabCanvas, type Box } from "./support/canvas-frame.ts";
import { enterHall, eventually, sessionId, walkTo } from "./support/hall-page.ts";
import { startProductServer, type ProductServer } from "./support/product-server.ts";

/**
 * Three visitors in the demo showroom: the avatars are really drawn where the people stand,
 * a face morph set from code moves pixels on that face, and the social layer (people list,
 * chat, emotes) reaches every page.
 */
let server: ProductServer;
let browser: Browser;
let ada: Page;
let bob: Page;
let cy: Page;
const shots = "test-results/e2e";

/** The screen box around a standing person (feet to head), as the viewer's camera sees them. */
/** Waits until the page has drawn `n` more frames of its 3D view. */
async function framesDrawn(page: Page, n: number): Promise<void> {
  const count = () => page.evaluate(() => window.atriumProbe!.frames);
  const start = await count();
  await eventually(count, (c) => c >= start + n, 30_000);
}

async function personBox(viewer: Page, x: number, z: number, padding = 6): Promise<Box> {
  const [feet, head, side] = await viewer.evaluate(
    ([px, pz]) => [window.atriumProbe!.project(px!, 0, pz!), window.atriumProbe!.project(px!, 1.85, pz!), window.atriumProbe!.project(px! + 0.35, 1, pz!)],
    [x, z],
  );
  const halfWidth = Math.abs(side!.x - feet!.x) + padding;
  return { x0: feet!.x - halfWidth, x1: feet!.x + halfWidth, y0: head!.y - padding, y1: feet!.y + padding };
}

const serverPose = (page: Page) => page.evaluate(() => window.atrium!.presence.serverPose);

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startProductServer();
  browser = await launchChromium();
  ada = await enterHall(browser, server.url, "Ada");
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("three visitors in the showroom", () => {
  it("draws each avatar where its visitor stands", async () => {
    // Ada stands at the entrance facing into the hall (her last step is towards the back
    // wall), still: this is the empty hall. The spots are on the open runway of the demo hall.
    await walkTo(ada, 0, 6.2);
    await walkTo(ada, 0, 5.6);
    await ada.waitForTimeout(1500);
    const empty = await grabCanvas(ada, `${shots}/three-empty.png`);

    // Bob's look is fixed (a random one may be short, and the face test frames a head at 1.5–1.78 m).
    bob = await enterHall(browser, server.url, "Bob", "demo", async (page) => {
      await page.addInitScript(() => localStorage.setItem("atrium.avatar", JSON.stringify({ v: 1, preset: "kenji", height: 1.78 })));
    });
    cy = await enterHall(browser, server.url, "Cy");
    const spots = { bob: { x: -1.2, z: 1.2 }, cy: { x: 1.2, z: 1.2 } };
    await Promise.all([walkTo(bob, spots.bob.x, spots.bob.z), walkTo(cy, spots.cy.x, spots.cy.z)]);
    await eventually(
      () => ada.evaluate(() => [...window.atrium!.presence.remotes.values()].filter((r) => r.inView && r.role !== "concierge").length),
      (n) => n === 2,
    );
    await ada.waitForTimeout(1500); // interpolation settles; Ada's camera has not moved
    const full = await grabCanvas(ada, `${shots}/three-visitors.png`);

    for (const [who, spot] of Object.entries(spots)) {
      const box = await personBox(ada, spot.x, spot.z);
      expect(changedIn(empty, full, box), `${who}'s avatar is drawn where ${who} stands`).toBeGreaterThan(0.15);
    }
    const both = await Promise.all([personBox(ada, spots.bob.x, spots.bob.z), personBox(ada, spots.cy.x, spots.cy.z)]);
    const union: Box = { x0: Math.min(both[0].x0, both[1].x0), y0: Math.min(both[0].y0, both[1].y0), x1: Math.max(both[0].x1, both[1].x1), y1: Math.max(both[0].y1, both[1].y1) };
    expect(changedOutside(empty, full, union), "the rest of the hall is unchanged").toBeLessThan(0.05);
    await ada.getByTestId("people").getByText("Cy").waitFor();
    await cy.getByTestId("people").getByText("Bob").waitFor();
  }, 300_000); // two more pages enter and walk: several minutes on a software-rendering machine

  it("moves the lips and lids on a visitor's face when their blendshapes are set", async () => {
    // Bob steps towards the camera (so he faces it); Ada comes close and looks from eye level.
    const start = await serverPose(bob);
    await walkTo(bob, start.x, start.z + 0.3);
    const bobSpot = await serverPose(bob);
    expect(Math.abs(bobSpot.ry)).toBeLessThan(0.1);
    await ada.keyboard.press("KeyV");
    await walkTo(ada, bobSpot.x, bobSpot.z + 2.4);
    await walkTo(ada, bobSpot.x, bobSpot.z + 1.4); // the last step straight at him: she faces him
    const bobId = await sessionId(bob);
    // Hold everyone still (idle sway, breathing, blinks, glances) and Bob's face neutral, so
    // only the morph under test changes his face; the same is checked between two still frames.
    await ada.evaluate(() => window.atriumProbe!.holdStill(true));
    const still = { eyeBlinkLeft: 0, eyeBlinkRight: 0, jawOpen: 0 };
    // Each look is grabbed only once Bob's face mesh carries it and two more frames were drawn:
    // on a loaded software-GL machine a frame can take longer than any fixed wait.
    const show = async (weights: Record<string, number>, name: string, value: number) => {
      await ada.evaluate(([id, w]) => window.atrium!.expressions.set(id as string, w as Record<string, number>), [bobId, weights] as const);
      await eventually(() => ada.evaluate(([x, z, n]) => window.atriumProbe!.morphAt(x as number, z as number, n as string), [bobSpot.x, bobSpot.z, name] as const), (w) => w !== undefined && Math.abs(w - value) < 0.05, 15_000);
      await framesDrawn(ada, 2);
    };
    await show(still, "jawOpen", 0);
    await framesDrawn(ada, 3); // the blink and sway held still settle too
    const neutral = await grabCanvas(ada, `${shots}/face-neutral.png`);
    const neutralAgain = await grabCanvas(ada, `${shots}/face-neutral-2.png`);
    await show({ ...still, jawOpen: 1 }, "jawOpen", 1);
    const open = await grabCanvas(ada, `${shots}/face-jaw-open.png`);
    await show({ ...still, eyeBlinkLeft: 1, eyeBlinkRight: 1 }, "eyeBlinkLeft", 1);
    const blink = await grabCanvas(ada, `${shots}/face-blink.png`);
    await ada.evaluate(() => window.atriumProbe!.holdStill(false));

    const head = await ada.evaluate(([x, z]) => {
      const top = window.atriumProbe!.project(x!, 1.78, z!)!;
      const chin = window.atriumProbe!.project(x!, 1.5, z!)!;
      const side = window.atriumProbe!.project(x! + 0.12, 1.64, z!)!;
      return { x0: top.x - Math.abs(side.x - top.x), x1: top.x + Math.abs(side.x - top.x), y0: top.y, y1: chin.y };
    }, [bobSpot.x, bobSpot.z]);
    const noise = changedIn(neutral, neutralAgain, head);
    const jaw = changedIn(neutral, open, head);
    const lids = changedIn(neutral, blink, head);
    console.log(`face pixels changed: held still ${noise.toFixed(4)}, jawOpen ${jaw.toFixed(4)}, blink ${lids.toFixed(4)}`);
    // Held still, two frames of the same face are identical, so any change is the morph's. The
    // mouth and the lids are small parts of the head's box (measured: jawOpen 3.3 %, blink 1 %).
    expect(noise, "a face held still stays the same between two frames").toBeLessThan(0.002);
    expect(jaw, "jawOpen opens Bob's mouth on Ada's screen").toBeGreaterThan(Math.max(0.012, noise * 5));
    expect(lids, "a blink closes Bob's eyes on Ada's screen").toBeGreaterThan(Math.max(0.004, noise * 5));
  });

  it("carries chat and emotes to the other pages", async () => {
    await cy.getByLabel("Chat message").fill("Does the laptop come in silver?");
    await cy.getByRole("button", { name: "Send" }).click();
    await ada.getByTestId("chat-lines").getByText("Does the laptop come in silver?").waitFor();
    await bob.getByTestId("chat-lines").getByText("Does the laptop come in silver?").waitFor();
    await cy.getByRole("button", { name: "Wave" }).click();
    const cyId = await sessionId(cy);
    await eventually(() => bob.evaluate((id) => window.atrium!.social.currentEmote(id)?.emote, cyId), (e) => e === "wave", 5000);
  });
});
