import { describe, expect, it } from "vitest";
import { displayFileName, fileNameProblem, formatFileSize } from "../protocol/files.ts";
import * as sample from "../../test-support/sample-files.ts";
import { checkBytes, checkGeneratedBytes } from "./file-policy.ts";

describe("what a file is, by its content", () => {
  const accepted: [string, () => Uint8Array, string][] = [
    ["shot.png", sample.png, "image/png"],
    ["photo.JPG", sample.jpeg, "image/jpeg"],
    ["photo.jpeg", sample.jpeg, "image/jpeg"],
    ["anim.gif", sample.gif, "image/gif"],
    ["sticker.webp", sample.webp, "image/webp"],
    // Images named as another image type are what their content says.
    ["really-a-gif.png", sample.gif, "image/gif"],
    ["manual.pdf", sample.pdf, "application/pdf"],
    ["quote.docx", sample.docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["prices.xlsx", sample.xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["deck.pptx", sample.pptx, "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
    ["notes.txt", sample.text, "text/plain"],
    ["order.csv", sample.csv, "text/csv"],
    // No extension claims nothing: the content decides.
    ["README", sample.text, "text/plain"],
    ["scan", sample.pdf, "application/pdf"],
  ];
  for (const [name, make, mime] of accepted) {
    it(`takes ${name} as ${mime}`, async () => {
      const check = await checkBytes(make(), name);
      expect(check.ok && check.type.mime).toBe(mime);
    });
  }

  const refused: [string, string, () => Uint8Array, "disguised" | "type_not_allowed"][] = [
    ["an HTML page renamed .png", "cat.png", sample.html, "disguised"],
    ["an HTML page renamed .pdf", "invoice.pdf", sample.html, "disguised"],
    ["a Windows program renamed .png", "cat.png", sample.exe, "disguised"],
    ["a Windows program renamed .docx", "cv.docx", sample.exe, "disguised"],
    ["a Linux program renamed .jpg", "me.jpg", sample.elf, "disguised"],
    ["a PDF renamed .docx", "letter.docx", sample.pdf, "disguised"],
    ["a Word file renamed .pdf", "letter.pdf", sample.docx, "disguised"],
    ["a PNG renamed .txt", "notes.txt", sample.png, "disguised"],
    ["text renamed .png", "notes.png", sample.text, "disguised"],
    ["an HTML page", "page.html", sample.html, "type_not_allowed"],
    ["an HTML page named .txt", "page.txt", sample.html, "type_not_allowed"],
    ["markup after a line of text", "figures.txt", sample.sneakyHtml, "type_not_allowed"],
    ["an SVG from a person", "logo.svg", sample.svg, "type_not_allowed"],
    ["a Windows program", "setup.exe", sample.exe, "type_not_allowed"],
    ["a ZIP archive", "bundle.zip", sample.plainZip, "type_not_allowed"],
    ["Latin-1 text", "menu.txt", sample.latin1Text, "type_not_allowed"],
    ["text with a NUL byte", "log.txt", sample.textWithNul, "type_not_allowed"],
    ["text named .md", "notes.md", sample.text, "type_not_allowed"],
  ];
  for (const [what, name, make, code] of refused) {
    it(`refuses ${what} (${code})`, async () => {
      const check = await checkBytes(make(), name);
      expect(check.ok ? "accepted" : check.code).toBe(code);
    });
  }
});

describe("files Atrium makes itself", () => {
  it("takes an SVG drawing and a PNG only when the bytes are what the type says", async () => {
    expect(await checkGeneratedBytes(sample.svg(), "image/svg+xml", "board.svg")).toMatchObject({ ok: true, type: { mime: "image/svg+xml", kind: "svg", inline: false } });
    expect(await checkGeneratedBytes(sample.png(), "image/png", "board.png")).toMatchObject({ ok: true, type: { mime: "image/png" } });
    expect(await checkGeneratedBytes(sample.svg(), "image/png", "board.png")).toMatchObject({ ok: false });
    expect(await checkGeneratedBytes(sample.png(), "image/svg+xml", "board.svg")).toMatchObject({ ok: false });
    expect(await checkGeneratedBytes(sample.html(), "image/svg+xml", "board.svg")).toMatchObject({ ok: false, code: "type_not_allowed" });
    expect(await checkGeneratedBytes(sample.svg(), "image/svg+xml", "board.png")).toMatchObject({ ok: false, code: "disguised" });
  });
});

describe("file names", () => {
  it("refuses path and control characters and empty or overlong names", () => {
    expect(fileNameProblem("report 2024 — 报告.pdf")).toBeUndefined();
    expect(fileNameProblem("../etc/passwd")).toBe("path");
    expect(fileNameProblem("C:\\Windows\\evil.png")).toBe("path");
    expect(fileNameProblem("..")).toBe("path");
    expect(fileNameProblem("tab\there.txt")).toBe("control");
    expect(fileNameProblem("nul\u0000.txt")).toBe("control");
    expect(fileNameProblem("csi\u009b.txt")).toBe("control");
    expect(fileNameProblem("   ")).toBe("empty");
    expect(fileNameProblem("\u202e")).toBe("empty");
    expect(fileNameProblem(`${"a".repeat(197)}.txt`)).toBe("too_long");
    expect(fileNameProblem(`${"文".repeat(196)}.txt`)).toBeUndefined();
  });

  it("shows a name without the characters that reorder or hide text", () => {
    // "invoice‮gnp.exe" would show as "invoiceexe.png".
    expect(displayFileName("invoice\u202egnp.exe")).toBe("invoicegnp.exe");
    expect(displayFileName("  two   spaces\u200b.txt ")).toBe("two spaces.txt");
    expect(displayFileName("cafe\u0301.txt")).toBe("café.txt");
  });

  it("says sizes the way file managers do, in both languages", () => {
    expect(formatFileSize(900)).toBe("900 B");
    expect(formatFileSize(48_213)).toBe("47 KB");
    expect(formatFileSize(3_565_158)).toBe("3.4 MB");
    expect(formatFileSize(20 * 1024 * 1024, "zh-CN")).toBe("20MB");
  });
});
