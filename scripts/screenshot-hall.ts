// Looks at the hall as visitors would: starts the built product, lets two visitors in,
// and writes screenshots to test-results/look/. Usage: node scripts/screenshot-hall.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { launchChromium } from "../e2e/support/browser.ts";
import { walkTo } from "../e2e/support/hall-page.ts";
import { startProductServer } from "../e2e/support/product-server.ts";

const out = "test-results/look";
mkdirSync(out, { recursive: true });
const server = await startProductServer();
const browser = await launchChromium();
try {
  const pages = [];
  for (const name of ["Ada", "Bob", "Chen"]) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${server.url}/hall/demo`);
    if (name === "Ada") writeFileSync(`${out}/lobby.png`, await page.screenshot());
    await page.getByLabel("Display name").fill(name);
    await page.getByRole("button", { name: "Enter the hall" }).click();
    await page.waitForFunction(() => ["on", "failed"].includes(window.atrium?.mediaState.status ?? ""), undefined, { timeout: 30_000 });
    console.log(name, JSON.stringify(await page.evaluate(() => window.atrium!.mediaState)));
    pages.push(page);
  }
  const [ada, bob] = pages;
  writeFileSync(`${out}/hall-ada.png`, await ada!.screenshot());
  // A close look: Bob stops ahead of Ada and turns round to face her.
  await walkTo(bob!, 0, -1.5);
  await bob!.keyboard.down("KeyA");
  await bob!.waitForTimeout(1300);
  await bob!.keyboard.up("KeyA");
  await walkTo(ada!, 0, 1.2);
  await ada!.waitForTimeout(1500);
  writeFileSync(`${out}/close-up.png`, await ada!.screenshot());
  writeFileSync(`${out}/hall-bob.png`, await bob!.screenshot());
  console.log(`screenshots in ${out}/`);
} finally {
  await browser.close();
  await server.stop();
}
