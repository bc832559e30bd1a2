import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser.ts";
import { enterHall, eventually } from "./support/hall-page.ts";
import { startProductServer, type ProductServer } from "./support/product-server.ts";
import { CALL_LINES, speechWav } from "./support/speech-wav.ts";

/**
 * Live assist in a real call: the customer's and the agent's microphones play recorded speech
 * (espeak-ng, looped by Chromium's fake capture), the server taps both voices inside the private
 * call, pocketsphinx transcribes each speaker, and the agent's console shows the transcript,
 * keywords, matching articles and a nudge when he says something the rules forbid; the wrap-up
 * is drafted from the call; the ticket keeps the redacted transcript, the alerts and the
 * recording, whose length is the call's. The customer's page receives none of it.
 */
let server: ProductServer;
let customerBrowser: Browser;
let agentBrowser: Browser;
const shots = "test-results/e2e";

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), "atrium-assist-"));
  const customerVoice = speechWav(dir, "customer", CALL_LINES.customer, 2.5);
  const agentVoice = speechWav(dir, "agent", CALL_LINES.agent, 3);
  server = await startProductServer({ ATRIUM_DEMO_STAFF: "1", ATRIUM_OFFER_SECONDS: "30", ATRIUM_AFTER_CALL_SECONDS: "120", ATRIUM_RECORD_CALLS: "1" });
  customerBrowser = await launchChromium([`--use-file-for-fake-audio-capture=${customerVoice}`]);
  agentBrowser = await launchChromium([`--use-file-for-fake-audio-capture=${agentVoice}`]);
});

afterAll(async () => {
  await customerBrowser?.close();
  await agentBrowser?.close();
  const code = await server?.stop();
  expect(code, "server exits cleanly on SIGTERM").toBe(0);
});

async function agentConsole(): Promise<Page> {
  const context = await agentBrowser.newContext({ viewport: { width: 1440, height: 900 } });
  const response = await context.request.post(`${server.url}/api/auth/signin`, { data: { email: "sam.carter@nova.example", password: "atrium-demo" } });
  expect(response.status()).toBe(200);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("[agent] page error:", e.message));
  await page.goto(`${server.url}/agent`);
  await page.getByTestId("presence-available").click();
  await page.locator('[data-testid="agent-state"][data-state="available"]').waitFor();
  return page;
}

/** Recognizer processes on this machine (the embedded one runs one per speaker of a live call). */
function recognizers(): number {
  try {
    return Number(execFileSync("pgrep", ["-c", "-f", ".atrium/bin/ps-stream"]).toString().trim());
  } catch {
    return 0; // pgrep exits 1 when there is none
  }
}

describe("live assist", () => {
  it("transcribes a real call per speaker, nudges the agent, drafts the wrap-up and keeps it all on the ticket", async () => {
    const agent = await agentConsole();
    const ada = await enterHall(customerBrowser, server.url, "Ada");
    await ada.getByTestId("concierge-open").click();
    await ada.getByTestId("concierge-person").click();
    // Calls are recorded here: she is told before the call starts.
    await ada.getByTestId("service-recorded").waitFor({ timeout: 15_000 });
    await agent.getByTestId("agent-offer").waitFor({ timeout: 30_000 });
    await agent.getByTestId("offer-accept").click();
    await agent.getByTestId("agent-session").waitFor({ timeout: 30_000 });
    await ada.locator('[data-testid="service-panel"][data-phase="connected"]').waitFor({ timeout: 30_000 });
    const connectedAt = Date.now();

    // The console transcribes, and knows who said what.
    await agent.locator('[data-testid="assist-status"][data-state="running"]').waitFor({ timeout: 30_000 });
    const customerLines = agent.locator('[data-testid="assist-line"][data-speaker="customer"][data-final="true"]');
    const heard = await eventually(
      async () => (await customerLines.allTextContents()).join(" ").toLowerCase(),
      (text) => ["screen", "phone", "replacement", "broken"].filter((w) => text.includes(w)).length >= 2,
      60_000,
    ).catch(async (error: unknown) => {
      // What the server said about live assist, and what the console showed, to tell why.
      console.error(server.logs.join("").split("\n").filter((l) => /assist|recogni|tap/i.test(l)).slice(-30).join("\n"));
      await agent.screenshot({ path: `${shots}/live-assist-failed.png` });
      throw error;
    });
    console.log(`customer heard as: ${heard}`);
    await agent.locator('[data-testid="assist-line"][data-speaker="agent"][data-final="true"]').first().waitFor({ timeout: 30_000 });
    await agent.getByTestId("assist-keywords").waitFor();
    expect((await agent.getByTestId("assist-keywords").innerText()).toLowerCase()).toMatch(/screen|phone/);

    // A scripted forbidden phrase: a gentle nudge within seconds, on the console and on the ticket.
    await agent.getByTestId("agent-input").fill("Please calm down, it is not my problem.");
    await agent.getByTestId("agent-input").press("Enter");
    const nudge = agent.getByTestId("assist-alerts").locator('li[data-rule="blaming-the-customer"]');
    await nudge.waitFor({ timeout: 10_000 });
    await agent.screenshot({ path: `${shots}/live-assist-console.png` });
    // The supervisor's floor shows the nudge live, by the agent's call.
    const floor = await agentBrowser.newContext({ viewport: { width: 1280, height: 800 } });
    expect((await floor.request.post(`${server.url}/api/auth/signin`, { data: { email: "zhang.min@nova.example", password: "atrium-demo" } })).status()).toBe(200);
    const supervisor = await floor.newPage();
    await supervisor.goto(`${server.url}/supervisor`);
    await supervisor.getByTestId("floor-alert").first().waitFor({ timeout: 15_000 });
    await floor.close();

    // A card number typed by the customer never reaches the ticket whole.
    await ada.getByTestId("service-input").fill("My card is 4111 1111 1111 1111, please refund it");
    await ada.getByTestId("service-input").press("Enter");
    await agent.getByTestId("agent-chat").getByText("1111", { exact: false }).last().waitFor();

    const lags = await agent.evaluate(() => (window as unknown as { atriumAgent: { client: { assist: { state: { lagsMs: number[] } } } } }).atriumAgent.client.assist.state.lagsMs);
    const sorted = [...lags].sort((a, b) => a - b);
    console.log(`end of speech → final line on the console: ${sorted.length} lines, p50 ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms`);
    expect(lags.length).toBeGreaterThan(0);

    // The customer's page receives none of live assist.
    expect(await ada.evaluate(() => window.atrium!.assist.state.lines.length + window.atrium!.assist.state.alerts.length)).toBe(0);
    expect(recognizers(), "one recognizer per speaker while the call lasts").toBe(2);

    // He ends the call: the wrap-up is drafted from it.
    await agent.getByTestId("agent-end").click();
    const endedAt = Date.now();
    const notes = agent.getByTestId("wrap-notes");
    await eventually(() => notes.inputValue(), (v) => v.length > 0, 20_000);
    const draft = await notes.inputValue();
    expect(draft).toMatch(/Customer:/);
    expect(draft.toLowerCase()).toMatch(/screen|phone/);
    await agent.getByTestId("wrap-keywords").waitFor();
    await agent.screenshot({ path: `${shots}/live-assist-wrap-up.png` });
    // No recognizer process outlives its call.
    await eventually(async () => recognizers(), (n) => n === 0, 10_000);
    const wrap = agent.getByTestId("agent-wrap-up");
    if (!(await wrap.locator("input[type=radio]:checked").count())) await wrap.getByLabel("Fault reported").check();
    await agent.getByTestId("wrap-submit").click();
    await agent.getByTestId("agent-idle").waitFor();

    // The ticket: the redacted transcript by speaker, the alert at its moment, the recording.
    const ticketNumber = await ada.evaluate(() => window.atrium!.service.state.view?.ticketNumber);
    await agent.goto(`${server.url}/tickets/${ticketNumber}`);
    const call = agent.getByTestId("call-transcript");
    await call.waitFor();
    expect((await call.locator('[data-testid="call-line"][data-speaker="customer"]').allTextContents()).join(" ").toLowerCase()).toMatch(/screen|phone/);
    await call.getByTestId("call-alerts").locator('li[data-rule="blaming-the-customer"]').waitFor();
    const ticketText = await agent.locator("body").innerText();
    expect(ticketText).not.toContain("4111 1111 1111 1111");
    expect(ticketText).toContain("•••• 1111");
    const player = call.getByTestId("call-recording");
    const src = await player.getAttribute("src");
    const storedMs = Number(await player.getAttribute("data-duration-ms"));
    const bytes = await (await agent.context().request.get(`${server.url}${src}`)).body();
    const file = join(mkdtempSync(join(tmpdir(), "atrium-rec-")), "call.opus");
    writeFileSync(file, bytes);
    const probed = JSON.parse(execFileSync("ffprobe", ["-v", "error", "-show_entries", "format=duration:stream=codec_name,channels", "-of", "json", file]).toString()) as { format: { duration: string }; streams: { codec_name: string; channels: number }[] };
    const seconds = Number(probed.format.duration);
    console.log(`recording ${seconds.toFixed(2)} s (stored ${storedMs} ms), call ${(endedAt - connectedAt) / 1000} s`);
    expect(probed.streams[0]).toMatchObject({ codec_name: "opus", channels: 1 });
    expect(Math.abs(seconds * 1000 - storedMs)).toBeLessThan(250);
    // The call ran from the agent's attach (just before she saw "connected") to his end click.
    expect(seconds * 1000).toBeGreaterThan(endedAt - connectedAt - 1500);
    expect(seconds * 1000).toBeLessThan(endedAt - connectedAt + 8000);
    await agent.screenshot({ path: `${shots}/live-assist-ticket.png`, fullPage: true });
  }, 300_000);
});
