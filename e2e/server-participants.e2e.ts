import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MediaRoom } from "../sfu/media-room.ts";
import { OpusEncoder, toneFrames } from "../sfu/opus-encoder.ts";
import { rtpPayload } from "../sfu/server-peers.ts";
import { startPageTestServer, type PageTestServer } from "../test-support/start-page-server.ts";
import { launchChromium } from "./support/browser.ts";
import { enterHall, eventually, sessionId } from "./support/hall-page.ts";

/**
 * Server-side participants against a real browser: a voice produced by the server (Opus from
 * this process into a PlainTransport) is heard by a page in the hall, and the page's microphone
 * reaches a server-side tap as RTP. The hall does not place server peers yet (no avatar, so
 * its hearing rule says no): the test's hall lets everyone hear this server voice.
 */
// Not the hall's own concierge (peer "concierge"), which has its voice already: a second server voice.
const SERVER_VOICE = "server-voice";
let server: PageTestServer;
let browser: Browser;
let ada: Page;
let room: MediaRoom;

type Tracked = Window & { trackedPeerConnections?: RTCPeerConnection[] };

/** Keeps every RTCPeerConnection the page makes, to read its stats. */
const trackPeerConnections = async (page: Page): Promise<void> => {
  await page.addInitScript(() => {
    const Original = window.RTCPeerConnection;
    const seen: RTCPeerConnection[] = ((window as Tracked).trackedPeerConnections = []);
    window.RTCPeerConnection = class extends Original {
      constructor(config?: RTCConfiguration) {
        super(config);
        seen.push(this);
      }
    };
  });
};

/** Inbound audio on the page, all tracks together (only the server voice sends it audio): packets and decoded samples. */
const inboundAudio = (page: Page) =>
  page.evaluate(async () => {
    let packets = 0;
    let samples = 0;
    for (const pc of (window as Tracked).trackedPeerConnections ?? []) {
      (await pc.getStats()).forEach((s: { type: string; kind?: string; packetsReceived?: number; totalSamplesReceived?: number }) => {
        if (s.type === "inbound-rtp" && s.kind === "audio") {
          packets += s.packetsReceived ?? 0;
          samples += s.totalSamplesReceived ?? 0;
        }
      });
    }
    return { packets, samples };
  });

beforeAll(async () => {
  server = await startPageTestServer({}, (events) => ({
    ...events,
    canHear: (listenerId, speakerId) => speakerId === SERVER_VOICE || (events.canHear?.(listenerId, speakerId) ?? true),
  }));
  browser = await launchChromium();
  ada = await enterHall(browser, server.url, "Ada", "demo", trackPeerConnections);
  const id = await sessionId(ada);
  room = [...server.media.rooms()].find((r) => r.hasPeer(id))!;
  expect(room, "Ada's hall has a media room").toBeDefined();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("server participants in the hall", () => {
  it("lets a page hear a voice produced by the server", async () => {
    room.addPeer(SERVER_VOICE);
    const voice = await room.server.openVoice(SERVER_VOICE);
    const before = await inboundAudio(ada);
    const opus = new OpusEncoder();
    const frames = toneFrames(440, 200); // 4 s
    const speaking = (async () => {
      for (const pcm of frames) {
        voice.sendOpus(opus.encode(pcm));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    // Packets on the page's receiver, and the tone's level after the page's HRTF panner: what Ada hears.
    // (Headless Chromium reports totalAudioEnergy 0 on the receiver here: its playout goes through Web Audio.)
    const heard = await eventually(
      async () => ({ ...(await inboundAudio(ada)), level: (await ada.evaluate((id) => window.atrium!.voices.levels()[id], SERVER_VOICE)) ?? 0 }),
      (s) => s.packets > before.packets + 50 && s.level > 0.01,
      15_000,
    );
    await speaking;
    opus.close();
    console.log(`page heard the server voice: ${heard.packets - before.packets} packets received, ${((heard.samples - before.samples) / 48000).toFixed(1)} s decoded, level after the panner ${heard.level.toFixed(3)} RMS`);
    const consumer = (await room.consumerStats()).find((c) => c.fromPeerId === SERVER_VOICE);
    expect(consumer, "the SFU forwarded it to the page").toMatchObject({ paused: false, kind: "audio", source: "mic" });
    expect(consumer!.packetCount).toBeGreaterThan(50);
    voice.close();
  });

  it("brings the page's microphone to a server-side tap as Opus RTP", async () => {
    const id = await sessionId(ada);
    await eventually(async () => room.producingSources(id).has("mic"), Boolean);
    const tap = await room.server.openTap(id, "mic");
    const payloads: Buffer[] = [];
    tap.onRtp((p) => payloads.push(rtpPayload(p)));
    await eventually(async () => tap.packets, (n) => n >= 100, 15_000); // 2 s of 20 ms packets
    expect(tap.codec.mimeType.toLowerCase()).toBe("audio/opus");
    const decoder = new OpusEncoder();
    const peak = Math.max(...payloads.map((p) => decoder.decode(p)).map((pcm) => pcm.reduce((m, v) => Math.max(m, Math.abs(v)), 0) / 32768));
    decoder.close();
    console.log(`server tap got the page's microphone: ${tap.packets} RTP packets, ${tap.bytes} bytes, payload type ${tap.codec.payloadType}, peak ${peak.toFixed(2)} of full scale`);
    expect(peak, "the fake microphone's beep, not only silence").toBeGreaterThan(0.01);
    tap.close();
  });
});
