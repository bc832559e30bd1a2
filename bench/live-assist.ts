import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../e2e/support/browser.ts";
import { enterHall } from "../e2e/support/hall-page.ts";
import { startProductServer } from "../e2e/support/product-server.ts";
import { CALL_LINES, speechWav } from "../e2e/support/speech-wav.ts";
import type { Benchmark, BenchResult } from "./benchmark.ts";
import { percentile } from "./sample-stats.ts";

interface AgentAssist {
  atriumAgent?: { client: { assist: { state: { lagsMs: number[]; lines: { speaker: string }[]; status?: { transcription: string } } } } };
}

/**
 * Speech → console: in a real service call in the hall (customer and agent pages in Chromium,
 * each microphone playing a looped espeak-ng recording, the real SFU, server taps, pocketsphinx),
 * how long after a speaker stops does the final line of what they said show on the agent's
 * console. Measured on the agent's page for every final spoken line: its arrival time minus
 * (the call's start + the line's end offset on the server's timeline). The pages and the
 * recognizers share the machine's cores, as they do in the tests (a production server does not
 * run browsers).
 */
const liveAssist: Benchmark = {
  name: "live-assist",
  description: "end of speech → its final transcript line on the agent's console, in a real call (p50/p95)",
  timeLimitSeconds: 420,
  async run({ quick, log }): Promise<BenchResult> {
    const dir = mkdtempSync(join(tmpdir(), "atrium-bench-assist-"));
    const server = await startProductServer({ ATRIUM_DEMO_STAFF: "1", ATRIUM_OFFER_SECONDS: "60" });
    const browsers: Browser[] = [];
    try {
      const customerBrowser = await launchChromium([`--use-file-for-fake-audio-capture=${speechWav(dir, "customer", CALL_LINES.customer, 2.5)}`]);
      const agentBrowser = await launchChromium([`--use-file-for-fake-audio-capture=${speechWav(dir, "agent", CALL_LINES.agent, 3)}`]);
      browsers.push(customerBrowser, agentBrowser);
      // The console in the agent's language (ATRIUM_BENCH_LOCALE=zh-CN to look at it in Chinese).
      const locale = process.env.ATRIUM_BENCH_LOCALE ?? "en-US";
      const context = await agentBrowser.newContext({ locale, viewport: { width: 1440, height: 900 } });
      const signin = await context.request.post(`${server.url}/api/auth/signin`, { data: { email: "sam.carter@nova.example", password: "atrium-demo" } });
      if (signin.status() !== 200) throw new Error(`agent sign-in failed: ${signin.status()}`);
      const agent: Page = await context.newPage();
      await agent.goto(`${server.url}/agent`);
      await agent.getByTestId("presence-available").click();
      const customer = await enterHall(customerBrowser, server.url, "Ada");
      await customer.getByTestId("concierge-open").click();
      await customer.getByTestId("concierge-person").click();
      await agent.getByTestId("offer-accept").click({ timeout: 60_000 });
      await agent.locator('[data-testid="assist-status"][data-state="running"]').waitFor({ timeout: 60_000 });
      const seconds = quick ? 30 : 90;
      log(`call connected; listening for ${seconds} s`);
      await new Promise((r) => setTimeout(r, seconds * 1000));
      const state = await agent.evaluate(() => {
        const s = (window as unknown as AgentAssist).atriumAgent!.client.assist.state;
        return { lagsMs: s.lagsMs, customer: s.lines.filter((l) => l.speaker === "customer").length, agent: s.lines.filter((l) => l.speaker === "agent").length, status: s.status?.transcription ?? "off" };
      });
      mkdirSync("test-results/look", { recursive: true });
      await agent.screenshot({ path: `test-results/look/live-assist-console-${locale}.png` });
      const lags = state.lagsMs;
      const p = (q: number) => (lags.length ? Math.round(percentile(lags, q)) : null);
      const heardSeconds = seconds;
      return {
        tables: [
          {
            title: `Speech → console, ${heardSeconds} s of a call (two speakers, looped 4–6 s sentences)`,
            rows: [{ "final lines": lags.length, "customer lines": state.customer, "agent lines": state.agent, "p50 ms": p(50), "p95 ms": p(95), "max ms": lags.length ? Math.round(Math.max(...lags)) : null, "status at end": state.status }],
          },
        ],
        summary: { lines: lags.length, p50Ms: p(50), p95Ms: p(95) },
        goals: [],
        notes: [
          "The latency includes pocketsphinx's end-of-utterance detection (its VAD waits for ~0.5 s of quiet) and the decode of the whole utterance, which runs after the speaker stops.",
          "Both browsers (one rendering the 3D hall in software) share the cores with the server and its two recognizer processes: on a 2-core machine the recognizers fall behind and the figure is mostly queueing; compare runs on the same machine.",
        ],
      };
    } finally {
      for (const b of browsers) await b.close().catch(() => undefined);
      await server.stop();
    }
  },
};

export default liveAssist;
