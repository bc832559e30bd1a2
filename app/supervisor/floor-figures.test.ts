import { describe, expect, it } from "vitest";
import type { AgentRow, FloorView } from "../../game-server/protocol/service.ts";
import { agentCounts, emptyQueueLine, offeredName, sinceAt, sortAgents, ticked, todayFigures } from "./floor-figures.ts";

const agent = (id: string, name: string, state: AgentRow["state"]): AgentRow => ({ id, name, state, presence: state === "away" ? "away" : "available", halls: [], since: 1_000 });

const floor = (over: Partial<FloorView> = {}): FloorView => ({
  queues: [],
  waiting: [],
  agents: [],
  today: { offered: 15, answered: 12, answeredInTarget: 11, serviceLevel: 0.857, avgWaitMs: 14_200, abandoned: 1, csatAvg: 4.46, csatCount: 9 },
  targetSeconds: 20,
  skills: [],
  now: 100_000,
  ...over,
});

const byKey = (view: FloorView, lang: "en" | "zh-CN") => Object.fromEntries(todayFigures(view, lang).map((f) => [f.key, f]));

describe("today's figures", () => {
  it("say the service level against its target, the wait, the queue, the abandoned, CSAT and answered of offered", () => {
    const f = byKey(floor({ waiting: [{ contactId: "c", ticketNumber: 1, hallId: "h", customerName: "Li", skill: "cards", lang: "zh-CN", position: 1, waitedMs: 1, callback: false }] }), "en");
    expect(`${f.serviceLevel!.value} ${f.serviceLevel!.detail}`).toBe("86 % in 20 s");
    expect(f.avgWait!.value).toBe("14 s");
    expect(f.waitingNow!.value).toBe("1");
    expect(f.abandoned!.value).toBe("1");
    expect(f.csat!.value).toBe("4.5");
    expect(f.csat!.detail).toBe("9 ratings");
    expect(f.answered!.value).toBe("12 / 15");
  });

  it("show a dash, not 0 %, before anyone was served", () => {
    const f = byKey(floor({ today: { offered: 0, answered: 0, answeredInTarget: 0, serviceLevel: null, avgWaitMs: null, abandoned: 0, csatAvg: null, csatCount: 0 } }), "zh-CN");
    expect(f.serviceLevel!.value).toBe("—");
    expect(f.serviceLevel!.detail).toBe("20 秒内接通");
    expect(f.avgWait!.value).toBe("—");
    expect(f.csat!.value).toBe("—");
    expect(f.csat!.detail).toBe("暂无评价");
    expect(f.serviceLevel!.alert).toBe(false);
  });

  it("flag a service level under 80 % and any abandoned customer", () => {
    expect(byKey(floor(), "en").serviceLevel!.alert).toBe(false);
    expect(byKey(floor({ today: { ...floor().today, serviceLevel: 0.62 } }), "en").serviceLevel!.alert).toBe(true);
    expect(byKey(floor(), "en").abandoned!.alert).toBe(true);
  });
});

describe("the empty queue", () => {
  it("says who could take the next customer", () => {
    const agents = [agent("a", "Ada", "available"), agent("b", "Bo", "available"), agent("c", "Cy", "available"), agent("d", "Di", "busy")];
    expect(emptyQueueLine(floor({ agents }), "en")).toBe("No one is waiting. 3 agents available.");
    expect(emptyQueueLine(floor({ agents: agents.slice(2) }), "en")).toBe("No one is waiting. 1 agent available.");
    expect(emptyQueueLine(floor({ agents: agents.slice(3) }), "en")).toBe("No one is waiting. No agent is available right now.");
    expect(emptyQueueLine(floor({ agents }), "zh-CN")).toBe("目前没有人在等待。3 位客服空闲。");
  });
});

describe("the clocks", () => {
  it("tick from when the view arrived, whatever the server's clock says", () => {
    expect(ticked(42_000, 5_000_000, 5_003_000)).toBe(45_000);
    expect(ticked(42_000, 5_000_000, 4_999_000)).toBe(42_000);
    // Server clock far from the page's: only the server's own difference counts.
    expect(sinceAt(40_000, { now: 100_000 }, 7_000, 9_000)).toBe(62_000);
  });
});

describe("the agents", () => {
  it("list those with a customer first, then free ones, then away, by name", () => {
    const sorted = sortAgents([agent("1", "Zoe", "available"), agent("2", "Max", "away"), agent("3", "Bea", "busy"), agent("4", "Al", "available"), agent("5", "Cy", "offered"), agent("6", "Di", "after-call")], "en");
    expect(sorted.map((a) => a.name)).toEqual(["Cy", "Bea", "Di", "Al", "Zoe", "Max"]);
    expect(agentCounts(sorted)).toEqual({ available: 2, offered: 1, busy: 1, "after-call": 1, away: 1 });
  });

  it("name the agent a customer is offered to", () => {
    expect(offeredName({ agents: [agent("s-7", "Ada", "offered")] }, "s-7")).toBe("Ada");
    expect(offeredName({ agents: [] }, "s-9")).toBe("s-9");
  });
});
