import { describe, expect, it } from "vitest";
import type { NetworkStatus } from "./network-monitor.ts";
import { barsFor, networkNotice, NOTICE_WORDS, reasonText } from "./network-notice.ts";

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

  it("speaks Chinese when the page does, the ladder's reason included", () => {
    const weak: NetworkStatus = { ...calm, quality: "poor", ladder: "audio", lastStep: { from: "video", to: "audio", direction: "down", reason: "packet loss 12 %", at: now - 500 } };
    expect(networkNotice(weak, now, "zh-CN")).toMatchObject({ text: "网络较弱——视频已暂停，仅保留语音（丢包 12%）", tone: "warn" });
    const text: NetworkStatus = { ...calm, quality: "bad", ladder: "text", reconnecting: true, lastStep: { from: "audio", to: "text", direction: "down", reason: "round trip 900 ms", at: now } };
    expect(networkNotice(text, now, "zh-CN")).toMatchObject({ text: "网络很弱——语音已暂停，仍可文字聊天（延迟 900 ms） · 正在重新连接…", suggestChat: true });
    const back: NetworkStatus = { ...calm, lastStep: { from: "audio", to: "video", direction: "up", reason: "the network is good again", at: now - 1000 } };
    expect(networkNotice(back, now, "zh-CN").text).toBe("网络已恢复——视频已恢复");
  });

  it("shows a reason it does not know as it came, and every notice in both languages", () => {
    expect(reasonText("the connection dropped", "zh-CN")).toBe("连接中断");
    expect(reasonText("jitter 80 ms", "zh-CN")).toBe("jitter 80 ms");
    expect(reasonText("packet loss 12 %", "en")).toBe("packet loss 12 %");
    expect(Object.keys(NOTICE_WORDS["zh-CN"]).sort()).toEqual(Object.keys(NOTICE_WORDS.en).sort());
    for (const [key, text] of Object.entries(NOTICE_WORDS["zh-CN"])) expect(text, key).not.toBe("");
  });
});
