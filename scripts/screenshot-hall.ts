// Looks at the halls as visitors would: starts the built product (run `npx next build`
// first), walks a visitor round the electronics store (/hall/demo) and the bank (/hall/bank),
// and writes screenshots to test-results/look/, printing what the renderer drew for each.
// Usage: node scripts/screenshot-hall.ts [demo|bank]... [--high] [--quick]
//   --high: the GPU preset (shadows, environment light), files named *-high.png
//   --quick: only the view from the entrance
import { mkdirSync, writeFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { launchChromium } from "../e2e/support/browser.ts";
import { startProductServer } from "../e2e/support/product-server.ts";

interface Stop {
  name: string;
  /** Where to stand, and a point to face (the camera looks over the visitor's shoulder). */
  at: [number, number];
  face: [number, number];
}

const tours: Record<string, Stop[]> = {
  demo: [
    { name: "stage", at: [0, 1.5], face: [0, -8] },
    { name: "wearables", at: [-2.6, 3.6], face: [-8, 6.6] },
    { name: "phones", at: [-2.6, -1.6], face: [-7, -3.6] },
    { name: "tv-support", at: [2.4, 0.8], face: [9, -4] },
    { name: "consultation", at: [7.6, 5.9], face: [13, 6.6] },
    // Back to the shelving: the follow camera must stay in front of it.
    { name: "by-the-shelves", at: [-12.4, 4.5], face: [0, 4.5] },
  ],
  bank: [
    { name: "reception", at: [0, 4.6], face: [0, 0.6] },
    { name: "cards", at: [-2.6, 2.4], face: [-8, 2] },
    { name: "home-savings", at: [2.6, 2.4], face: [8, 1] },
    { name: "advice", at: [2.4, -4.6], face: [9, -7.5] },
    { name: "seminar", at: [-1.2, -5.8], face: [0, -9.5] },
  ],
};

const out = "test-results/look";
mkdirSync(out, { recursive: true });
const wanted = process.argv.slice(2).filter((a) => a in tours);
const high = process.argv.includes("--high");
const quick = process.argv.includes("--quick");
const server = await startProductServer();
const browser = await launchChromium();

async function enter(hall: string, name: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  if (high) await page.addInitScript(() => localStorage.setItem("atrium.quality", "high"));
  page.on("pageerror", (e) => console.error(`[${name}] page error:`, e.message));
  await page.goto(`${server.url}/hall/${hall}`);
  await page.getByLabel("Display name").fill(name);
  await page.getByRole("button", { name: "Enter the hall" }).click();
  // In the hall and drawing; voice may still be connecting on a slow machine, which does not matter here.
  await page.waitForFunction(() => window.atrium?.presence.sessionId && (window.atriumProbe?.renderInfo().calls ?? 0) > 0, undefined, { timeout: 60_000 });
  return page;
}

/** Walks like a floor click, waiting as long as a busy software-rendering machine needs. */
async function walkTo(page: Page, x: number, z: number): Promise<void> {
  await page.evaluate(([tx, tz]) => window.atrium!.walkTo(tx!, tz!), [x, z]);
  try {
    await page.waitForFunction(([tx, tz]) => Math.hypot(window.atrium!.presence.serverPose.x - tx!, window.atrium!.presence.serverPose.z - tz!) < 0.2, [x, z], { timeout: 60_000, polling: 250 });
  } catch {
    // A page that holds its frames (voice reconnecting on a busy machine) stops walking; take the picture anyway.
    console.warn(`did not reach (${x}, ${z}); at ${JSON.stringify(await page.evaluate(() => window.atrium!.presence.serverPose))}`);
  }
}

async function shoot(page: Page, file: string): Promise<void> {
  await page.waitForTimeout(1800); // let the follow camera settle
  const name = `${file}${high ? "-high" : ""}.png`;
  writeFileSync(`${out}/${name}`, await page.screenshot());
  const info = await page.evaluate(() => {
    const times = window.atriumProbe!.frameTimes;
    const fps = times.length ? Math.round(1000 / (times.reduce((a, b) => a + b, 0) / times.length)) : 0;
    return { ...window.atriumProbe!.renderInfo(), fps };
  });
  console.log(name, JSON.stringify(info));
}

try {
  for (const hall of wanted.length ? wanted : Object.keys(tours)) {
    const page = await enter(hall, "Ada");
    const quality = await page.locator("[data-quality]").first().getAttribute("data-quality", { timeout: 120_000 });
    console.log(hall, "rendering quality:", quality);
    await shoot(page, `${hall}-entrance`);
    for (const stop of quick ? [] : tours[hall]!) {
      await walkTo(page, ...stop.at);
      // A short step towards what we want to see turns the visitor (and the camera) to it.
      const [x, z] = stop.at;
      const d = Math.hypot(stop.face[0] - x, stop.face[1] - z);
      await walkTo(page, x + ((stop.face[0] - x) / d) * 0.25, z + ((stop.face[1] - z) / d) * 0.25);
      await shoot(page, `${hall}-${stop.name}`);
    }
    if (hall === "demo" && !quick) {
      // A close look: Bob stops ahead of Ada and turns round to face her.
      const bob = await enter(hall, "Bob");
      await walkTo(page, 0, 3.2);
      await walkTo(bob, 0, 0.8);
      await walkTo(bob, 0, 1.0);
      await walkTo(page, 0, 3.0);
      await shoot(page, "demo-close-up");
      await bob.close();
    }
    await page.close();
  }
  console.log(`screenshots in ${out}/`);
} finally {
  await browser.close();
  await server.stop();
}
