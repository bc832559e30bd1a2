import type { types } from "mediasoup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaHub } from "./media-hub.ts";
import type { MediaRoom } from "./media-room.ts";
import { opusVoice } from "../test-support/rtp-parameters.ts";
import { until } from "../test-support/hall-visit.ts";

/**
 * Integration: a mediasoup worker process is killed under a hall's media room (real workers,
 * no browsers). The hub must rebuild the room on a live worker with the same people, keep a
 * private call private, tell the hall so its pages reconnect, and replace the dead worker.
 */
let hub: MediaHub;
const replaced: number[] = [];
beforeAll(async () => {
  hub = new MediaHub(
    { workers: 2, listenIp: "127.0.0.1", rtcMinPort: 40000, rtcMaxPort: 40999, logLevel: "warn" },
    { onWorkerReplaced: (pid) => replaced.push(pid) },
  );
  await hub.start();
});
afterAll(async () => {
  await hub?.close();
});

const busyWorkerPid = () => hub.health().workers.find((w) => w.routers > 0)!.pid;

describe("MediaHub when a worker dies", () => {
  it("rebuilds the hall's media on a live worker with the same people and the private call still sealed", async () => {
    const rebuilt: MediaRoom[] = [];
    const events = { notify: () => {}, restarted: (room: MediaRoom) => rebuilt.push(room) };
    const room = await hub.openRoom("crash-test", events);
    const people = ["customer", "agent", "bystander"];
    for (const id of people) {
      room.addPeer(id);
      await room.join(id, room.rtpCapabilities as types.RtpCapabilities, false);
      await room.createTransport(id, "recv");
    }
    await room.openPrivateCall("ticket-1", ["customer", "agent"]);
    const doomed = busyWorkerPid();

    process.kill(doomed, "SIGKILL");
    await until(() => rebuilt.length === 1, 10_000);
    const fresh = rebuilt[0]!;
    expect(room.closed, "the old room went with its worker").toBe(true);
    expect(fresh).not.toBe(room);
    expect(hub.room("crash-test"), "the hall now reaches the rebuilt room").toBe(fresh);
    expect(fresh.peerIds.sort()).toEqual([...people].sort());
    expect(fresh.privateCalls()).toEqual([{ callId: "ticket-1", peerIds: ["customer", "agent"] }]);
    expect(busyWorkerPid(), "the room lives on another worker").not.toBe(doomed);

    // The pages reconnect: new transports, their voices flow again — and the call stays private.
    let ssrc = 7000;
    for (const id of people) {
      await fresh.createTransport(id, "recv");
      const send = await fresh.createTransport(id, "send");
      await fresh.produce(id, send.id, "audio", opusVoice((ssrc += 10)), "mic");
    }
    const receives = async (listener: string) =>
      (await fresh.consumerStats())
        .filter((c) => c.peerId === listener)
        .map((c) => c.fromPeerId)
        .sort();
    expect(await receives("agent")).toEqual(["bystander", "customer"]);
    expect(await receives("bystander"), "nothing of the call reaches the bystander after the rebuild").toEqual([]);

    // The dead worker is replaced, so the pool is back to full strength.
    await until(() => hub.health().ok && hub.health().workers.length === 2, 10_000);
    expect(replaced).toContain(doomed);
    expect(hub.health().workers.map((w) => w.pid)).not.toContain(doomed);
    fresh.close();
  });

  it("does not rebuild a room that its hall closed on purpose", async () => {
    const rebuilt: MediaRoom[] = [];
    const room = await hub.openRoom("closed-test", { notify: () => {}, restarted: (r: MediaRoom) => rebuilt.push(r) });
    room.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(rebuilt).toEqual([]);
    expect(hub.room("closed-test")).toBeUndefined();
  });
});
