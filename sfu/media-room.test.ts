import type { types } from "mediasoup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaHub } from "./media-hub.ts";
import type { MediaRoom } from "./media-room.ts";

/** Integration: the video plan of a MediaRoom on a real mediasoup worker (no browsers: RTP parameters by hand). */
let hub: MediaHub;
beforeAll(async () => {
  hub = new MediaHub({ workers: 1, listenIp: "127.0.0.1", rtcMinPort: 40000, rtcMaxPort: 40999, logLevel: "warn" });
  await hub.start();
});
afterAll(async () => {
  await hub?.close();
});

const simulcastCamera = (ssrc: number): types.RtpParameters => ({
  mid: "1",
  codecs: [{ mimeType: "video/VP8", payloadType: 101, clockRate: 90000, rtcpFeedback: [{ type: "nack" }, { type: "nack", parameter: "pli" }] }],
  headerExtensions: [],
  encodings: [0, 1, 2].map((i) => ({ ssrc: ssrc + i, scalabilityMode: "L1T3" })),
  rtcp: { cname: `cam-${ssrc}` },
});

describe("MediaRoom video", () => {
  it("sends a viewer at most its cap of videos, the lowest rank first, at the layer asked for", async () => {
    // Where everyone stands along a line; the hall's rule would be distance, here it is x.
    const x: Record<string, number> = { viewer: 0, near: 2, mid: 5, far: 11 };
    const consumers = new Map<string, string>(); // consumerId → sender
    const room: MediaRoom = await hub.openRoom("cap-test", {
      notify: (peerId, type, payload) => {
        const m = payload as { consumerId: string; peerId: string };
        if (peerId === "viewer" && type === "rtc:newConsumer") {
          consumers.set(m.consumerId, m.peerId);
          void room.resumeConsumer("viewer", m.consumerId);
        }
      },
      viewVideo: (viewerId, senderId) => {
        const d = Math.abs(x[senderId]! - x[viewerId]!);
        return d > 10 ? undefined : { spatialLayer: d < 4 ? 2 : 1, rank: d };
      },
      maxVideosPerPeer: 1,
    });
    for (const id of Object.keys(x)) {
      room.addPeer(id);
      await room.join(id, room.rtpCapabilities as types.RtpCapabilities, false);
    }
    await room.createTransport("viewer", "recv");
    let ssrc = 1000;
    for (const sender of ["near", "mid", "far"]) {
      const send = await room.createTransport(sender, "send");
      await room.produce(sender, send.id, "video", simulcastCamera((ssrc += 10)), "camera");
    }
    await room.refreshHearing();
    const fromViewer = async () => {
      const stats = (await room.consumerStats()).filter((c) => c.peerId === "viewer");
      return Object.fromEntries(stats.map((c) => [c.fromPeerId, { paused: c.paused, layer: c.preferredSpatialLayer }]));
    };
    // Only the nearest flows (cap 1); beyond range it is paused whatever the cap.
    expect(await fromViewer()).toEqual({ near: { paused: false, layer: 2 }, mid: { paused: true, layer: 1 }, far: { paused: true, layer: 0 } });

    // The nearest walks away: the next one takes its place at its own layer.
    x.near = 8;
    await room.refreshHearing();
    expect(await fromViewer()).toMatchObject({ near: { paused: true }, mid: { paused: false, layer: 1 } });

    // Hidden on the viewer's page frees the slot; full screen asks for the top layer.
    const midConsumer = [...consumers].find(([, sender]) => sender === "mid")![0];
    await room.setVideoDisplay("viewer", midConsumer, "hidden");
    await room.refreshHearing();
    expect(await fromViewer()).toMatchObject({ near: { paused: false, layer: 1 }, mid: { paused: true } });
    await room.setVideoDisplay("viewer", midConsumer, "full");
    await room.refreshHearing();
    expect(await fromViewer()).toMatchObject({ near: { paused: true }, mid: { paused: false, layer: 2 } });
    room.close();
  });
});
