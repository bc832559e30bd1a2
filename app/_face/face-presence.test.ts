import { describe, expect, it } from "vitest";
import { FacePresence } from "./face-presence.ts";

describe("face presence", () => {
  it("says no face until one is first found", () => {
    const presence = new FacePresence();
    expect(presence.state).toBe("no-face");
    expect(presence.update(false, 0)).toBe("no-face");
    expect(presence.update(false, 5_000)).toBe("no-face");
    expect(presence.update(true, 5_033)).toBe("running");
  });

  it("keeps running through a short miss, then says the face was lost", () => {
    const presence = new FacePresence({ lostAfterMs: 500 });
    presence.update(true, 0);
    expect(presence.update(false, 33)).toBe("running");
    expect(presence.update(false, 466)).toBe("running");
    expect(presence.update(false, 500)).toBe("lost-face");
    expect(presence.update(false, 10_000)).toBe("lost-face");
  });

  it("runs again as soon as the face is back", () => {
    const presence = new FacePresence({ lostAfterMs: 500 });
    presence.update(true, 0);
    presence.update(false, 1_000);
    expect(presence.update(true, 1_033)).toBe("running");
    // The clock for losing it starts again from the latest sighting.
    expect(presence.update(false, 1_400)).toBe("running");
  });
});
