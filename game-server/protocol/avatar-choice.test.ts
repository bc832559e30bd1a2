import { describe, expect, it } from "vitest";
import { encodeAvatarChoice, normalizeAvatarChoice, parseAvatarChoice } from "./avatar-choice.ts";

const sha = "a".repeat(64);

describe("avatar choice", () => {
  it("round-trips a preset with slider overrides as canonical text", () => {
    const text = encodeAvatarChoice({ topColor: "#2F8F83", hair: "bob", height: 1.7123, preset: "lena", v: 1, skin: 0.333 });
    expect(text).toBe('{"v":1,"preset":"lena","skin":0.33,"height":1.71,"hair":"bob","topColor":"#2f8f83"}');
    expect(parseAvatarChoice(text)).toEqual({ v: 1, preset: "lena", skin: 0.33, height: 1.71, hair: "bob", topColor: "#2f8f83" });
  });

  it("round-trips an uploaded GLB by its hash", () => {
    const text = encodeAvatarChoice({ v: 1, upload: sha });
    expect(text).toBe(`{"v":1,"upload":"${sha}"}`);
    expect(parseAvatarChoice(text)).toEqual({ v: 1, upload: sha });
  });

  it("normalizes what a client sends into the same text every client will see", () => {
    expect(normalizeAvatarChoice('{"preset":"kenji","v":1,"build":"broad"}')).toBe('{"v":1,"preset":"kenji","build":"broad"}');
    expect(normalizeAvatarChoice(encodeAvatarChoice({ v: 1, preset: "priya" }))).toBe('{"v":1,"preset":"priya"}');
  });

  it.each([
    ["nothing", undefined],
    ["an empty string", ""],
    ["a number", 42],
    ["an object instead of text", { v: 1, preset: "lena" }],
    ["not JSON", "lena"],
    ["a future version", '{"v":2,"preset":"lena"}'],
    ["an unknown preset", '{"v":1,"preset":"darth"}'],
    ["an agent's uniform preset", '{"v":1,"preset":"marcus"}'],
    ["a height out of range", '{"v":1,"preset":"lena","height":3}'],
    ["a skin tone out of range", '{"v":1,"preset":"lena","skin":-0.1}'],
    ["a colour that is not #rrggbb", '{"v":1,"preset":"lena","topColor":"red"}'],
    ["an unknown field", '{"v":1,"preset":"lena","badgeText":"Agent"}'],
    ["a prototype key", '{"v":1,"preset":"lena","__proto__":{"x":1}}'],
    ["a short hash", '{"v":1,"upload":"abc"}'],
    ["an uppercase hash", `{"v":1,"upload":"${"A".repeat(64)}"}`],
    ["an upload mixed with a preset", `{"v":1,"upload":"${sha}","preset":"lena"}`],
    ["text that is too long", `{"v":1,"preset":"lena"${" ".repeat(600)}}`],
  ])("turns %s into the default look", (_, raw) => {
    expect(normalizeAvatarChoice(raw)).toBe("");
  });
});
