import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsumerStats } from "../../sfu/index.ts";
import type { ErrorPayload, HallState, NewConsumer, TransportOptions } from "../protocol/index.ts";
import { PoseWatcher } from "../../test-support/pose-watcher.ts";
import { newSessionToken, startTestServer, type TestServer } from "../../test-support/start-test-server.ts";
import { until, rejection } from "../../test-support/hall-visit.ts";
import { simulcastCamera, singleVideo } from "../../test-support/rtp-parameters.ts";

/**
 * Integration: webcams and screen shares through a real Colyseus hall and a real mediasoup
 * worker. The senders are SDK clients producing with hand-written RTP parameters (a VP8
 * simulcast camera in three layers, a one-layer screen), so what is checked is the SFU's own
 * view: which consumers are paused and which simulcast layer each one asks for, as the
 * viewer walks about the demo hall (Nova Electronics; walks along its cross aisle, z = 3.2).
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

type Visit = Room<unknown, HallState> & { poses: PoseWatcher; consumers: NewConsumer[]; sendTransport?: Promise<TransportOptions> };

async function enter(name: string): Promise<Visit> {
  const token = await newSessionToken(server.url, name);
  const room = await new Client(server.url).joinOrCreate<HallState>("hall", { hallId: "demo", token });
  const visit: Visit = Object.assign(room, { poses: new PoseWatcher(room), consumers: [] as NewConsumer[] });
  // Like a browser: take every consumer the hall offers and say we are ready for it.
  room.onMessage("rtc:newConsumer", (m: NewConsumer) => {
    visit.consumers.push(m);
    room.request("rtc:resumeConsumer", { consumerId: m.consumerId }).catch(() => undefined); // may race a leave
  });
  await until(() => visit.poses.own !== undefined);
  const caps = await room.request("rtc:capabilities");
  await room.request("rtc:join", { rtpCapabilities: caps, dataChannels: false });
  return visit;
}

/** Walks in a straight line at walking speed (the server allows no more) until there. */
async function walkTo(v: Visit, x: number, z: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const me = v.poses.own!;
    const d = Math.hypot(x - me.x, z - me.z);
    if (d < 0.1) return;
    const step = Math.min(0.18, d);
    v.send("move", { x: me.x + ((x - me.x) / d) * step, z: me.z + ((z - me.z) / d) * step, ry: 0 });
    await new Promise((r) => setTimeout(r, 66));
  }
  throw new Error(`could not walk to ${x}, ${z}`);
}

async function produce(v: Visit, source: "camera" | "screen" | "mic", kind: "audio" | "video" = "video"): Promise<string> {
  const send = await (v.sendTransport ??= v.request("rtc:createTransport", { direction: "send" }) as Promise<TransportOptions>);
  const rtpParameters = source === "camera" ? simulcastCamera(1000 + Math.floor(Math.random() * 1e6)) : singleVideo(5000 + Math.floor(Math.random() * 1e6));
  return ((await v.request("rtc:produce", { transportId: send.id, kind, rtpParameters, source })) as { producerId: string }).producerId;
}

async function consumerFrom(viewer: Visit, sender: Visit, source: string): Promise<ConsumerStats | undefined> {
  const stats = (await (await fetch(`${server.url}/api/media/stats`)).json()) as { rooms: Record<string, ConsumerStats[]> };
  return Object.values(stats.rooms)
    .flat()
    .find((c) => c.peerId === viewer.sessionId && c.fromPeerId === sender.sessionId && c.source === source);
}

/** Waits for the SFU to settle on this state (the hall re-checks 4 times a second). */
async function expectConsumer(viewer: Visit, sender: Visit, source: string, want: Partial<ConsumerStats>): Promise<void> {
  let last: ConsumerStats | undefined;
  try {
    await until(async () => {
      last = await consumerFrom(viewer, sender, source);
      return !!last && Object.entries(want).every(([k, v]) => last![k as keyof ConsumerStats] === v);
    });
  } catch {
    expect(last, `${source} consumer of ${viewer.sessionId}`).toMatchObject(want);
  }
}

describe("webcams and screen shares in the hall", () => {
  it("asks for a sharper simulcast layer the closer the viewer stands, and stops the video beyond range or behind booth glass", async () => {
    const ada = await enter("Ada");
    const bob = await enter("Bob");
    const recv = (await bob.request("rtc:createTransport", { direction: "recv" })) as TransportOptions;
    expect(recv.id).toBeTruthy();
    await Promise.all([walkTo(ada, -9, 3.2), walkTo(bob, -7, 3.2)]);

    await produce(ada, "camera");
    await until(() => bob.state.visitors.get(ada.sessionId)?.camera === true);
    await until(() => bob.consumers.some((c) => c.peerId === ada.sessionId && c.source === "camera" && c.kind === "video"));

    // 2 m: the 720p layer; 6 m: 360p; 10.5 m: 180p; 17 m: nothing at all.
    await expectConsumer(bob, ada, "camera", { paused: false, preferredSpatialLayer: 2 });
    await walkTo(bob, -3, 3.2);
    await expectConsumer(bob, ada, "camera", { paused: false, preferredSpatialLayer: 1 });
    await walkTo(bob, 1.5, 3.2);
    await expectConsumer(bob, ada, "camera", { paused: false, preferredSpatialLayer: 0 });
    await walkTo(bob, 8, 3.2);
    await expectConsumer(bob, ada, "camera", { paused: true });

    // Inside the consultation room, 3.5 m from Ada standing outside its glass: still nothing.
    await walkTo(bob, 10.5, 5.9);
    await walkTo(ada, 7, 5.9);
    await expectConsumer(bob, ada, "camera", { paused: true });
    await walkTo(bob, 8.8, 5.9); // back out through the door, 1.8 m from Ada
    await expectConsumer(bob, ada, "camera", { paused: false, preferredSpatialLayer: 2 });

    await Promise.all([ada.leave(), bob.leave()]);
  }, 150_000);

  it("drops a video the viewer's page hides, or shows small, and raises one it shows full screen", async () => {
    const ada = await enter("Ada");
    const bob = await enter("Bob");
    await bob.request("rtc:createTransport", { direction: "recv" });
    await Promise.all([walkTo(ada, -9, 3.2), walkTo(bob, -3, 3.2)]);
    await produce(ada, "camera");
    await until(() => bob.consumers.some((c) => c.peerId === ada.sessionId && c.source === "camera"));
    const consumerId = bob.consumers.find((c) => c.peerId === ada.sessionId && c.source === "camera")!.consumerId;
    await expectConsumer(bob, ada, "camera", { paused: false, preferredSpatialLayer: 1 });

    bob.send("rtc:videoDisplay", { consumerId, display: "hidden" });
    await expectConsumer(bob, ada, "camera", { paused: true });
    bob.send("rtc:videoDisplay", { consumerId, display: "small" });
    await expectConsumer(bob, ada, "camera", { paused: false, preferredSpatialLayer: 0 });
    bob.send("rtc:videoDisplay", { consumerId, display: "full" });
    await expectConsumer(bob, ada, "camera", { paused: false, preferredSpatialLayer: 2 });
    bob.send("rtc:videoDisplay", { consumerId, display: "normal" });
    await expectConsumer(bob, ada, "camera", { paused: false, preferredSpatialLayer: 1 });

    // Someone else's consumer is not Ada's to hint about.
    const refused = new Promise<ErrorPayload>((resolve) => ada.onMessage("error", resolve));
    ada.send("rtc:videoDisplay", { consumerId, display: "hidden" });
    expect(await refused).toMatchObject({ code: "media_failed", type: "rtc:videoDisplay" });
    await expectConsumer(bob, ada, "camera", { paused: false });

    await Promise.all([ada.leave(), bob.leave()]);
  }, 60_000);

  it("puts a screen share on the nearest hall screen and shows it across the hall, but not inside a booth", async () => {
    const ada = await enter("Ada");
    const bob = await enter("Bob");
    await bob.request("rtc:createTransport", { direction: "recv" });
    await Promise.all([walkTo(ada, -9, 3.2), walkTo(bob, 8, 3.2)]); // 17 m apart: too far for a webcam
    await produce(ada, "screen");
    await until(() => bob.state.visitors.get(ada.sessionId)?.screen === true);
    expect(bob.state.visitors.get(ada.sessionId)?.screenId).toBe("video-wall"); // the consultation room's screen is behind glass
    await expectConsumer(bob, ada, "screen", { paused: false });

    await walkTo(bob, 10.5, 5.9);
    await expectConsumer(bob, ada, "screen", { paused: true });

    await Promise.all([ada.leave(), bob.leave()]);
  }, 60_000);

  it("refuses a second camera, and a camera that claims to be audio", async () => {
    const ada = await enter("Ada");
    await produce(ada, "camera");
    expect(await rejection(produce(ada, "camera"))).toMatchObject({ code: "media_failed", message: expect.stringMatching(/already sending camera/) });
    expect(await rejection(produce(ada, "screen", "audio"))).toMatchObject({ code: "media_failed", message: expect.stringMatching(/screen must be video/) });
    await ada.leave();
  });
});
