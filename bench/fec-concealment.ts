import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../e2e/support/browser.ts";
import { enterHall } from "../e2e/support/hall-page.ts";
import { startProductServer } from "../e2e/support/product-server.ts";
import { RelayedMediaPath } from "../e2e/support/relayed-media-path.ts";
import type { Benchmark, BenchResult, Row } from "./benchmark.ts";
import { speechLikeWav } from "./speech-like-wav.ts";

/**
 * How well speech survives packet loss with Opus in-band FEC on and off, in the same run.
 * Two hall pages in Chromium talk through the real SFU; each page's packets to the SFU pass
 * a user-space UDP relay that drops a share of them (the way back is clean). One page sends
 * with FEC (the product's setting), the other with FEC refused in its SDP (`useinbandfec=0`),
 * both under the same loss at the same time, so each hears the other: the receiver's
 * concealment ratio (`concealedSamples / totalSamplesReceived`: audio the decoder had to make
 * up) is compared per loss level. Needs the built app (`npm run build`).
 */

interface AudioCounters {
  concealed: number;
  total: number;
  received: number;
  lost: number;
  fecReceived: number;
}

/** The page's received-audio counters, summed over its peer connections. */
function audioCounters(page: Page): Promise<AudioCounters> {
  return page.evaluate(async () => {
    const sum = { concealed: 0, total: 0, received: 0, lost: 0, fecReceived: 0 };
    const pcs = (window as unknown as { __atriumPeerConnections?: Set<RTCPeerConnection> }).__atriumPeerConnections ?? new Set();
    for (const pc of pcs) {
      if (pc.connectionState === "closed") continue;
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type !== "inbound-rtp" || s.kind !== "audio") return;
        const n = (k: string) => (typeof s[k] === "number" ? (s[k] as number) : 0);
        sum.concealed += n("concealedSamples");
        sum.total += n("totalSamplesReceived");
        sum.received += n("packetsReceived");
        sum.lost += n("packetsLost");
        sum.fecReceived += n("fecPacketsReceived");
      });
    }
    return sum;
  });
}

function delta(a: AudioCounters, b: AudioCounters) {
  const d = (k: keyof AudioCounters) => Math.max(0, b[k] - a[k]);
  const expected = d("received") + d("lost");
  return {
    concealPct: d("total") > 0 ? (100 * d("concealed")) / d("total") : null,
    lossPct: expected > 0 ? (100 * d("lost")) / expected : null,
    packets: d("received"),
    fecPackets: d("fecReceived"),
  };
}

const fecConcealment: Benchmark = {
  name: "fec-concealment",
  description: "receiver concealment at 10/20/30 % uplink loss with Opus in-band FEC on vs off (two Chromium pages through the SFU)",
  timeLimitSeconds: 240,
  async run(options): Promise<BenchResult> {
    const levels = [0, 10, 20, 30];
    const settleMs = options.quick ? 3000 : 6000;
    // The clean baseline needs less time than the lossy levels, whose concealment is noisier.
    const windowMs = (lossPct: number) => (options.quick ? 6000 : lossPct === 0 ? 8000 : 15_000);
    const dir = mkdtempSync(join(tmpdir(), "atrium-fec-"));
    const wav = join(dir, "speech.wav");
    writeFileSync(wav, speechLikeWav(12));
    const server = await startProductServer();
    let browser: Browser | undefined;
    const paths: RelayedMediaPath[] = [];
    try {
      browser = await launchChromium([`--use-file-for-fake-audio-capture=${wav}`]);
      // The low rendering preset keeps the set-up short; one page after the other, with patience:
      // software-rendered pages on a shared machine can take a minute to get their voice up.
      const light = (page: Page) => page.addInitScript(() => localStorage.setItem("atrium.quality", "low")).then(() => undefined);
      const withFec = await enterHall(browser, server.url, "FEC on", "demo", async (page) => {
        await light(page);
        paths[0] = await RelayedMediaPath.attach(page, { opusFec: true, seed: 11 });
      }, 90_000);
      const withoutFec = await enterHall(browser, server.url, "FEC off", "demo", async (page) => {
        await light(page);
        paths[1] = await RelayedMediaPath.attach(page, { opusFec: false, seed: 23 });
      }, 90_000);
      // The degradation ladder would (rightly) take voice away at 30 % loss; here we want to hear it.
      for (const page of [withFec, withoutFec]) await page.evaluate(() => window.atrium?.network?.stop());
      for (const page of [withFec, withoutFec]) {
        await page.waitForFunction(() => window.atrium!.media.stats().then((s) => s.inboundAudioBytes > 5000), undefined, { timeout: 30_000, polling: 250 });
      }

      const rows: Row[] = [];
      const summary: Record<string, number | null> = {};
      for (const lossPct of levels) {
        // Loss on each sender's way to the SFU only: the listener's own link is clean.
        for (const path of paths) path.impair({ lossPct }, {});
        options.log(`${lossPct} % loss: settling ${settleMs} ms, measuring ${windowMs(lossPct)} ms`);
        await withFec.waitForTimeout(settleMs);
        const [fecHeard0, plainHeard0] = await Promise.all([audioCounters(withoutFec), audioCounters(withFec)]);
        await withFec.waitForTimeout(windowMs(lossPct));
        const [fecHeard1, plainHeard1] = await Promise.all([audioCounters(withoutFec), audioCounters(withFec)]);
        // "FEC on" is what the FEC-less page hears of the FEC page, and the other way round.
        const on = delta(fecHeard0, fecHeard1);
        const off = delta(plainHeard0, plainHeard1);
        const ratio = on.concealPct !== null && off.concealPct !== null && off.concealPct > 0 ? on.concealPct / off.concealPct : null;
        rows.push({
          "loss %": lossPct,
          "conceal % FEC on": on.concealPct,
          "conceal % FEC off": off.concealPct,
          "ratio on/off": ratio,
          "seen loss % (on)": on.lossPct,
          "seen loss % (off)": off.lossPct,
          "FEC packets (on)": on.fecPackets,
          "FEC packets (off)": off.fecPackets,
          "packets (on)": on.packets,
        });
        summary[`conceal${lossPct}On`] = on.concealPct;
        summary[`conceal${lossPct}Off`] = off.concealPct;
        summary[`ratio${lossPct}`] = ratio;
      }
      const lossy = rows.filter((r) => (r["loss %"] as number) > 0);
      const better = lossy.filter((r) => typeof r["ratio on/off"] === "number" && (r["ratio on/off"] as number) < 1).length;
      const counters = await Promise.all(paths.map((p) => p.counters()));
      return {
        tables: [{ title: "Received speech made up by the decoder (concealment), per uplink loss", rows }],
        summary,
        goals: [
          {
            target: "in-band FEC conceals less speech than no FEC at 10, 20 and 30 % loss",
            measured: lossy.map((r) => `${r["loss %"]} %: ${typeof r["ratio on/off"] === "number" ? (r["ratio on/off"] as number).toFixed(2) : "–"}×`).join(", "),
            met: better === lossy.length,
          },
        ],
        notes: [
          "Loss is applied by a user-space UDP relay on each sender's way to the SFU (random, independent per packet); the SFU forwards what arrives, the listeners' links are clean.",
          "Both senders are under the same loss at the same time, so CPU load and timing are shared; FEC off is `useinbandfec=0` in the sender's answer SDP (its Opus encoder adds no LBRR).",
          "Chromium's Opus encoder sizes its FEC from the loss the SFU reports in RTCP receiver reports, hence the settling time per level.",
          "The fake microphone plays a synthetic speech-like signal (bench/speech-like-wav.ts) that never falls silent, so DTX does not thin the stream.",
          `Relay: ${counters.map((c, i) => `${i === 0 ? "FEC on" : "FEC off"} sender up ${c.up.forwarded} forwarded / ${c.up.dropped} dropped`).join("; ")}.`,
          "Both pages render the 3D hall with software GL on a shared machine: the 0 % row is the concealment that CPU contention alone causes.",
        ],
      };
    } finally {
      await Promise.allSettled(paths.filter(Boolean).map((p) => p.close()));
      await browser?.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default fecConcealment;
