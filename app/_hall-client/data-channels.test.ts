import { EventEmitter } from "node:events";
import type { types } from "mediasoup-client";
import { describe, expect, it } from "vitest";
import { Limits } from "../../game-server/protocol/limits.ts";
import { DataChannels } from "./data-channels.ts";

/** Just enough of mediasoup-client's DataProducer: opens on the next tick unless told otherwise. */
class FakeDataProducer extends EventEmitter {
  readyState: RTCDataChannelState = "connecting";
  closed = false;
  readonly sent: unknown[] = [];
  readonly options: types.DataProducerOptions;
  constructor(options: types.DataProducerOptions, opens = true) {
    super();
    this.options = options;
    if (opens) setTimeout(() => this.#open());
  }
  #open() {
    this.readyState = "open";
    this.emit("open");
  }
  send(data: unknown) {
    this.sent.push(data);
  }
}

/** A send transport that records every data producer it makes. */
function fakeTransport(opens = true) {
  const made: FakeDataProducer[] = [];
  const transport = {
    produceData: async (options: types.DataProducerOptions = {}) => {
      await Promise.resolve();
      const producer = new FakeDataProducer(options, opens);
      made.push(producer);
      return producer as unknown as types.DataProducer;
    },
  };
  return { transport, made };
}

describe("DataChannels", () => {
  it("opens nothing until a feature asks, then one ordered channel per label", async () => {
    const channels = new DataChannels();
    const { transport, made } = fakeTransport();
    await channels.attach(transport);
    expect(made).toHaveLength(0);

    const [a, b] = await Promise.all([channels.open("board"), channels.open("board")]);
    expect(a).toBe(b);
    expect(made).toHaveLength(1);
    expect(made[0]!.options).toEqual({ label: "board", protocol: "atrium-board", ordered: true });
    expect(a.open).toBe(true);
    a.send("stroke");
    expect(made[0]!.sent).toEqual(["stroke"]);
    expect(channels.labels).toEqual(["board"]);
  });

  it("opens unordered channels that never resend by default", async () => {
    const channels = new DataChannels();
    const { transport, made } = fakeTransport();
    await channels.attach(transport);
    await channels.open("face", { ordered: false });
    await channels.open("events", { ordered: false, maxRetransmits: 2, protocol: "x" });
    expect(made.map((p) => p.options)).toEqual([
      { label: "face", protocol: "atrium-face", ordered: false, maxRetransmits: 0 },
      { label: "events", protocol: "x", ordered: false, maxRetransmits: 2 },
    ]);
  });

  it("reopens every channel on the next transport after a media restart", async () => {
    const channels = new DataChannels();
    const first = fakeTransport();
    await channels.attach(first.transport);
    const face = await channels.open("face", { ordered: false });

    channels.detach();
    expect(face.open).toBe(false);
    expect(() => face.send("frame")).toThrow(/not open/);

    const second = fakeTransport();
    await channels.attach(second.transport);
    expect(second.made.map((p) => p.options.label)).toEqual(["face"]);
    expect(second.made[0]!.options.ordered).toBe(false);
    await channels.open("face"); // resolves once the new one is open
    face.send("frame");
    expect(second.made[0]!.sent).toEqual(["frame"]);
    expect(first.made[0]!.sent).toEqual([]);
  });

  it("makes the channel again on a transport that replaced the one it was being opened on", async () => {
    const channels = new DataChannels();
    const first = fakeTransport(false);
    await channels.attach(first.transport);
    const opening = channels.open("board").catch((e: unknown) => e);
    channels.detach(); // the restart closed the first transport while its channel was being made
    const second = fakeTransport();
    await channels.attach(second.transport);
    expect(second.made.map((p) => p.options.label)).toEqual(["board"]);
    first.made[0]?.emit("transportclose");
    await opening;
    const board = await channels.open("board");
    board.send("after");
    expect(second.made[0]!.sent).toEqual(["after"]);
  });

  it("refuses before media is connected, bad labels, and messages over the limit", async () => {
    const channels = new DataChannels();
    await expect(channels.open("board")).rejects.toThrow(/not connected/);
    await channels.attach(fakeTransport().transport);
    await expect(channels.open("")).rejects.toThrow(RangeError);
    await expect(channels.open("x".repeat(33))).rejects.toThrow(RangeError);
    const board = await channels.open("board");
    expect(() => board.send("é".repeat(Limits.maxDataMessageBytes / 2 + 1))).toThrow(/at most/);
    expect(() => board.send(new ArrayBuffer(Limits.maxDataMessageBytes))).not.toThrow();
  });

  it("rejects an open whose channel fails before it opens", async () => {
    const channels = new DataChannels();
    const { transport, made } = fakeTransport(false);
    await channels.attach(transport);
    const opening = channels.open("board");
    await new Promise((r) => setTimeout(r));
    made[0]!.emit("error", new Error("sctp failed"));
    await expect(opening).rejects.toThrow("sctp failed");
  });
});
