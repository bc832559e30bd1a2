import type { types } from "mediasoup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "../test-support/hall-visit.ts";
import type { DataLabel } from "./data-labels.ts";
import { MediaHub } from "./media-hub.ts";
import type { ReceivedData } from "./media-peer.ts";
import type { MediaRoom } from "./media-room.ts";

/**
 * Integration: data channels routed by label on a real worker. Messages travel between server
 * peers on DirectTransports (mediasoup-demo's Bot), whose data consumers hand us every message;
 * browsers are WebRTC transports with SCTP (their data consumers are counted, not read).
 */
let hub: MediaHub;
beforeAll(async () => {
  hub = new MediaHub({ workers: 1, listenIp: "127.0.0.1", rtcMinPort: 42000, rtcMaxPort: 42999, logLevel: "warn" });
  await hub.start();
});
afterAll(async () => {
  await hub?.close();
});

const caps = (room: MediaRoom) => room.rtpCapabilities as types.RtpCapabilities;
const reliable = (streamId: number): types.SctpStreamParameters => ({ streamId, ordered: true });

/** A browser-like peer with SCTP transports, receiving `labels`. */
async function browser(room: MediaRoom, id: string, labels?: DataLabel[]): Promise<{ send: string; sctp: types.SctpParameters }> {
  room.addPeer(id);
  await room.join(id, caps(room), true, labels);
  const recv = await room.createTransport(id, "recv");
  return { send: (await room.createTransport(id, "send")).id, sctp: recv.sctpParameters as types.SctpParameters };
}

describe("data channels with rules", () => {
  it("gives a bystander outside a private call none of its data, and lets the call's members and the hall have theirs", async () => {
    const closedFor: string[] = [];
    const room = await hub.openRoom("data-private", {
      notify: (peerId, type) => {
        if (type === "rtc:dataConsumerClosed") closedFor.push(peerId);
      },
    });
    const inbox = new Map<string, string[]>();
    const bots: Record<string, (label: DataLabel) => Promise<types.DataProducer>> = {};
    for (const id of ["customer", "agent", "bystander"]) {
      room.addPeer(id);
      inbox.set(id, []);
      bots[id] = await room.server.openData(id, ["events"], (d: ReceivedData) => inbox.get(id)!.push(`${d.fromPeerId}:${d.message.toString()}`));
    }
    await browser(room, "browser-bystander", ["events"]);
    const customer = await bots.customer!("events");
    const agent = await bots.agent!("events");
    const fromOf = (peerId: string) =>
      room
        .dataConsumers()
        .filter((c) => c.peerId === peerId)
        .map((c) => c.fromPeerId)
        .sort();
    expect(fromOf("bystander")).toEqual(["agent", "customer"]);
    expect(fromOf("browser-bystander")).toEqual(["agent", "customer"]);
    customer.send("open-hall");
    await until(() => inbox.get("bystander")!.includes("customer:open-hall") && inbox.get("agent")!.includes("customer:open-hall"));

    await room.openPrivateCall("ticket-9", ["customer", "agent"]);
    expect(fromOf("bystander"), "the bystander's data consumers of the call are closed").toEqual([]);
    expect(fromOf("browser-bystander")).toEqual([]);
    expect(closedFor.filter((p) => p === "browser-bystander"), "the page is told").toHaveLength(2);
    expect(fromOf("agent"), "members still receive the hall").toEqual(["customer"]);

    customer.send("secret");
    agent.send("secret-reply");
    await until(() => inbox.get("agent")!.includes("customer:secret") && inbox.get("customer")!.includes("agent:secret-reply"));
    // A channel opened during the call, a hearing pass and a late subscriber change nothing for the hall.
    const customerBoard = await bots.customer!("board");
    await room.subscribeData("bystander", ["events", "board"]);
    await room.refreshHearing();
    customerBoard.send("secret-board");
    customer.send("secret-2");
    await until(() => inbox.get("agent")!.includes("customer:secret-2"));
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox.get("bystander")!.filter((m) => m.includes("secret")), "nothing of the call reached the bystander").toEqual([]);
    expect(fromOf("bystander")).toEqual([]);

    await room.closePrivateCall("ticket-9");
    expect(fromOf("bystander"), "open to the hall again").toEqual(["agent", "customer", "customer"]);
    customer.send("after");
    await until(() => inbox.get("bystander")!.includes("customer:after"));
    room.close();
  });

  it("makes data consumers only for peers that subscribe to a label, and follows canReceiveData", async () => {
    const x = new Map<string, number>(); // where each peer stands along a line
    let range = Infinity; // metres within which the hall lets data through; at first, the whole hall
    const room = await hub.openRoom("data-scale", {
      notify: () => {},
      canReceiveData: (receiverId, senderId) => Math.abs(x.get(receiverId)! - x.get(senderId)!) <= range,
    });
    const people = Array.from({ length: 30 }, (_, i) => `p${i}`);
    people.forEach((id, i) => x.set(id, i));
    for (const id of people) {
      const { send } = await browser(room, id, []); // a page whose features need no channel subscribes to none
      await room.produceData(id, send, reliable(0), "events", "atrium-events");
    }
    const count = () => room.dataConsumers().length;
    expect(count(), "30 peers that each send an events channel nobody subscribes to: no data consumers (not 30×29 = 870)").toBe(0);
    // Pages that join naming no labels (as the hall client does today) receive every hall channel someone opened.
    for (const id of ["q0", "q1"]) {
      x.set(id, 0);
      room.addPeer(id);
      await room.join(id, caps(room), true);
      await room.createTransport(id, "recv");
    }
    expect(room.dataConsumers().map((c) => c.peerId).filter((p) => p.startsWith("q")), "q0 and q1 receive everyone's events: 2 × 30").toHaveLength(60);
    for (const id of ["q0", "q1"]) room.removePeer(id);

    // Three of them open a feature that uses the channel: they receive it from everyone else.
    for (const id of ["p0", "p15", "p29"]) await room.subscribeData(id, ["events"]);
    expect(count()).toBe(3 * 29);
    // The hall's rule narrows to 5 m: the next pass closes the data consumers out of range.
    range = 5;
    await room.refreshHearing();
    expect(count()).toBe(5 + 10 + 5);
    expect(room.dataConsumers().filter((c) => c.peerId === "p15").map((c) => c.fromPeerId).sort()).toEqual(["p10", "p11", "p12", "p13", "p14", "p16", "p17", "p18", "p19", "p20"]);

    // p15 walks to the far end: the hearing pass closes what is out of range and makes what came in range.
    x.set("p15", 40);
    await room.refreshHearing();
    expect(room.dataConsumers().filter((c) => c.peerId === "p15")).toEqual([]);
    x.set("p15", 28);
    await room.refreshHearing();
    expect(room.dataConsumers().filter((c) => c.peerId === "p15").map((c) => c.fromPeerId).sort()).toEqual(["p23", "p24", "p25", "p26", "p27", "p28", "p29"]);
    expect(count(), "p0: p1–p5; p15 at 28: p23–p29; p29: p24–p28 and p15").toBe(5 + 7 + 6);
    room.close();
  });

  it("forwards unordered, never-retransmitted channels as such, refuses unknown labels, and caps message size", async () => {
    const offered = new Map<string, types.SctpStreamParameters>(); // "receiver<-sender" → the data consumer's channel
    const room = await hub.openRoom("data-face", {
      notify: (peerId, type, payload) => {
        const m = payload as { peerId: string; sctpStreamParameters: types.SctpStreamParameters };
        if (type === "rtc:newDataConsumer") offered.set(`${peerId}<-${m.peerId}`, m.sctpStreamParameters);
      },
      maxDataMessageBytes: 1000,
    });
    const ada = await browser(room, "ada", ["face"]);
    await browser(room, "bob", ["face"]);
    await room.produceData("ada", ada.send, { streamId: 1, ordered: false, maxRetransmits: 0 }, "face", "atrium-face");
    expect(offered.get("bob<-ada")).toMatchObject({ ordered: false, maxRetransmits: 0 });
    await room.produceData("ada", ada.send, { streamId: 2, ordered: true }, "events", "atrium-events");
    expect(offered.has("bob<-ada") && room.dataConsumers().filter((c) => c.peerId === "bob").length, "bob did not subscribe to events").toBe(1);
    await expect(room.produceData("ada", ada.send, { streamId: 3, ordered: true }, "face", ""), "face frames must not be retransmitted").rejects.toThrow(/unordered/);
    await expect(room.produceData("ada", ada.send, reliable(4), "chat", "")).rejects.toThrow(/unknown data channel/);
    await expect(room.subscribeData("bob", ["probe"]), "the probe echo is never forwarded to others").rejects.toThrow(/cannot subscribe/);

    // A server peer's face frames reach a browser unordered and unretransmitted too.
    room.addPeer("concierge");
    const concierge = await room.server.openData("concierge", []);
    await concierge("face");
    expect(offered.get("bob<-concierge")).toMatchObject({ ordered: false, maxRetransmits: 0 });

    // The browser is told the cap (its SCTP refuses larger sends); server channels drop larger messages.
    expect(ada.sctp.maxMessageSize).toBe(1000);
    const got: number[] = [];
    room.addPeer("listener");
    await room.server.openData("listener", ["face"], (d) => got.push(d.message.length));
    const frames = await concierge("face");
    frames.send(Buffer.alloc(1001));
    frames.send(Buffer.alloc(1000));
    frames.send(Buffer.alloc(10));
    await until(() => got.includes(10));
    expect(got, "the 1001-byte message was dropped").toEqual([1000, 10]);
    room.close();
  });
});
