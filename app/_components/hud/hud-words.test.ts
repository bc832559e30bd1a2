import { describe, expect, it } from "vitest";
import type { Dictionary } from "../../_i18n/lang.ts";
import { EMOTE_WORDS, HUD_WORDS, mediaErrorText, QUALITY_WORDS, ROLE_WORDS } from "./hud-words.ts";

const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Both languages have every word, none empty, each taking the same values ({n}, {name}…). */
function expectComplete<K extends string>(words: Dictionary<K>) {
  expect(Object.keys(words["zh-CN"]).sort()).toEqual(Object.keys(words.en).sort());
  for (const key of Object.keys(words.en) as K[]) {
    expect(words.en[key], `en ${key}`).not.toBe("");
    expect(words["zh-CN"][key], `zh-CN ${key}`).not.toBe("");
    expect(slots(words["zh-CN"][key]), key).toEqual(slots(words.en[key]));
  }
}

describe("the HUD's words", () => {
  it("has every word in both languages, filled with the same values", () => {
    expectComplete(HUD_WORDS);
    expectComplete(EMOTE_WORDS);
    expectComplete(ROLE_WORDS);
    expectComplete(QUALITY_WORDS);
  });

  it("keeps the English the end-to-end tests click and read", () => {
    expect([HUD_WORDS.en.mute, HUD_WORDS.en.unmute, HUD_WORDS.en.send, HUD_WORDS.en.openChat, HUD_WORDS.en.chatMessage, HUD_WORDS.en.chatOnly]).toEqual(["Mute", "Unmute", "Send", "Open chat", "Chat message", "chat only"]);
    expect(HUD_WORDS.en.voiceMicOff).toContain("mic off");
    expect(EMOTE_WORDS.en.wave).toBe("Wave");
  });

  it("speaks Chinese where the brief's words are", () => {
    expect([HUD_WORDS["zh-CN"].mute, HUD_WORDS["zh-CN"].unmute, HUD_WORDS["zh-CN"].leave, HUD_WORDS["zh-CN"].scopeHall, HUD_WORDS["zh-CN"].scopeNearby]).toEqual(["静音", "取消静音", "离开", "全场", "附近"]);
    expect(HUD_WORDS["zh-CN"].people).toContain("展厅内的人");
  });
});

describe("a media error, as the visitor reads it", () => {
  it("stays exactly as it came in English", () => {
    expect(mediaErrorText("Microphone permission was denied.", "en")).toBe("Microphone permission was denied.");
  });

  it("is said in Chinese when it is one of the media client's own sentences", () => {
    expect(mediaErrorText("Microphone permission was denied.", "zh-CN")).toBe("麦克风权限被拒绝。");
    expect(mediaErrorText("No camera found.", "zh-CN")).toBe("未找到摄像头。");
    expect(mediaErrorText("Screen sharing was cancelled or blocked.", "zh-CN")).toBe("屏幕共享已取消或被阻止。");
    expect(mediaErrorText("Microphone failed: AbortError", "zh-CN")).toBe("麦克风出错：AbortError");
    expect(mediaErrorText("Screen sharing failed (InvalidStateError).", "zh-CN")).toBe("屏幕共享失败（InvalidStateError）。");
    expect(mediaErrorText("Screen sharing failed.", "zh-CN")).toBe("屏幕共享失败。");
  });

  it("shows anything else (the browser's or the server's own words) as it came rather than guessing", () => {
    expect(mediaErrorText("transport closed", "zh-CN")).toBe("transport closed");
  });
});
