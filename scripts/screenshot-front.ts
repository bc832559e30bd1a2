// Looks at the front door as a visitor and a staff member would: the home page (en and zh-CN)
// and the staff sign-in page, before and after signing in. Writes test-results/look/front-*.png.
// Usage (after a build): node scripts/screenshot-front.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { launchChromium } from "../e2e/support/browser.ts";
import { startProductServer } from "../e2e/support/product-server.ts";

const out = "test-results/look";
mkdirSync(out, { recursive: true });
const server = await startProductServer({ ATRIUM_DEMO_STAFF: "1" });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url);
  await page.getByTestId("halls").getByRole("img").first().waitFor();
  writeFileSync(`${out}/front-home-en.png`, await page.screenshot({ fullPage: true }));
  await page.getByRole("button", { name: "中文" }).click();
  await page.waitForTimeout(300);
  writeFileSync(`${out}/front-home-zh.png`, await page.screenshot({ fullPage: true }));
  await page.getByRole("button", { name: "English" }).click();
  await page.goto(`${server.url}/signin`);
  await page.getByLabel("Email").fill("lin.wei@nova.example");
  await page.getByLabel("Password", { exact: true }).fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("alert").filter({ hasText: /\w/ }).waitFor({ timeout: 10_000 }).catch(() => undefined);
  writeFileSync(`${out}/front-signin-error.png`, await page.screenshot({ fullPage: true }));
  await page.getByLabel("Password", { exact: true }).fill("atrium-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${server.url}/`);
  await page.goto(`${server.url}/signin`);
  await page.getByText("Signed in as").waitFor();
  writeFileSync(`${out}/front-signin-done.png`, await page.screenshot({ fullPage: true }));
  console.log(`screenshots in ${out}/`);
} finally {
  await browser.close();
  await server.stop();
}
