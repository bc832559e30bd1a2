import { describe, expect, it } from "vitest";
import { VideoPlanner, type PlannedConsumer } from "./video-plan.ts";

const video = (id: string, fromPeerId: string, source = "camera"): PlannedConsumer => ({ id, kind: "video", closed: false, appData: { fromPeerId, source } });

describe("VideoPlanner", () => {
  const x: Record<string, number> = { viewer: 0, near: 2, mid: 5, far: 11 };
  const planner = () =>
    new VideoPlanner((viewerId, senderId) => {
      const d = Math.abs(x[senderId]! - x[viewerId]!);
      return d > 10 ? undefined : { spatialLayer: d < 4 ? 2 : 1, rank: d };
    }, 1);
  const consumers = [video("c-near", "near"), video("c-mid", "mid"), video("c-far", "far"), { ...video("c-mic", "near"), kind: "audio" as const }];

  it("keeps the lowest ranks up to the cap, at the layer each wish asks, and nothing out of range", () => {
    expect(planner().plan("viewer", consumers)).toEqual(new Map([["c-near", 2]]));
    expect(new VideoPlanner(undefined).plan("viewer", consumers), "without a rule: everything at the top layer").toEqual(
      new Map([
        ["c-near", 2],
        ["c-mid", 2],
        ["c-far", 2],
      ]),
    );
  });

  it("follows the page: hidden frees a slot, small is layer 0, full is the top layer and only one is full", () => {
    const p = planner();
    const mine = new Map(consumers.map((c) => [c.id, c]));
    p.setDisplay(mine, "c-near", "hidden");
    expect(p.plan("viewer", consumers)).toEqual(new Map([["c-mid", 1]]));
    p.setDisplay(mine, "c-mid", "full");
    expect(p.plan("viewer", consumers)).toEqual(new Map([["c-mid", 2]]));
    p.setDisplay(mine, "c-near", "full");
    p.setDisplay(mine, "c-mid", "small");
    const q = new VideoPlanner(() => ({ spatialLayer: 1, rank: 0 }), 5);
    q.setDisplay(mine, "c-mid", "small");
    expect(q.plan("viewer", consumers).get("c-mid")).toBe(0);
  });

  it("starts a new video at the layer its distance calls for, the smallest if not seen", () => {
    expect(planner().initialLayer("viewer", "near", "camera")).toBe(2);
    expect(planner().initialLayer("viewer", "far", "camera")).toBe(0);
  });
});
