// Looks at the device check as a visitor would: starts the built product, opens /check in
// Chromium with fake devices, allows them, waits for the network verdict, and writes
// test-results/look/check.png. Usage (after a build): node scripts/screenshot-check.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { launchChromium } from "../e2e/support/browser.ts";
import { startProductServer } from "../e2e/support/product-server.ts";

const out = "test-results/look";
mkdirSync(out, { recursive: true });
const server = await startProductServer();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 860 } });
  await page.goto(`${server.url}/check`);
  writeFileSync(`${out}/check-before.png`, await page.screenshot({ fullPage: true }));
  await page.getByTestId("start-devices").click();
  await page.locator("[data-testid=network-check][data-status=done]").waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => ((document.querySelector("[data-testid=camera-preview]") as HTMLVideoElement | null)?.videoWidth ?? 0) > 0);
  await page.waitForTimeout(1200); // let the meter catch a beep
  writeFileSync(`${out}/check.png`, await page.screenshot({ fullPage: true }));
  console.log(await page.getByTestId("network-check").evaluate((e) => ({ ...(e as HTMLElement).dataset })));
  console.log(`screenshots in ${out}/`);
} finally {
  await browser.close();
  await server.stop();
}
