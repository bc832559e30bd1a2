import { describe, expect, it } from "vitest";
import { judgeNetwork, median } from "./network-verdict.ts";

describe("network verdict", () => {
  it("calls a quick, lossless UDP path good", () => {
    expect(judgeNetwork({ rttMs: 35, sent: 20, received: 20, protocol: "udp" }).verdict).toBe("good");
  });

  it("calls slow, lossy or TCP-only paths fair", () => {
    expect(judgeNetwork({ rttMs: 220, sent: 20, received: 20, protocol: "udp" }).verdict).toBe("fair");
    expect(judgeNetwork({ rttMs: 40, sent: 50, received: 48, protocol: "udp" }).verdict).toBe("fair");
    const tcp = judgeNetwork({ rttMs: 20, sent: 20, received: 20, protocol: "tcp" });
    expect(tcp.verdict).toBe("fair");
    expect(tcp.summary).toMatch(/blocks UDP/);
  });

  it("calls very slow, very lossy or silent paths poor", () => {
    expect(judgeNetwork({ rttMs: 650, sent: 20, received: 20, protocol: "udp" }).verdict).toBe("poor");
    expect(judgeNetwork({ rttMs: 30, sent: 20, received: 15, protocol: "udp" }).verdict).toBe("poor");
    expect(judgeNetwork({ sent: 20, received: 0 })).toMatchObject({ verdict: "poor", summary: expect.stringMatching(/No answer/) });
  });

  it("takes the median, so one late echo does not spoil the number", () => {
    expect(median([5, 6, 400, 7, 5])).toBe(6);
    expect(median([4, 8])).toBe(6);
    expect(median([])).toBeUndefined();
  });
});
