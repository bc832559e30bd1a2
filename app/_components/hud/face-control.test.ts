import { describe, expect, it } from "vitest";
import { FACE_WORDS } from "./face-control.tsx";

describe("the face tracking control's words", () => {
  it("has every state in both languages", () => {
    expect(Object.keys(FACE_WORDS["zh-CN"]).sort()).toEqual(Object.keys(FACE_WORDS.en).sort());
    for (const lang of ["en", "zh-CN"] as const) for (const [k, v] of Object.entries(FACE_WORDS[lang])) expect(v, `${lang} ${k}`).not.toBe("");
    // It says plainly that no video leaves the device.
    expect(FACE_WORDS.en.title).toMatch(/no video is sent/);
    expect(FACE_WORDS["zh-CN"].title).toMatch(/不会发送视频/);
  });
});
