// Looks at webcams and screen sharing as visitors see them: starts the built product (run
// `npx next build` first), Ada turns on her (fake) webcam in front of the stage and shares her
// (fake) screen, Bob looks on; writes screenshots to test-results/look/video-*.png.
// Usage: node scripts/screenshot-video.ts
import { mkdirSync, writeFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { launchChromium } from "../e2e/support/browser.ts";
import { walkTo } from "../e2e/support/hall-page.ts";
import { startProductServer } from "../e2e/support/product-server.ts";

const out = "test-results/look";
mkdirSync(out, { recursive: true });
const server = await startProductServer();
const browser = await launchChromium();

async function enter(name: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.setDefaultTimeout(120_000);
  page.on("pageerror", (e) => console.error(`[${name}] page error:`, e.message));
  await page.goto(`${server.url}/hall/demo`);
  await page.getByLabel("Display name").fill(name);
  await page.getByRole("button", { name: "Enter the hall" }).click();
  await page.waitForFunction(() => window.atrium?.mediaState.status === "on", undefined, { timeout: 120_000 });
  return page;
}

async function shoot(page: Page, file: string, settle = 2500): Promise<void> {
  await page.waitForTimeout(settle);
  writeFileSync(`${out}/${file}.png`, await page.screenshot());
  console.log(`${out}/${file}.png`);
}

try {
  const ada = await enter("Ada");
  const bob = await enter("Bob");
  // Ada in front of the stage, turned towards the hall; Bob 3.5 m away, facing her and the video wall.
  await Promise.all([walkTo(ada, -1.2, -5.2), walkTo(bob, 0.3, -1.5)]);
  await Promise.all([walkTo(ada, -1.2, -4.9), walkTo(bob, 0.3, -1.8)]);
  await ada.getByRole("button", { name: "Camera on" }).click();
  await ada.getByRole("button", { name: "Camera off" }).waitFor();
  await shoot(bob, "video-panel", 6000);
  await ada.getByRole("button", { name: "Share screen" }).click();
  await ada.getByRole("button", { name: "Stop sharing" }).waitFor();
  await shoot(bob, "video-share-wall", 6000);
  await shoot(ada, "video-self-view");
  await bob.getByRole("button", { name: "View full screen" }).click();
  await shoot(bob, "video-full-screen", 3000);
  await bob.getByRole("button", { name: "Close" }).click();
  // From eye level, closer: what the panel looks like face to face.
  await walkTo(bob, 0.3, -3.2);
  await walkTo(bob, -0.2, -3.6);
  await bob.keyboard.press("KeyV");
  await shoot(bob, "video-panel-close", 4000);
} finally {
  await browser.close();
  await server.stop();
}
