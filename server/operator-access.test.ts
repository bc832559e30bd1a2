import type { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { fromThisMachine } from "./operator-access.ts";

const from = (remoteAddress: string | undefined) => ({ socket: { remoteAddress } as Socket });

describe("operator-only endpoints", () => {
  it("answer requests from this machine only", () => {
    expect(fromThisMachine(from("127.0.0.1"))).toBe(true);
    expect(fromThisMachine(from("::1"))).toBe(true);
    expect(fromThisMachine(from("::ffff:127.0.0.1"))).toBe(true);
    expect(fromThisMachine(from("192.168.1.20"))).toBe(false);
    expect(fromThisMachine(from("::ffff:10.0.0.5"))).toBe(false);
    expect(fromThisMachine(from(undefined))).toBe(false);
  });
});
