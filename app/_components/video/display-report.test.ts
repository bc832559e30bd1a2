import { describe, expect, it } from "vitest";
import type { VideoDisplay } from "../../../game-server/protocol/index.ts";
import { DisplayReporter, displayFor } from "./display-report.ts";

describe("displayFor", () => {
  it("calls an off-screen video hidden, a thumbnail small, the rest normal, with a gap between", () => {
    expect(displayFor(undefined, "normal")).toBe("hidden");
    expect(displayFor(30, "normal")).toBe("small");
    expect(displayFor(70, "normal")).toBe("normal");
    expect(displayFor(70, "small")).toBe("small");
    expect(displayFor(120, "small")).toBe("normal");
  });
});

describe("DisplayReporter", () => {
  it("tells the SFU only about changes, at most twice a second", () => {
    const sent: [string, VideoDisplay][] = [];
    const reporter = new DisplayReporter((id, d) => sent.push([id, d]));
    for (let t = 0; t < 300; t += 16) reporter.update("c1", 200, t);
    expect(sent).toEqual([]); // normal is what the SFU assumes
    reporter.update("c1", undefined, 300);
    reporter.update("c1", 40, 400); // changed again, too soon: held back…
    expect(sent).toEqual([["c1", "hidden"]]);
    reporter.update("c1", 40, 820); // …and sent once the gap has passed
    expect(sent).toEqual([["c1", "hidden"], ["c1", "small"]]);
  });

  it("lets the full-screen view override the measured size, and starts afresh for a new consumer", () => {
    const sent: [string, VideoDisplay][] = [];
    const reporter = new DisplayReporter((id, d) => sent.push([id, d]));
    reporter.update("c1", undefined, 0, "full");
    reporter.update("c2", undefined, 100);
    expect(sent).toEqual([["c1", "full"], ["c2", "hidden"]]);
  });
});
