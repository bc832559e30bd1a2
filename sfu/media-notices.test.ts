import { describe, expect, it } from "vitest";
import type { ServerMessage } from "../game-server/protocol/media.ts";
import { MediaNotice } from "./media-notices.ts";

/** Type-only: the SFU's notice names must be the protocol's wire names, checked by tsc. */
const sameWireNames: { [K in keyof typeof MediaNotice]: (typeof ServerMessage)[K] } = MediaNotice;

describe("MediaNotice", () => {
  it("uses the hall protocol's wire names", () => {
    expect(sameWireNames).toEqual({
      newConsumer: "rtc:newConsumer",
      newDataConsumer: "rtc:newDataConsumer",
      consumerClosed: "rtc:consumerClosed",
      dataConsumerClosed: "rtc:dataConsumerClosed",
    });
  });
});
