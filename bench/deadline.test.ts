import { describe, expect, it, vi } from "vitest";
import { DeadlineError, withDeadline } from "./deadline.ts";

describe("withDeadline", () => {
  it("passes a result through", async () => {
    await expect(withDeadline(Promise.resolve(7), 1, "x")).resolves.toBe(7);
  });

  it("rejects work that outlives its deadline", async () => {
    vi.useFakeTimers();
    try {
      const late = withDeadline(new Promise(() => {}), 30, "pausing consumers");
      vi.advanceTimersByTime(30_000);
      await expect(late).rejects.toThrow(DeadlineError);
      await expect(late).rejects.toThrow(/pausing consumers took longer than 30 s/);
    } finally {
      vi.useRealTimers();
    }
  });
});
