import { describe, expect, it } from "vitest";
import { ladderCode, ladderFromCode, QoeReport, qualityCode, qualityFromCode, rateQuality, type QualityInputs } from "./qoe.ts";

const clean: QualityInputs = { rttMs: 40, lossPct: 0, connected: true };

describe("rateQuality", () => {
  it("calls a clean LAN call good", () => {
    expect(rateQuality(clean)).toMatchObject({ level: "good", score: 100 });
  });

  it.each([
    [1, "good"],
    [5, "fair"],
    [10, "poor"],
    [30, "bad"],
  ] as const)("%s %% loss is %s", (lossPct, level) => {
    expect(rateQuality({ ...clean, lossPct })).toMatchObject({ level, worst: { metric: "lossPct", value: lossPct } });
  });

  it("takes the worst measurement: a long round trip spoils an otherwise clean call", () => {
    expect(rateQuality({ ...clean, rttMs: 1500 })).toMatchObject({ level: "bad", worst: { metric: "rttMs" } });
    expect(rateQuality({ ...clean, rttMs: 400, lossPct: 1 })).toMatchObject({ level: "fair", worst: { metric: "rttMs" } });
  });

  it("calls a dropped connection bad, whatever the last numbers were", () => {
    expect(rateQuality({ ...clean, connected: false })).toMatchObject({ level: "bad", worst: { metric: "connection" } });
  });

  it("says unknown when nothing was measured", () => {
    expect(rateQuality({ rttMs: null, lossPct: null, connected: true })).toEqual({ level: "unknown", score: null });
  });
});

describe("state codes", () => {
  it("round-trip quality and ladder levels through the small numbers in the hall state", () => {
    for (const level of ["unknown", "good", "fair", "poor", "bad"] as const) expect(qualityFromCode(qualityCode(level))).toBe(level);
    for (const level of ["video", "audio", "text"] as const) expect(ladderFromCode(ladderCode(level))).toBe(level);
    expect(qualityFromCode(99)).toBe("unknown");
    expect(ladderFromCode(99)).toBe("video");
  });
});

describe("QoeReport", () => {
  const sample = { ageMs: 0, windowMs: 2000, rttMs: 20, jitterMs: 3, lossInPct: 0, lossOutPct: null, kbpsIn: 40, kbpsOut: 38, freezes: 0, freezeShare: 0, concealPct: 0.5, connected: true, ladder: "video" };

  it("accepts a batch of measured windows", () => {
    expect(QoeReport.safeParse({ samples: [sample, { ...sample, ageMs: 2000 }] }).success).toBe(true);
  });

  it.each([
    ["no samples", { samples: [] }],
    ["too many samples", { samples: Array.from({ length: 11 }, () => sample) }],
    ["a loss above 100 %", { samples: [{ ...sample, lossInPct: 140 }] }],
    ["a negative round trip", { samples: [{ ...sample, rttMs: -1 }] }],
    ["a score the page made up", { samples: [{ ...sample, score: 100 }] }],
    ["an unknown ladder level", { samples: [{ ...sample, ladder: "hologram" }] }],
    ["a sample from long ago", { samples: [{ ...sample, ageMs: 3_600_000 }] }],
  ])("refuses %s", (_, payload) => {
    expect(QoeReport.safeParse(payload).success).toBe(false);
  });
});
