import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBuiltInScene } from "../scenes/catalog.ts";
import { boothFront, customerSpot } from "../scenes/scene-layout.ts";
import { launchChromium } from "./support/browser.ts";
import { enterHall, eventually, serverConsumers, walkTo } from "./support/hall-page.ts";
import { startProductServer, type ProductServer } from "./support/product-server.ts";

/**
 * The concierge at Nova Electronics' reception, as a customer meets it: the panel opens from
 * its button (keyboard first), the concierge greets her when she walks up to the desk, answers
 * a knowledge-base question in English and one in Chinese with the source article shown, walks
 * her to the booth an answer is about, and speaks (its voice reaches the page through the SFU
 * and its `speaking` flag goes up on the page). The home page lists the server's halls, and a
 * demo staff member (README "Demo accounts") signs in at /signin and out again.
 */
let server: ProductServer;
let browser: Browser;
let ada: Page;
const shots = "test-results/e2e";
const scene = getBuiltInScene("nova-electronics")!;
const desk = customerSpot(scene.reception!, "reception");
const DEMO_AGENT = { email: "lin.wei@nova.example", password: "atrium-demo", name: "Lin Wei" };

const panel = (page: Page) => page.getByTestId("concierge-panel");
const answers = (page: Page) => page.getByTestId("concierge-answer");

/** The concierge as the page knows it: its session id is also its voice's peer id. */
const concierge = (page: Page) =>
  page.evaluate(() => {
    const c = [...window.atrium!.presence.remotes.values()].find((r) => r.role === "concierge");
    return c ? { id: c.sessionId, name: c.name, speaking: c.speaking, pose: c.buffer.sample(performance.now() + 1000) } : undefined;
  });

/** Types a question into the open panel, sends it with Enter, and waits for its answer. */
async function ask(page: Page, question: string): Promise<void> {
  const before = await answers(page).count();
  const box = panel(page).getByRole("textbox");
  await box.fill(question);
  await box.press("Enter");
  await eventually(() => answers(page).count(), (n) => n > before, 30_000);
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  // Production mode, as the other browser tests; the demo staff accounts are asked for explicitly.
  server = await startProductServer({ ATRIUM_DEMO_STAFF: "1" });
  browser = await launchChromium();
  ada = await enterHall(browser, server.url, "Ada");
});

afterAll(async () => {
  await browser?.close();
  const code = await server?.stop();
  expect(code, "server exits cleanly on SIGTERM").toBe(0);
});

describe("the home page", () => {
  it("lists the server's halls by name, with a plan, and links to the device check and staff sign-in", async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(server.url);
    const halls = page.getByTestId("halls");
    for (const name of ["Nova Electronics", "Meridian Bank"]) {
      await halls.getByRole("heading", { name }).waitFor();
      await halls.getByRole("img", { name: `Floor plan of ${name}` }).waitFor();
    }
    expect(await page.getByRole("link", { name: "Enter Nova Electronics" }).getAttribute("href")).toBe("/hall/demo");
    expect(await page.getByRole("link", { name: "Enter Meridian Bank" }).getAttribute("href")).toBe("/hall/bank");
    await page.getByRole("link", { name: /Check your microphone/ }).waitFor();
    await page.getByRole("button", { name: "中文" }).click();
    await page.getByRole("link", { name: "进入Nova Electronics" }).waitFor();
    await page.getByRole("link", { name: "员工登录" }).waitFor();
    await page.getByRole("button", { name: "English" }).click();
    await page.screenshot({ path: `${shots}/home.png` });
    await page.close();
  });
});

describe("the concierge at the reception", () => {
  it("stands at the desk, and its panel opens from the button with the keyboard in it; Escape closes it", async () => {
    const found = await eventually(() => concierge(ada), (c) => c?.pose !== undefined);
    expect(found!.name.length).toBeGreaterThan(0);
    const post = scene.reception!.at;
    expect(Math.hypot(found!.pose!.x - post.x, found!.pose!.z - post.z), "the concierge stands at the reception post").toBeLessThan(0.5);
    await ada.getByRole("button", { name: "Ask the concierge" }).click();
    await panel(ada).waitFor();
    await ada.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Your question");
    // An empty question is refused on the page, with a message.
    await ada.keyboard.press("Enter");
    await panel(ada).getByRole("alert").getByText("Type a question first.").waitFor();
    await ada.keyboard.press("Escape");
    await panel(ada).waitFor({ state: "detached" });
    await ada.waitForFunction(() => document.activeElement?.textContent?.includes("Ask the concierge") === true);
  });

  it("greets a customer who walks up to the desk, opening the panel", async () => {
    await walkTo(ada, 0, 3.2);
    await walkTo(ada, desk.x, desk.z);
    await panel(ada).getByTestId("concierge-said").first().waitFor({ timeout: 20_000 });
    expect((await panel(ada).getByTestId("concierge-said").first().textContent())!.trim().length).toBeGreaterThan(0);
  });

  it("answers in English with the source article, and opens the article", async () => {
    await ask(ada, "How long is the warranty on the Nova Phone 12?");
    const answer = answers(ada).last();
    await answer.locator('[lang="en"]').first().waitFor();
    expect(await answer.textContent()).toMatch(/warrant/i);
    const source = answer.getByTestId("concierge-source");
    expect(await source.textContent()).toMatch(/^Source: \S/);
    await source.getByRole("button").click();
    const article = answer.getByTestId("concierge-article");
    await article.getByRole("heading").first().waitFor();
    expect((await article.textContent())!.length).toBeGreaterThan(40);
    await panel(ada).screenshot({ path: `${shots}/concierge-en.png` });
  });

  it("answers a Chinese question in Chinese, sent in the page's language", async () => {
    await ada.getByRole("group", { name: "Language / 语言" }).getByRole("button", { name: "中文" }).click();
    await panel(ada).getByRole("textbox", { name: "您的问题" }).waitFor();
    await ask(ada, "退货政策是什么？");
    const answer = answers(ada).last();
    await answer.locator('[lang="zh-CN"]').first().waitFor();
    expect(await answer.textContent()).toMatch(/[\u4e00-\u9fff]/u);
    expect(await answer.getByTestId("concierge-source").textContent()).toMatch(/^来源: \S/);
    const question = await ada.evaluate(() => window.atrium!.concierge.state.turns.filter((t) => t.kind === "question").at(-1));
    expect(question).toMatchObject({ text: "退货政策是什么？", lang: "zh-CN" });
    await panel(ada).screenshot({ path: `${shots}/concierge-zh.png` });
    await ada.getByRole("group", { name: "Language / 语言" }).getByRole("button", { name: "English" }).click();
  });

  it("walks her avatar to the booth a product answer is about ('Take me there')", async () => {
    // A question about a product: its article is the booth's (scene `kbArticleId`), so the answer names the booth.
    await ask(ada, "How much is the Nova Phone 12?");
    const phoneAnswer = answers(ada).last();
    const booth = await ada.evaluate(() => window.atrium!.concierge.state.turns.flatMap((t) => (t.kind === "answer" ? [t.answer.boothId] : [])).at(-1));
    expect(booth, "the answer is about the phone's booth").toBe("nova-phone-12");
    const front = boothFront(scene.booths.find((b) => b.id === booth)!);
    await phoneAnswer.getByRole("button", { name: /Take me there/ }).click();
    // Along the server's path around the reception counter, with ordinary moves the server checks.
    const pose = await eventually(
      () => ada.evaluate(() => ({ ...window.atrium!.presence.serverPose, walking: window.atrium!.route.current !== undefined })),
      (p) => !p.walking && Math.hypot(p.x - front.x, p.z - front.z) < 1.5,
      60_000,
    );
    console.log(`walked to ${booth}: stopped ${Math.hypot(pose.x - front.x, pose.z - front.z).toFixed(2)} m from the booth front`);
  });

  it("speaks: its voice reaches the page from its own peer, its speaking flag goes up and its mouth moves with the sound", async () => {
    const { id } = (await concierge(ada))!;
    const before = await ada.evaluate(async () => (await window.atrium!.media.stats()).inboundAudioBytes);
    const box = panel(ada).getByRole("textbox");
    await box.fill("What are your opening hours?");
    await box.press("Enter");
    // Watched while it talks: the flag is only up for the length of the reply.
    const mouth: number[] = [];
    const heard = await eventually(
      async () => ({
        mouth: mouth.push((await ada.evaluate((peer) => window.atrium!.voices.mouthOpen(peer), id)) ?? 0),
        speaking: (await concierge(ada))?.speaking ?? false,
        voice: await ada.evaluate((peer) => window.atrium!.voices.output(peer) !== undefined, id),
        level: (await ada.evaluate((peer) => window.atrium!.voices.levels()[peer], id)) ?? 0,
        inbound: await ada.evaluate(async () => (await window.atrium!.media.stats()).inboundAudioBytes),
      }),
      (s) => s.speaking && s.voice && s.inbound > before + 4000,
      30_000,
    );
    // Its lips follow the syllables it says: open on some, nearly shut between words.
    await eventually(
      async () => mouth.push((await ada.evaluate((peer) => window.atrium!.voices.mouthOpen(peer), id)) ?? 0),
      () => mouth.filter((m) => m > 0.15).length >= 3 && mouth.some((m) => m < 0.05),
      15_000,
    );
    // And its lips take the shapes of the sounds (visemes from the voice heard), not one shape throughout.
    const shapes: string[] = [];
    await eventually(
      async () => {
        const lips = await ada.evaluate((peer) => window.atrium!.voices.visemes(peer), id);
        const top = lips ? Object.entries(lips).sort((a, b) => b[1] - a[1])[0] : undefined;
        if (top && top[1] > 0.08) shapes.push(top[0]);
        return shapes;
      },
      (s) => new Set(s).size >= 2,
      15_000,
    );
    // Once it has finished speaking, the lips rest.
    await eventually(async () => (await concierge(ada))?.speaking, (speaking) => speaking === false, 30_000);
    await ada.waitForTimeout(400);
    const resting = await ada.evaluate((peer) => {
      const out: number[] = [];
      for (let i = 0; i < 5; i++) out.push(Math.max(0, ...Object.values(window.atrium!.voices.visemes(peer, performance.now() + i * 50) ?? {})));
      return out;
    }, id);
    expect(Math.max(...resting), "no lip shape while the concierge is silent").toBeLessThan(0.05);
    console.log(`concierge heard on the page: ${heard.inbound - before} audio bytes in, level after the panner ${heard.level.toFixed(3)} RMS; mouth opening ${Math.min(...mouth).toFixed(2)}–${Math.max(...mouth).toFixed(2)} over ${mouth.length} looks; lip shapes seen: ${[...new Set(shapes)].join(", ")}`);
    const consumer = (await serverConsumers(server.url)).find((c) => c.kind === "audio" && c.fromPeerId === id);
    expect(consumer, "the SFU forwards the concierge's voice to the page").toBeDefined();
    expect(consumer!.packetCount).toBeGreaterThan(20);
  });
});

describe("staff", () => {
  it("a demo agent signs in at /signin from the home page and signs out again", async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole("link", { name: "Staff sign-in" }).click();
    await page.waitForURL(/\/signin$/);
    await page.getByLabel("Email").fill(DEMO_AGENT.email);
    await page.getByLabel("Password", { exact: true }).fill(DEMO_AGENT.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    expect((await page.request.get(`${server.url}/api/auth/me`)).status()).toBe(200);

    await page.goto(`${server.url}/signin`);
    await page.getByText("Signed in as").waitFor();
    await page.getByText(DEMO_AGENT.name).waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Email").waitFor();
    expect((await page.request.get(`${server.url}/api/auth/me`)).status()).toBe(401);
    await context.close();
  });
});
