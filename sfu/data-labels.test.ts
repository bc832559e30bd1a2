import { describe, expect, it } from "vitest";
import { Limits } from "../game-server/protocol/limits.ts";
import { DataLabel as ProtocolDataLabel } from "../game-server/protocol/media.ts";
import { checkDataProducer, DATA_LABELS, DEFAULT_DATA_LABELS, DEFAULT_MAX_DATA_MESSAGE_BYTES } from "./data-labels.ts";
import { MediaRefused } from "./media-refused.ts";

describe("data labels", () => {
  it("accepts the known labels with the delivery they need", () => {
    expect(checkDataProducer("events", "hall", { streamId: 1, ordered: true })).toBe("events");
    expect(checkDataProducer("board", "hall", { streamId: 1 })).toBe("board");
    expect(checkDataProducer("face", "hall", { streamId: 2, ordered: false, maxRetransmits: 0 })).toBe("face");
    expect(checkDataProducer("face", "hall", { streamId: 2, ordered: false, maxPacketLifeTime: 100 })).toBe("face");
    expect(checkDataProducer("probe", "self", { streamId: 0, ordered: false, maxRetransmits: 0 })).toBe("probe");
    expect(checkDataProducer("face", "hall"), "a server peer's direct channel has no SCTP parameters").toBe("face");
  });

  it("refuses unknown labels, labels used in the wrong place and channels of the wrong delivery", () => {
    expect(() => checkDataProducer("chat", "hall", { streamId: 1 })).toThrow(MediaRefused);
    expect(() => checkDataProducer("toString", "hall", { streamId: 1 })).toThrow(/unknown/);
    expect(() => checkDataProducer("probe", "hall", { streamId: 1, ordered: false, maxRetransmits: 0 })).toThrow(/not sent to the hall/);
    expect(() => checkDataProducer("events", "self", { streamId: 1 })).toThrow(/oneself/);
    expect(() => checkDataProducer("face", "hall", { streamId: 1, ordered: true })).toThrow(/unordered/);
    expect(() => checkDataProducer("face", "hall", { streamId: 1, ordered: false })).toThrow(/unordered/);
    expect(() => checkDataProducer("board", "hall", { streamId: 1, ordered: false, maxRetransmits: 0 })).toThrow(/reliable/);
  });

  it("lets a page that names no labels receive every hall channel, never the probe", () => {
    expect(DEFAULT_DATA_LABELS).toEqual(["events", "face", "board"]);
  });

  it("caps messages at the hall protocol's limit by default", () => {
    expect(DEFAULT_MAX_DATA_MESSAGE_BYTES).toBe(Limits.maxDataMessageBytes);
  });

  it("knows every hall channel the protocol lets a page open or receive, and no other", () => {
    const hall = Object.entries(DATA_LABELS).filter(([, rule]) => rule.fanOut === "hall").map(([label]) => label);
    expect([...ProtocolDataLabel.options].sort()).toEqual(hall.sort());
  });
});
