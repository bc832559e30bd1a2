import { describe, expect, it } from "vitest";
import { downlinkLossPct, rateSample, sampleBetween, takeSnapshot, withLink, type StatsEntry } from "./qoe-sampler.ts";

/**
 * Stats shaped like Chromium's `RTCPeerConnection.getStats()` (the fields we read and a few we
 * do not), for a page receiving one voice and one camera and sending its microphone.
 */
interface Counters {
  t: number;
  audioIn: number;
  audioLost: number;
  samples: number;
  concealed: number;
  silent?: number;
  videoIn?: number;
  freezes?: number;
  frozenS?: number;
  sent: number;
  remoteLost: number;
  rrs: number;
  checks: number;
  answers: number;
  rttS?: number;
  /** Sum of all checks' round trips so far, s (totalRoundTripTime). */
  totalRttS?: number;
  bytesIn: number;
  bytesOut: number;
}

function recvReport(c: Counters): StatsEntry[] {
  const entries: StatsEntry[] = [
    { id: "T01", type: "transport", timestamp: c.t, bytesReceived: c.bytesIn, bytesSent: 900, selectedCandidatePairId: "CPa1b2", dtlsState: "connected" },
    { id: "CPa1b2", type: "candidate-pair", state: "succeeded", nominated: true, currentRoundTripTime: c.rttS ?? 0.021, totalRoundTripTime: c.totalRttS ?? 0, requestsSent: c.checks, responsesReceived: c.answers },
    { id: "CPzzzz", type: "candidate-pair", state: "failed", nominated: false, currentRoundTripTime: 9, requestsSent: 50, responsesReceived: 0 },
    { id: "IT01A2394", type: "inbound-rtp", kind: "audio", mid: "0", packetsReceived: c.audioIn, packetsLost: c.audioLost, jitter: 0.004, concealedSamples: c.concealed, silentConcealedSamples: c.silent ?? 0, totalSamplesReceived: c.samples, concealmentEvents: 3 },
  ];
  if (c.videoIn !== undefined) {
    entries.push({ id: "IT01V7781", type: "inbound-rtp", kind: "video", packetsReceived: c.videoIn, packetsLost: 0, jitter: 0.03, framesDecoded: 100, freezeCount: c.freezes ?? 0, totalFreezesDuration: c.frozenS ?? 0 });
  }
  entries.push({ id: "CO01_111", type: "codec", mimeType: "audio/opus" });
  return entries;
}

function sendReport(c: Counters): StatsEntry[] {
  return [
    { id: "T01", type: "transport", timestamp: c.t, bytesReceived: 700, bytesSent: c.bytesOut, selectedCandidatePairId: "CPq9", dtlsState: "connected" },
    { id: "CPq9", type: "candidate-pair", state: "succeeded", nominated: true, currentRoundTripTime: c.rttS ?? 0.019, totalRoundTripTime: c.totalRttS ?? 0, requestsSent: c.checks, responsesReceived: c.answers },
    { id: "OT01A1", type: "outbound-rtp", kind: "audio", packetsSent: c.sent, bytesSent: c.bytesOut, remoteId: "RIA1" },
    { id: "RIA1", type: "remote-inbound-rtp", kind: "audio", localId: "OT01A1", packetsLost: c.remoteLost, fractionLost: 0.1, roundTripTime: 0.03, roundTripTimeMeasurements: c.rrs },
  ];
}

const snap = (c: Counters, states = ["connected", "connected"]) => takeSnapshot({ send: sendReport(c), recv: recvReport(c) }, states, c.t);

const base: Counters = { t: 10_000, audioIn: 1000, audioLost: 5, samples: 960_000, concealed: 2000, sent: 1000, remoteLost: 3, rrs: 4, checks: 10, answers: 10, bytesIn: 100_000, bytesOut: 90_000 };

describe("sampleBetween", () => {
  it("measures a clean 2 s window: round trip, jitter, no loss, bitrate", () => {
    const later = { ...base, t: 12_000, audioIn: 1100, samples: 1_056_000, sent: 1100, rrs: 5, bytesIn: 110_000, bytesOut: 99_000 };
    const sample = sampleBetween(snap(base), snap(later));
    expect(sample).toMatchObject({ windowMs: 2000, jitterMs: 4, lossInPct: 0, lossOutPct: 0, concealPct: 0, freezes: 0, connected: true });
    expect(sample.rttMs).toBeCloseTo(21); // the worse transport's selected pair; the failed pair is ignored
    expect(sample.kbpsIn).toBeCloseTo(40);
    expect(sample.kbpsOut).toBeCloseTo(36);
    expect(rateSample(sample).level).toBe("good");
  });

  it("sees loss on the way in from the inbound counters and on the way out from the SFU's receiver reports", () => {
    const later = { ...base, t: 12_000, audioIn: 1080, audioLost: 25, samples: 1_056_000, concealed: 2000 + 19_200, sent: 1100, remoteLost: 28, rrs: 5 };
    const sample = sampleBetween(snap(base), snap(later));
    expect(sample.lossInPct).toBeCloseTo(20); // 20 lost of 100 expected
    expect(sample.lossOutPct).toBeCloseTo(25); // 25 of 100 sent reported lost
    expect(sample.concealPct).toBeCloseTo(20);
    expect(rateSample(sample)).toMatchObject({ level: "bad", worst: { metric: "lossPct", value: 25 } });
  });

  it("reads the way out over the long window, since receiver reports come only every few seconds", () => {
    const mid = snap({ ...base, t: 16_000, sent: 1300, remoteLost: 3, rrs: 4 });
    const now = snap({ ...base, t: 18_000, sent: 1400, remoteLost: 43, rrs: 5 });
    expect(sampleBetween(mid, now).lossOutPct).toBe(40); // 40 lost against the 100 sent since `mid`: the short window misleads
    expect(sampleBetween(mid, now, snap(base)).lossOutPct).toBeCloseTo(10); // 40 of 400 since `base`
  });

  it("takes the round trip as the mean of the window's checks, so one stalled check is not a slow network", () => {
    const before = snap({ ...base, checks: 10, answers: 10, totalRttS: 0.5 });
    const after = snap({ ...base, t: 12_000, checks: 16, answers: 16, rttS: 0.9, totalRttS: 0.5 + 5 * 0.03 + 0.9 });
    expect(sampleBetween(before, after).rttMs).toBeCloseTo(175); // (5 × 30 ms + 900 ms) / 6
    expect(rateSample(sampleBetween(before, after)).level).toBe("good");
  });

  it("knows nothing of the way out when no receiver report arrived", () => {
    const later = { ...base, t: 12_000, audioIn: 1100, sent: 1100, remoteLost: 50 };
    expect(sampleBetween(snap(base), snap(later)).lossOutPct).toBeNull();
  });

  it("ignores paused streams and does not call the silence of a paused speaker concealment", () => {
    const later = { ...base, t: 12_000, samples: 1_056_000, concealed: 2000 + 96_000, silent: 96_000, sent: 1000 };
    const sample = sampleBetween(snap(base), snap(later));
    expect(sample.lossInPct).toBeNull();
    expect(sample.jitterMs).toBeNull();
    expect(sample.concealPct).toBeNull();
  });

  it("falls back to unanswered connectivity checks when no media flows (text-only)", () => {
    const quiet = { ...base, t: 12_000, checks: 14, answers: 13 }; // per transport 4 checks, 3 answers
    const sample = sampleBetween(snap(base), snap(quiet));
    expect(sample.lossInPct).toBeNull();
    expect(sample.stunLossPct).toBeCloseTo(25);
    expect(rateSample(sample)).toMatchObject({ level: "bad", worst: { metric: "lossPct" } });
    const answered = sampleBetween(snap(base), snap({ ...quiet, answers: 14 }));
    expect(rateSample(answered).level).toBe("good");
  });

  it("counts video freezes and the share of the window spent frozen", () => {
    const a = snap({ ...base, videoIn: 5000, freezes: 1, frozenS: 0.5 });
    const b = snap({ ...base, t: 12_000, audioIn: 1100, samples: 1_056_000, videoIn: 5400, freezes: 3, frozenS: 1.3 });
    const sample = sampleBetween(a, b);
    expect(sample.freezes).toBe(2);
    expect(sample.freezeShare).toBeCloseTo(0.4);
    expect(rateSample(sample).level).toBe("good"); // recorded, not rated: the sender's network freezes it too
  });

  it("calls a window with a disconnected transport bad", () => {
    const sample = sampleBetween(snap(base), snap({ ...base, t: 12_000 }, ["connected", "disconnected"]));
    expect(sample.connected).toBe(false);
    expect(rateSample(sample).level).toBe("bad");
  });

  it("does not call a transport that has not connected yet a drop (alone in the hall, nothing to receive)", () => {
    const sample = sampleBetween(snap(base, ["connected", "new"]), snap({ ...base, t: 12_000 }, ["connected", "new"]));
    expect(sample.connected).toBe(true);
  });

  it("measures the way in hop by hop against the SFU's sender reports: a sender's own losses are not ours", () => {
    // Bob sends 50 packets/s; his uplink loses 30 %, so the SFU forwards 35/s (keeping the
    // sequence gaps); our own way down loses 10 % of those: 31.5/s arrive.
    const history = (downLoss: number) =>
      [0, 2000, 4000, 6000].map((t) => {
        const received = 0.035 * (1 - downLoss) * t;
        const sr = [1000, 3500, 5500].filter((at) => at <= t).at(-1);
        const counters = {
          kind: "audio", t, packetsReceived: received, packetsLost: 0.05 * t - received, jitter: 0.01,
          concealedSamples: 0, silentConcealedSamples: 0, totalSamplesReceived: 0, freezeCount: 0, totalFreezesDuration: 0,
          sr: sr === undefined ? undefined : { at: sr, sent: 0.035 * sr, reports: [1000, 3500, 5500].indexOf(sr) + 1 },
        };
        return { at: t, inbound: new Map([["recv:IT01A1", counters]]), outbound: new Map(), pairs: new Map(), bytesReceived: 0, bytesSent: 0, connected: true };
      });
    const lossy = history(0.1);
    expect(sampleBetween(lossy[2]!, lossy[3]!).lossInPct).toBeCloseTo(37); // end to end
    expect(downlinkLossPct(lossy)).toBeCloseTo(10); // ours
    const clean = history(0);
    expect(downlinkLossPct(clean)).toBeCloseTo(0);
    // Bob's bad uplink does not make our network "bad".
    expect(rateSample(sampleBetween(clean[2]!, clean[3]!)).level).toBe("bad");
    expect(rateSample(withLink(sampleBetween(clean[2]!, clean[3]!), downlinkLossPct(clean), undefined)).level).toBe("good");
  });

  it("takes the way up from the SFU's link report, not from receiver reports that carry the worst listener's loss", () => {
    // The SFU's reports say 25 % lost: with in-band FEC that is a listener's loss, passed on so we add FEC.
    const sample = sampleBetween(snap(base), snap({ ...base, t: 12_000, audioIn: 1100, samples: 1_056_000, sent: 1100, remoteLost: 28, rrs: 5 }));
    expect(sample.lossOutPct).toBeCloseTo(25);
    const ours = withLink(sample, 0, { lossUpPct: 0.5, lossDownPct: null });
    expect(ours).toMatchObject({ lossOutPct: 0.5, lossInPct: 0 });
    expect(rateSample(ours).level).toBe("good");
    expect(withLink(sample, 2, { lossUpPct: null, lossDownPct: 9 }).lossInPct).toBe(9); // video feedback, where there is some
    expect(withLink(sample, null, undefined).lossOutPct).toBeNull(); // no report: the receiver reports' figure is not ours
  });

  it("knows nothing of the way down without two sender reports", () => {
    expect(downlinkLossPct([snap(base), snap({ ...base, t: 12_000, audioIn: 1100 })])).toBeNull();
  });

  it("survives a media restart: counters that start again from zero are not negative", () => {
    const reset = { ...base, t: 12_000, audioIn: 40, audioLost: 0, samples: 48_000, concealed: 0, sent: 40, remoteLost: 0, rrs: 1, checks: 2, answers: 2, bytesIn: 500, bytesOut: 400 };
    const sample = sampleBetween(snap(base), snap(reset));
    expect(sample.kbpsIn).toBe(0);
    expect(sample.lossInPct ?? 0).toBeGreaterThanOrEqual(0);
    expect(sample.lossOutPct ?? 0).toBeGreaterThanOrEqual(0);
  });
});
