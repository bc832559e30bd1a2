// Looks at the handover in Chinese, as its people would: a customer asks the concierge in Chinese
// and is offered a person; the agent console (offer, session, customer context), the customer's
// card, the supervisor's floor and the ticket list, all in zh-CN; and the console on a narrow
// window. Starts the built product; writes test-results/look/service-*.png.
// Usage: node scripts/screenshot-service.ts
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../e2e/support/browser.ts";
import { enterHall } from "../e2e/support/hall-page.ts";
import { startProductServer } from "../e2e/support/product-server.ts";

const out = "test-results/look";
mkdirSync(out, { recursive: true });
const chinese = async (page: Page): Promise<void> => {
  await page.addInitScript(() => localStorage.setItem("atrium.lang", "zh-CN"));
};

async function staff(browser: Browser, url: string, email: string, path: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  await context.request.post(`${url}/api/auth/signin`, { data: { email, password: "atrium-demo" } });
  const page = await context.newPage();
  await chinese(page);
  await page.goto(`${url}${path}`);
  return page;
}

const server = await startProductServer({ ATRIUM_DEMO_STAFF: "1", ATRIUM_OFFER_SECONDS: "60" });
const browser = await launchChromium();
try {
  const agent = await staff(browser, server.url, "lin.wei@nova.example", "/agent");
  await agent.getByTestId("presence-available").click();
  await agent.locator('[data-testid="agent-state"][data-state="available"]').waitFor();
  const customer = await enterHall(browser, server.url, "小美", "demo", chinese);
  await customer.getByTestId("concierge-open").click();
  const box = customer.getByTestId("concierge-panel").getByRole("textbox");
  await box.fill("我想转人工，手机屏幕碎了");
  await box.press("Enter");
  await customer.getByTestId("concierge-talk-to-person").click();
  await customer.getByTestId("service-panel").waitFor();
  await customer.screenshot({ path: `${out}/service-customer-queued-zh.png` });
  await agent.getByTestId("agent-offer").waitFor();
  await agent.screenshot({ path: `${out}/service-agent-offer-zh.png` });
  await agent.getByTestId("offer-accept").click();
  await agent.getByTestId("agent-session").waitFor({ timeout: 60_000 });
  await agent.getByTestId("agent-input").fill("您好，我是林伟，请问手机是什么型号？");
  await agent.getByTestId("agent-input").press("Enter");
  await customer.getByTestId("service-chat").getByText("什么型号").waitFor();
  await agent.waitForTimeout(1500);
  await agent.screenshot({ path: `${out}/service-agent-session-zh.png` });
  await customer.screenshot({ path: `${out}/service-customer-connected-zh.png` });
  const supervisor = await staff(browser, server.url, "zhang.min@nova.example", "/supervisor");
  await supervisor.getByText("小美").first().waitFor();
  await supervisor.screenshot({ path: `${out}/service-supervisor-zh.png` });
  // Another agent's console on a phone-sized window (a second console of Lin's would take over his session).
  const narrow = await staff(browser, server.url, "sam.carter@nova.example", "/agent", 420);
  await narrow.getByTestId("agent-queue").or(narrow.getByTestId("agent-idle")).first().waitFor();
  await narrow.screenshot({ path: `${out}/service-agent-narrow-zh.png`, fullPage: true });
  const tickets = await staff(browser, server.url, "zhang.min@nova.example", "/tickets");
  await tickets.waitForTimeout(1500);
  await tickets.screenshot({ path: `${out}/service-tickets-zh.png` });
  console.log(`screenshots in ${out}/service-*.png`);
} finally {
  await browser.close();
  await server.stop();
}
