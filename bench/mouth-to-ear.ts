import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../e2e/support/browser.ts";
import { enterHall, sessionId, walkTo } from "../e2e/support/hall-page.ts";
import { startProductServer } from "../e2e/support/product-server.ts";
import { clockOffset, fireMarker, installMarkerMicrophone, jitterBufferTotals, listenForMarkers, nextOnset } from "./audio-marker.ts";
import type { Benchmark, BenchResult, Row } from "./benchmark.ts";
import { mean, percentile } from "./sample-stats.ts";

/**
 * Mouth-to-ear latency of a voice in the hall: browser → SFU → browser. Two hall pages in
 * Chromium stand a metre apart; the speaker's microphone is a tone generator that plays a
 * 60 ms burst on command, the listener has an onset detector right after the voice's
 * PannerNode (what reaches its speakers). Each burst is timed on both audio clocks and
 * mapped to the shared wall clock. Interleaved with it, the same burst goes through a plain
 * RTCPeerConnection pair inside the speaker's page (no SFU, no second page, one clock): the
 * browser's own WebRTC audio floor under the same load, the baseline for the ratio.
 * Needs the built app (`npm run build`).
 */

interface Timings {
  latencies: number[];
  lost: number;
  /** Mean time received audio waited in the receiver's jitter buffer during the run (ms). */
  jitterBufferMs?: number | null;
}

type Totals = { seconds: number; samples: number };
const bufferedMs = (a: Totals, b: Totals) => (b.samples > a.samples ? (1000 * (b.seconds - a.seconds)) / (b.samples - a.samples) : null);

function row(path: string, t: Timings): Row {
  const l = t.latencies;
  return {
    path,
    markers: l.length + t.lost,
    heard: l.length,
    "p50 ms": l.length ? percentile(l, 50) : null,
    "p95 ms": l.length ? percentile(l, 95) : null,
    "p99 ms": l.length ? percentile(l, 99) : null,
    "max ms": l.length ? Math.max(...l) : null,
    "mean ms": l.length ? mean(l) : null,
    "of which jitter buffer ms": t.jitterBufferMs ?? null,
  };
}

/** How far apart the two pages' wall clocks (timeOrigin + now) are, in ms: the mapping's own error. */
async function clockSkew(a: Page, b: Page): Promise<number> {
  const read = (p: Page) =>
    p.evaluate(() => {
      let sum = 0;
      for (let i = 0; i < 2000; i++) sum += Date.now() - (performance.timeOrigin + performance.now());
      return sum / 2000;
    });
  const [x, y] = await Promise.all([read(a), read(b)]);
  return x - y;
}

const mouthToEar: Benchmark = {
  name: "mouth-to-ear",
  description: "voice latency browser → SFU → browser with an injected tone marker, vs a direct in-page WebRTC path (ratio)",
  timeLimitSeconds: 360,
  async run(options): Promise<BenchResult> {
    const markers = options.quick ? 16 : 60;
    const warmUp = 3; // the jitter buffers settle on the first bursts
    const server = await startProductServer();
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const prepare = async (page: Page) => {
        await page.addInitScript(() => localStorage.setItem("atrium.quality", "low"));
        await installMarkerMicrophone(page);
      };
      const speaker = await enterHall(browser, server.url, "Speaker", "demo", prepare, 120_000);
      const listener = await enterHall(browser, server.url, "Listener", "demo", prepare, 120_000);
      await Promise.all([walkTo(speaker, -0.5, 1.2), walkTo(listener, 0.5, 1.2)]);
      const speakerId = await sessionId(speaker);
      await listener.waitForFunction((id) => Boolean(window.atrium!.voices.output(id)), speakerId, { timeout: 30_000, polling: 250 });
      await listenForMarkers(listener, { peerId: speakerId });
      await listenForMarkers(speaker, "direct");
      const skew = await clockSkew(speaker, listener);
      const outputLatencyMs = await listener.evaluate((id) => {
        const c = window.atrium!.voices.output(id)!.context as AudioContext;
        return 1000 * (c.outputLatency || c.baseLatency || 0);
      }, speakerId);
      options.log(`pages ready; wall clocks differ by ${skew.toFixed(2)} ms; ${markers} bursts per path`);

      const hall: Timings = { latencies: [], lost: 0 };
      const direct: Timings = { latencies: [], lost: 0 };
      const buffers0 = await Promise.all([jitterBufferTotals(listener, "hall"), jitterBufferTotals(speaker, "direct")]);
      let heardHall = 0;
      let heardDirect = 0;
      for (let i = 0; i < markers + warmUp; i++) {
        const counts = i >= warmUp;
        // Through the SFU: speaker's graph → hall producer → SFU → listener's consumer → panner.
        const sentAt = await fireMarker(speaker, "hall");
        const mouthOffset = await clockOffset(speaker);
        const heardAt = await nextOnset(listener, speakerId, heardHall, 2000);
        if (heardAt === null) {
          if (counts) hall.lost++;
        } else {
          heardHall++;
          const earOffset = await clockOffset(listener, speakerId);
          if (counts) hall.latencies.push(heardAt * 1000 + earOffset - (sentAt * 1000 + mouthOffset));
        }
        await speaker.waitForTimeout(350);
        // The browser's own path, same page, same moment's load.
        const directSent = await fireMarker(speaker, "direct");
        const directHeard = await nextOnset(speaker, "direct", heardDirect, 2000);
        if (directHeard === null) {
          if (counts) direct.lost++;
        } else {
          heardDirect++;
          if (counts) direct.latencies.push((directHeard - directSent) * 1000);
        }
        await speaker.waitForTimeout(350);
        if (i % 10 === 9) options.log(`${i + 1}/${markers + warmUp} bursts`);
      }

      const buffers1 = await Promise.all([jitterBufferTotals(listener, "hall"), jitterBufferTotals(speaker, "direct")]);
      hall.jitterBufferMs = bufferedMs(buffers0[0], buffers1[0]);
      direct.jitterBufferMs = bufferedMs(buffers0[1], buffers1[1]);
      const p95 = hall.latencies.length ? percentile(hall.latencies, 95) : null;
      const p50Hall = hall.latencies.length ? percentile(hall.latencies, 50) : null;
      const p50Direct = direct.latencies.length ? percentile(direct.latencies, 50) : null;
      const ratio = p50Hall !== null && p50Direct ? p50Hall / p50Direct : null;
      return {
        tables: [{ title: "Tone burst: speaker's audio graph → listener's audio graph (after the panner)", rows: [row("hall: browser → SFU → browser", hall), row("baseline: browser → browser, in one page", direct)] }],
        summary: { p50Hall, p95Hall: p95, p50Direct, jitterBufferHallMs: hall.jitterBufferMs ?? null, jitterBufferDirectMs: direct.jitterBufferMs ?? null, ratioP50: ratio, lostHall: hall.lost, lostDirect: direct.lost, clockSkewMs: skew, listenerOutputLatencyMs: outputLatencyMs },
        goals: [
          {
            target: "mouth-to-ear p95 < 150 ms on loopback",
            measured: p95 === null ? "nothing heard" : `p95 ${p95.toFixed(0)} ms (p50 ${p50Hall!.toFixed(0)} ms; ${hall.lost} of ${markers} bursts not heard)`,
            met: p95 !== null && p95 < 150 && hall.lost === 0,
          },
        ],
        notes: [
          "Included: the speaker's track delivery, Opus encoding (20 ms frames), pacing, loopback UDP with SRTP, the SFU's forwarding, the listener's jitter buffer and decoder, Web Audio and the HRTF panner.",
          `Not included: the sound card's capture and playout buffers, which depend on the device (this headless listener reports ${outputLatencyMs.toFixed(1)} ms output latency; a real microphone adds ≈ 10 ms).`,
          `Both ends are timed on their own audio clocks (exact to a frame) and mapped to the wall clock with ≈ one audio callback of slack; the two pages' wall clocks differ by ${skew.toFixed(2)} ms.`,
          "The baseline is the same burst through a plain RTCPeerConnection pair inside the speaker's page, with the browser's default Opus settings: the floor the SFU path is compared to, under the same load.",
          "Both pages render the 3D hall with software GL on this machine (low preset) while the server, the SFU worker and Chromium share its cores.",
        ],
      };
    } finally {
      await browser?.close();
      await server.stop();
    }
  },
};

export default mouthToEar;
