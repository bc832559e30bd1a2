import { describe, expect, it } from "vitest";
import { amend, HISTORY_LIMIT, record, redo, resume, startHistory, undo } from "./draft-history.ts";

describe("the studio's undo history", () => {
  it("undoes and redoes in order; a new edit drops what was undone", () => {
    let h = startHistory({ text: "a" });
    h = record(h, { text: "b" });
    h = record(h, { text: "c" });
    h = undo(undo(h));
    expect(h.present).toEqual({ text: "a" });
    h = redo(h);
    expect(h.present).toEqual({ text: "b" });
    h = record(h, { text: "x" });
    expect(redo(h).present, "nothing to redo after a new edit").toEqual({ text: "x" });
    expect(undo(h).present).toEqual({ text: "b" });
  });

  it("amends the present without an undo step (one drag of a slider is one step)", () => {
    let h = record(startHistory(1), 2);
    h = amend(amend(h, 3), 4);
    expect(h.present).toBe(4);
    expect(undo(h).present).toBe(1);
  });

  it("keeps a bounded past and ignores edits that change nothing", () => {
    let h = startHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 10; i++) h = record(h, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(record(h, h.present)).toBe(h);
  });

  it("resumes the browser's unsaved work on the revision the server still has, else the server's draft", () => {
    const h = record(startHistory({ text: "saved" }), { text: "typed before the crash" });
    const server = { revision: 4, draft: { text: "saved" } };
    expect(resume({ revision: 4, saved: false, history: h }, server)).toEqual({ history: h, unsaved: true });
    const stale = resume({ revision: 3, saved: false, history: h }, server);
    expect(stale.history.present).toEqual({ text: "saved" });
    expect(stale.unsaved).toBe(false);
  });
});
