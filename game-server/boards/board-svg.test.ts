import { describe, expect, it } from "vitest";
import type { BoardElement } from "../protocol/board.ts";
import { boardSvg } from "./board-svg.ts";

const base = { version: 1, versionNonce: 1, isDeleted: false, angle: 0, strokeColor: "#1e1e1e", backgroundColor: "transparent", strokeWidth: 2, opacity: 100 };
const el = (e: Partial<BoardElement> & Pick<BoardElement, "id" | "type" | "x" | "y" | "width" | "height">): BoardElement => ({ ...base, ...e });

describe("a board as SVG", () => {
  it("draws every kind of element, fitted to the drawing, and leaves deleted ones out", () => {
    const { svg, width, height } = boardSvg([
      el({ id: "r", type: "rectangle", x: 0, y: 0, width: 200, height: 100, backgroundColor: "#ffec99" }),
      el({ id: "e", type: "ellipse", x: 300, y: 0, width: 100, height: 100 }),
      el({ id: "d", type: "diamond", x: 0, y: 200, width: 80, height: 80 }),
      el({ id: "a", type: "arrow", x: 100, y: 150, width: 200, height: 0, points: [[0, 0], [200, 0]] }),
      el({ id: "f", type: "freedraw", x: 10, y: 300, width: 50, height: 20, points: [[0, 0], [20, 10], [50, 20]], opacity: 40 }),
      el({ id: "t", type: "text", x: 200, y: 250, width: 120, height: 50, text: "保修两年\nTwo years", fontSize: 20 }),
      el({ id: "gone", type: "rectangle", x: 5000, y: 5000, width: 10, height: 10, isDeleted: true }),
    ]);
    expect(svg).toContain('<rect x="0" y="0" width="200" height="100"');
    expect(svg).toContain('fill="#ffec99"');
    expect(svg).toContain("<ellipse");
    expect(svg).toContain("<polygon");
    expect(svg.match(/<path/g)).toHaveLength(3); // the arrow's shaft and head, the stroke
    expect(svg).toContain('opacity="0.4"');
    expect(svg).toContain("<tspan");
    expect(svg).toContain("保修两年");
    // 0…400 × 0…320 plus the margin; the deleted element far away does not stretch it.
    expect(width).toBe(448);
    expect(height).toBe(368);
  });

  it("escapes text, so an element cannot put markup or script into the document", () => {
    const { svg } = boardSvg([el({ id: "t", type: "text", x: 0, y: 0, width: 10, height: 10, text: '<script>alert(1)</script>" onload="x' })], "<b>Board</b>");
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain('" onload="');
    expect(svg).toContain("&lt;script&gt;");
    expect(svg).toContain("<title>&lt;b&gt;Board&lt;/b&gt;</title>");
  });

  it("keeps a huge drawing within 4096 px a side", () => {
    const { width, height } = boardSvg([el({ id: "r", type: "rectangle", x: 0, y: 0, width: 100_000, height: 50_000 })]);
    expect(width).toBe(4096);
    expect(height).toBeLessThan(4096);
  });
});
