import type { types } from "mediasoup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "../test-support/hall-visit.ts";
import { MediaHub } from "./media-hub.ts";
import type { MediaRoom } from "./media-room.ts";
import { OpusEncoder, toneFrames } from "./opus-encoder.ts";
import { rtpPayload, type ServerVoice } from "./server-peers.ts";

/** Integration on a real worker: a server voice's Opus RTP through the router to a server tap, under the hall's rules. */
let hub: MediaHub;
beforeAll(async () => {
  hub = new MediaHub({ workers: 1, listenIp: "127.0.0.1", rtcMinPort: 43000, rtcMaxPort: 43999, logLevel: "warn" });
  await hub.start();
});
afterAll(async () => {
  await hub?.close();
});

/** Speaks a 440 Hz tone for `frames` × 20 ms, in real time. */
async function speak(voice: ServerVoice, frames: number): Promise<void> {
  const opus = new OpusEncoder();
  for (const pcm of toneFrames(440, frames)) {
    voice.sendOpus(opus.encode(pcm));
    await new Promise((r) => setTimeout(r, 20));
  }
  opus.close();
}

const rms = (pcm: Int16Array) => Math.sqrt(pcm.reduce((sum, v) => sum + v * v, 0) / pcm.length) / 32768;

describe("server participants", () => {
  it("carries a server voice's Opus RTP to a server tap", async () => {
    const room: MediaRoom = await hub.openRoom("server-voice", { notify: () => {} });
    room.addPeer("concierge");
    const voice = await room.server.openVoice("concierge");
    expect(room.producingSources("concierge")).toEqual(new Set(["mic"]));
    expect(room.server.taps, "taps exist only on request").toEqual([]);

    const tap = await room.server.openTap("concierge", "mic");
    const packets: Buffer[] = [];
    tap.onRtp((p) => packets.push(p));
    await speak(voice, 50);
    await until(() => tap.packets >= 45, 3000);

    expect(tap.codec.mimeType.toLowerCase()).toBe("audio/opus");
    expect(packets.every((p) => (p[1]! & 0x7f) === tap.codec.payloadType), "every packet carries Opus's payload type").toBe(true);
    const decoder = new OpusEncoder();
    const levels = packets.map((p) => rms(decoder.decode(rtpPayload(p)))).slice(-10); // in order: a decoder needs the stream from its start
    decoder.close();
    expect(Math.min(...levels), "the tone arrives, not silence").toBeGreaterThan(0.1);
    console.warn(`server voice → tap: ${tap.packets} RTP packets, ${tap.bytes} bytes, payload type ${tap.codec.payloadType}, tone RMS ${Math.min(...levels).toFixed(2)} of full scale (sent 0.18)`);

    voice.close();
    await until(() => tap.closed, 2000);
    expect(room.server.taps, "a tap closes with its producer").toEqual([]);
    room.close();
  });

  it("treats a server voice as a peer (hearing, private calls) and closes a call's taps with the call", async () => {
    const heard = new Map<string, string>(); // consumerId → listener
    const closed: string[] = [];
    let concierge = true; // whether the hall lets the bystander hear the concierge
    const room: MediaRoom = await hub.openRoom("server-rules", {
      notify: (peerId, type, payload) => {
        const m = payload as { consumerId: string; peerId: string };
        if (type === "rtc:newConsumer" && m.peerId === "concierge") heard.set(m.consumerId, peerId);
        if (type === "rtc:consumerClosed" && heard.has(m.consumerId)) closed.push(heard.get(m.consumerId)!);
      },
      canHear: (listenerId, speakerId) => speakerId !== "concierge" || listenerId !== "bystander" || concierge,
    });
    for (const id of ["customer", "bystander"]) {
      room.addPeer(id);
      await room.join(id, room.rtpCapabilities as types.RtpCapabilities, false);
      await room.createTransport(id, "recv");
    }
    room.addPeer("concierge");
    const voice = await room.server.openVoice("concierge");
    expect([...heard.values()].sort(), "browsers get the server voice like any microphone").toEqual(["bystander", "customer"]);
    const pausedFor = async (listener: string) => (await room.consumerStats()).find((c) => c.peerId === listener && c.fromPeerId === "concierge")?.paused;
    for (const [consumerId, listener] of heard) await room.resumeConsumer(listener, consumerId);
    expect(await pausedFor("bystander")).toBe(false);
    concierge = false;
    await room.refreshHearing();
    expect(await pausedFor("bystander"), "hearing applies to it").toBe(true);

    const hallTap = await room.server.openTap("concierge", "mic");
    await room.openPrivateCall("call-1", ["customer", "concierge"]);
    expect(closed, "the bystander's consumer of the concierge is closed").toEqual(["bystander"]);
    expect(hallTap.closed, "a tap of the open hall closes when its peer goes private").toBe(true);
    await expect(room.server.openTap("concierge", "mic"), "nor can one be opened").rejects.toThrow(/private call/);
    await expect(room.server.openTap("concierge", "mic", { callId: "call-2" })).rejects.toThrow(/not in call/);
    const callTap = await room.server.openTap("concierge", "mic", { callId: "call-1" });
    await speak(voice, 10);
    await until(() => callTap.packets >= 5, 2000);

    await room.closePrivateCall("call-1");
    expect(callTap.closed, "a call's tap closes with its call").toBe(true);
    expect(room.server.taps).toEqual([]);
    room.close();
  });
});
