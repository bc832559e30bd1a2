import { describe, expect, it } from "vitest";
import { InterpolationBuffer, lerpAngle } from "./interpolation.ts";

describe("InterpolationBuffer", () => {
  it("blends between the two samples around the render time", () => {
    const buffer = new InterpolationBuffer(100);
    buffer.push({ t: 0, x: 0, z: 0, ry: 0 });
    buffer.push({ t: 100, x: 10, z: 0, ry: 0 });
    expect(buffer.sample(150)?.x).toBeCloseTo(5);
    expect(buffer.sample(200)?.x).toBeCloseTo(10);
  });

  it("holds the last pose when the stream stalls instead of extrapolating", () => {
    const buffer = new InterpolationBuffer(100);
    buffer.push({ t: 0, x: 0, z: 0, ry: 0 });
    buffer.push({ t: 50, x: 1, z: 2, ry: 0 });
    expect(buffer.sample(10_000)).toEqual({ x: 1, z: 2, ry: 0 });
  });

  it("is empty until the first sample", () => {
    expect(new InterpolationBuffer().sample(0)).toBeUndefined();
  });
});

describe("lerpAngle", () => {
  it("turns the short way round", () => {
    expect(lerpAngle(3, -3, 0.5)).toBeCloseTo(Math.PI, 1);
  });
});
