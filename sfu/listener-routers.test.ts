import type { types } from "mediasoup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaHub } from "./media-hub.ts";
import { opusVoice } from "../test-support/rtp-parameters.ts";

/** Integration: a busy hall spreads its listeners over two real workers, piping the voices across. */
let hub: MediaHub;
beforeAll(async () => {
  hub = new MediaHub({ workers: 2, listenIp: "127.0.0.1", rtcMinPort: 41000, rtcMaxPort: 41999, logLevel: "warn", consumersPerWorker: 2 });
  await hub.start();
});
afterAll(async () => {
  await hub?.close();
});

describe("listeners spread over workers", () => {
  it("serves listeners past a worker's consumer budget from another worker, with the voice piped there", async () => {
    const consumersOf = new Map<string, number>();
    const room = await hub.openRoom("busy-hall", {
      notify: (peerId, type) => {
        if (type === "rtc:newConsumer") consumersOf.set(peerId, (consumersOf.get(peerId) ?? 0) + 1);
      },
    });
    const caps = room.rtpCapabilities as types.RtpCapabilities;
    room.addPeer("speaker");
    await room.join("speaker", caps, false);
    const send = await room.createTransport("speaker", "send");
    await room.produce("speaker", send.id, "audio", opusVoice(4242), "mic");

    for (const listener of ["l1", "l2", "l3", "l4"]) {
      room.addPeer(listener);
      await room.join(listener, caps, false);
      await room.createTransport(listener, "recv");
    }
    // Every listener got the voice, whichever worker serves it.
    expect(Object.fromEntries(consumersOf)).toEqual({ l1: 1, l2: 1, l3: 1, l4: 1 });
    const workers = hub.health().workers;
    expect(workers.map((w) => w.routers).sort()).toEqual([1, 1]); // the hall's own router, and one for its overflow
    const stats = await room.consumerStats();
    expect(stats.filter((c) => c.fromPeerId === "speaker")).toHaveLength(4);
    expect(hub.workerLoads().map((w) => w.consumers).sort()).toEqual([2, 2]);
    room.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(hub.workerLoads().map((w) => w.consumers)).toEqual([0, 0]);
  });
});
