import { describe, expect, it } from "vitest";
import { admit, MessageRejected } from "./message-guard.ts";

function rejection(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof MessageRejected) return e.payload;
    throw e;
  }
  throw new Error("expected a rejection");
}

describe("admit", () => {
  it("passes a well-formed move", () => {
    expect(admit("move", { x: 1, z: 2, ry: 0 })).toEqual({ x: 1, z: 2, ry: 0 });
  });

  it("refuses unknown types", () => {
    expect(rejection(() => admit("teleport", {}))).toMatchObject({ code: "unknown_message", type: "teleport" });
  });

  it("refuses non-finite coordinates and wrong shapes, naming the field", () => {
    expect(rejection(() => admit("move", { x: Number.NaN, z: 0, ry: 0 }))).toMatchObject({ code: "invalid_payload" });
    expect(rejection(() => admit("move", { x: "1", z: 0, ry: 0 })).message).toMatch(/at x/);
    expect(rejection(() => admit("move", null))).toMatchObject({ code: "invalid_payload" });
  });

  it("refuses oversized payloads before parsing them", () => {
    const huge = { transportId: "t", dtlsParameters: { blob: "x".repeat(200_000) } };
    expect(rejection(() => admit("rtc:connectTransport", huge))).toMatchObject({ code: "payload_too_large" });
  });

  it("treats a cyclic payload as too large", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(rejection(() => admit("move", cyclic))).toMatchObject({ code: "payload_too_large" });
  });
});
