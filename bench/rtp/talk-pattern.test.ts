import { describe, expect, it } from "vitest";
import { conversationalTalk, frameAt } from "./talk-pattern.ts";

describe("frameAt", () => {
  const frames = (phaseMs: number) => Array.from({ length: 125 }, (_, i) => frameAt(conversationalTalk, phaseMs, i * 20, 20));

  it("talks 40 % of a 2.5 s cycle and sends a DTX packet every 400 ms in the pause", () => {
    const cycle = frames(0);
    expect(cycle.filter((f) => f === "speech")).toHaveLength(50);
    expect(cycle.filter((f) => f === "dtx")).toHaveLength(4); // 1.5 s of pause: at 0, 0.4, 0.8, 1.2 s
    expect(cycle[49]).toBe("speech");
    expect(cycle[50]).toBe("dtx");
    expect(cycle[51]).toBe("none");
  });

  it("sends the same frames per cycle whatever the phase", () => {
    const shifted = frames(730);
    expect(shifted.filter((f) => f === "speech")).toHaveLength(50);
    expect(shifted.filter((f) => f === "dtx")).toHaveLength(4);
    expect(shifted[0]).toBe(frameAt(conversationalTalk, 0, 740, 20));
  });
});
