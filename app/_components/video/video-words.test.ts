import { describe, expect, it } from "vitest";
import { fillWords as fill } from "../hud/service-words.ts";
import { VIDEO_WORDS } from "./video-words.ts";

const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the camera and screen-share words", () => {
  it("has every word in both languages, filled with the same values", () => {
    expect(Object.keys(VIDEO_WORDS["zh-CN"]).sort()).toEqual(Object.keys(VIDEO_WORDS.en).sort());
    for (const [key, text] of Object.entries(VIDEO_WORDS["zh-CN"])) {
      expect(text, key).not.toBe("");
      expect(slots(text), key).toEqual(slots(VIDEO_WORDS.en[key as keyof typeof VIDEO_WORDS.en]));
    }
  });

  it("keeps the English buttons the end-to-end tests click, and names the sharer in both languages", () => {
    expect([VIDEO_WORDS.en.cameraOn, VIDEO_WORDS.en.cameraOff, VIDEO_WORDS.en.shareScreen, VIDEO_WORDS.en.stopSharing, VIDEO_WORDS.en.viewFull, VIDEO_WORDS.en.close]).toEqual(["Camera on", "Camera off", "Share screen", "Stop sharing", "View full screen", "Close"]);
    expect(fill(VIDEO_WORDS.en.screenOf, { name: "Ada" })).toBe("Ada's screen");
    expect(fill(VIDEO_WORDS["zh-CN"].sharing, { name: "Ada" })).toBe("Ada 正在共享屏幕");
    expect([VIDEO_WORDS["zh-CN"].cameraOn, VIDEO_WORDS["zh-CN"].shareScreen, VIDEO_WORDS["zh-CN"].viewFull]).toEqual(["开启摄像头", "共享屏幕", "全屏查看"]);
  });
});
