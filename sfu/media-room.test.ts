import type { types } from "mediasoup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaHub } from "./media-hub.ts";
import type { MediaRoom } from "./media-room.ts";
import { opusVoice, simulcastCamera, singleVideo } from "../test-support/rtp-parameters.ts";

/** Integration: the video plan of a MediaRoom on a real mediasoup worker (no browsers: RTP parameters by hand). */
let hub: MediaHub;
beforeAll(async () => {
  hub = new MediaHub({ workers: 1, listenIp: "127.0.0.1", rtcMinPort: 40000, rtcMaxPort: 40999, logLevel: "warn" });
  await hub.start();
});
afterAll(async () => {
  await hub?.close();
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

describe("MediaRoom private calls", () => {
  it("lets only a service call's members receive its media, and opens it to the hall again when it ends", async () => {
    const closedFor: string[] = [];
    const room: MediaRoom = await hub.openRoom("private-test", {
      notify: (peerId, type) => {
        if (type === "rtc:consumerClosed") closedFor.push(peerId);
      },
    });
    const people = ["customer", "agent", "bystander"];
    for (const id of people) {
      room.addPeer(id);
      await room.join(id, room.rtpCapabilities as types.RtpCapabilities, false);
      await room.createTransport(id, "recv");
    }
    let ssrc = 5000;
    const sendTransport: Record<string, string> = {};
    for (const id of people) {
      sendTransport[id] = (await room.createTransport(id, "send")).id;
      await room.produce(id, sendTransport[id], "audio", opusVoice((ssrc += 10)), "mic");
    }
    const receives = async (listener: string) =>
      (await room.consumerStats())
        .filter((c) => c.peerId === listener)
        .map((c) => `${c.fromPeerId}:${c.source}`)
        .sort();
    expect(await receives("bystander")).toEqual(["agent:mic", "customer:mic"]);

    await room.openPrivateCall("ticket-7", ["customer", "agent"]);
    expect(await receives("bystander"), "the bystander's consumers of the call are gone").toEqual([]);
    expect(closedFor.filter((p) => p === "bystander")).toHaveLength(2);
    expect(await receives("agent")).toEqual(["bystander:mic", "customer:mic"]);
    expect(await receives("customer"), "members still hear the open hall").toEqual(["agent:mic", "bystander:mic"]);

    // Media started during the call stays inside it, and so does a newcomer's view of it.
    await room.produce("customer", sendTransport.customer!, "video", singleVideo(9000), "camera");
    room.addPeer("late");
    await room.join("late", room.rtpCapabilities as types.RtpCapabilities, false);
    await room.createTransport("late", "recv");
    expect(await receives("bystander")).toEqual([]);
    expect(await receives("late")).toEqual(["bystander:mic"]);
    expect(await receives("agent")).toEqual(["bystander:mic", "customer:camera", "customer:mic"]);

    await expect(room.openPrivateCall("ticket-8", ["agent", "ghost"]), "only people in the hall's media can be in a call").rejects.toThrow(/not a member/);

    await room.closePrivateCall("ticket-7");
    expect(await receives("bystander")).toEqual(["agent:mic", "customer:camera", "customer:mic"]);
    expect(await receives("late")).toEqual(["agent:mic", "bystander:mic", "customer:camera", "customer:mic"]);
    room.close();
  });
});
