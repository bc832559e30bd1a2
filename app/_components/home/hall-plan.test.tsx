import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { builtInScenes } from "../../../scenes/catalog.ts";
import { HallPlan } from "./hall-plan.tsx";

describe("HallPlan", () => {
  it.each([...builtInScenes.values()].map((s) => [s.id, s] as const))("draws %s from its scene: every booth, its zones and the reception", (_, scene) => {
    const svg = renderToStaticMarkup(<HallPlan scene={scene} label={`Floor plan of ${scene.name}`} />);
    expect(svg).toMatch(/^<svg[^>]*role="img"[^>]*aria-label="Floor plan of [^"]+"/);
    const booths = [...svg.matchAll(/data-booth="([^"]+)"/g)].map((m) => m[1]);
    expect(booths).toEqual(scene.booths.map((b) => b.id));
    for (const booth of scene.booths) expect(svg).toContain(`<title>${booth.label.replace(/&/g, "&amp;")}</title>`);
    expect([...svg.matchAll(/data-zone="/g)]).toHaveLength(scene.zones.length);
    expect(svg.includes("data-reception")).toBe(scene.reception !== undefined);
    // In the hall's own walls: nothing drawn outside the plan's frame.
    const [minX, minZ, width, height] = /viewBox="([^"]+)"/.exec(svg)![1]!.split(" ").map(Number) as [number, number, number, number];
    for (const m of svg.matchAll(/<rect x="([-\d.e]+)" y="([-\d.e]+)" width="([\d.e-]+)" height="([\d.e-]+)"/g)) {
      const [x, y, w, h] = m.slice(1).map(Number) as [number, number, number, number];
      expect(x).toBeGreaterThanOrEqual(minX);
      expect(y).toBeGreaterThanOrEqual(minZ);
      expect(x + w).toBeLessThanOrEqual(minX + width + 1e-9);
      expect(y + h).toBeLessThanOrEqual(minZ + height + 1e-9);
    }
  });
});
