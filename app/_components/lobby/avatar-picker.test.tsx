import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { encodeAvatarChoice } from "../../../game-server/protocol/avatar-choice.ts";
import { AvatarPicker } from "./avatar-picker.tsx";

const lena = encodeAvatarChoice({ v: 1, preset: "lena" });
const render = (lang: "en" | "zh-CN", value = lena) => renderToStaticMarkup(<AvatarPicker value={value} onChange={() => undefined} lang={lang} />);

describe("the avatar picker, in the page's language", () => {
  it("labels its sliders, menus and upload in English as before", () => {
    const html = render("en");
    expect(html).toContain('aria-label="Skin tone"');
    expect(html).toContain('aria-label="Build"');
    expect(html).toContain(">Broad</option>");
    expect(html).toContain(">T-shirt</option>");
    expect(html).toContain("Upload your own (.glb)");
    expect(html).toMatch(/>\d+ cm</);
  });

  it("says it all in Chinese, keeping the presets' names and the menus' values", () => {
    const html = render("zh-CN");
    expect(html).toContain('aria-label="肤色"');
    expect(html).toContain('aria-label="体型"');
    expect(html).toContain('value="broad">健壮</option>');
    expect(html).toContain("上传自己的形象（.glb）");
    expect(html).toMatch(/>\d+ 厘米</);
    expect(html).toContain(">Lena</button>");
    expect(html).not.toMatch(/Skin tone|Hair colour|Upload your own/);
  });

  it("tells a visitor with their own avatar how to go back, in Chinese too", () => {
    const own = encodeAvatarChoice({ v: 1, upload: "a".repeat(64) });
    expect(render("zh-CN", own)).toContain("您正在使用自己上传的形象");
    expect(render("zh-CN", own)).toContain("重新上传（.glb）");
  });
});
