import { describe, expect, it } from "vitest";
import type { NetworkStatus } from "./network-monitor.ts";
import { barsFor, networkNotice } from "./network-notice.ts";

const calm: NetworkStatus = { quality: "good", score: 95, ladder: "video", reconnecting: false };
const now = 1_000_000;

describe("networkNotice", () => {
  it("says nothing while all is well", () => {
    expect(networkNotice(calm, now)).toEqual({ tone: "ok", suggestChat: false });
  });

  it("tells the visitor video is paused, and why", () => {
    const status: NetworkStatus = { ...calm, quality: "poor", ladder: "audio", lastStep: { from: "video", to: "audio", direction: "down", reason: "packet loss 12 %", at: now - 500 } };
    expect(networkNotice(status, now)).toMatchObject({ text: "Weak network — video paused, voice only (packet loss 12 %)", tone: "warn" });
  });

  it("points to the chat when voice is paused too", () => {
    const status: NetworkStatus = { ...calm, quality: "bad", ladder: "text", lastStep: { from: "audio", to: "text", direction: "down", reason: "packet loss 40 %", at: now } };
    expect(networkNotice(status, now)).toMatchObject({ text: "Very weak network — voice paused, chat still works (packet loss 40 %)", tone: "alert", suggestChat: true });
  });

  it("says what came back, for a few seconds", () => {
    const back: NetworkStatus = { ...calm, lastStep: { from: "audio", to: "video", direction: "up", reason: "the network is good again", at: now - 1000 } };
    expect(networkNotice(back, now).text).toBe("Network good again — video back");
    expect(networkNotice(back, now + 60_000).text).toBeUndefined();
    const voice: NetworkStatus = { ...calm, ladder: "audio", lastStep: { from: "text", to: "audio", direction: "up", reason: "the network is good again", at: now } };
    expect(networkNotice(voice, now).text).toBe("Network better — voice back, video still paused");
  });

  it("says a reconnect is under way, keeping the way to the chat when voice is paused anyway", () => {
    expect(networkNotice({ ...calm, ladder: "audio", reconnecting: true }, now)).toMatchObject({ text: "Network changed — reconnecting voice…", suggestChat: false });
    expect(networkNotice({ ...calm, ladder: "text", reconnecting: true }, now)).toMatchObject({ text: "Very weak network — voice paused, chat still works · reconnecting…", suggestChat: true });
  });

  it("draws four bars for good down to one for bad", () => {
    expect((["good", "fair", "poor", "bad", "unknown"] as const).map(barsFor)).toEqual([4, 3, 2, 1, 0]);
  });
});
