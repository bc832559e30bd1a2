import { describe, expect, it } from "vitest";
import { mediaProblem, problemText } from "./media-problem.ts";

const domError = (name: string) => Object.assign(new Error(name), { name });

describe("media problems", () => {
  it("tells denied permission, a missing device and a busy device apart", () => {
    expect(mediaProblem(domError("NotAllowedError"))).toBe("denied");
    expect(mediaProblem(domError("NotFoundError"))).toBe("missing");
    expect(mediaProblem(domError("OverconstrainedError"))).toBe("missing");
    expect(mediaProblem(domError("NotReadableError"))).toBe("busy");
    expect(mediaProblem(domError("TypeError"))).toBe("failed");
    expect(mediaProblem(undefined)).toBe("failed");
  });

  it("says what happened and what to do, naming the device", () => {
    expect(problemText("microphone", "denied")).toEqual({ title: "Microphone access is blocked", help: expect.stringMatching(/allow the microphone/) });
    expect(problemText("camera", "missing").title).toBe("No camera found");
    expect(problemText("camera", "busy").help).toMatch(/Another app/);
    expect(problemText("microphone", "failed", "boom").help).toMatch(/boom/);
  });
});
