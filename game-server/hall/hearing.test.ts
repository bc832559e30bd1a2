import { describe, expect, it } from "vitest";
import type { Zone } from "../../scenes/scene-format.ts";
import { audibleSpeakers, canHear } from "./hearing.ts";

const booth: Zone = { id: "booth", kind: "private", label: "Booth", rect: { minX: 5, minZ: 5, maxX: 8, maxZ: 8 } };
const otherBooth: Zone = { id: "booth-2", kind: "private", label: "Booth 2", rect: { minX: -8, minZ: 5, maxX: -5, maxZ: 8 } };
const stage: Zone = { id: "stage", kind: "stage", label: "Stage", rect: { minX: -1, minZ: -10, maxX: 1, maxZ: -9 } };
const zones = [booth, otherBooth, stage];

describe("canHear", () => {
  it("carries voices up to the radius and not beyond", () => {
    expect(canHear({ x: 0, z: 0 }, { x: 3, z: 4 }, [], 5)).toBe(true);
    expect(canHear({ x: 0, z: 0 }, { x: 3, z: 4.1 }, [], 5)).toBe(false);
  });

  it("seals a private booth both ways, even at arm's length", () => {
    expect(canHear({ x: 4.9, z: 6 }, { x: 5.1, z: 6 }, zones, 12)).toBe(false);
    expect(canHear({ x: 5.1, z: 6 }, { x: 4.9, z: 6 }, zones, 12)).toBe(false);
  });

  it("lets the people inside one booth hear each other", () => {
    expect(canHear({ x: 5.5, z: 5.5 }, { x: 7.5, z: 7.5 }, zones, 1)).toBe(true);
  });

  it("keeps two booths apart", () => {
    expect(canHear({ x: 6, z: 6 }, { x: -6, z: 6 }, zones, 100)).toBe(false);
  });

  it("carries the stage to the whole hall, but not into a booth", () => {
    expect(canHear({ x: 0, z: 9 }, { x: 0, z: -9.5 }, zones, 5)).toBe(true);
    expect(canHear({ x: 6, z: 6 }, { x: 0, z: -9.5 }, zones, 100)).toBe(false);
  });
});

describe("audibleSpeakers", () => {
  const crowd = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, x: i + 1, z: 0 }));

  it("keeps the nearest voices within range and drops the rest", () => {
    const heard = audibleSpeakers({ x: 0, z: 0 }, crowd, [], 10, 4);
    expect([...heard].sort()).toEqual(["s0", "s1", "s2", "s3"]);
  });

  it("always adds whoever is on the stage, and never a voice from inside a booth", () => {
    const speakers = [...crowd, { id: "presenter", x: 0, z: -9.5 }, { id: "in-booth", x: 6, z: 6 }];
    const heard = audibleSpeakers({ x: 0, z: 0 }, speakers, zones, 12, 2);
    expect([...heard].sort()).toEqual(["presenter", "s0", "s1"]);
  });
});
