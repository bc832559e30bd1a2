import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../avatars/seed-hash.ts";
import { HallQueue } from "./hall-queue.ts";
import { compareServing, servingKey } from "./priority.ts";

interface Waiting {
  id: string;
  key: number;
  enqueuedAt: number;
  seq: number;
}
let seq = 0;
const contact = (id: string, basePriority: number, enqueuedAt: number): Waiting => ({ id, key: servingKey(basePriority, enqueuedAt, 10), enqueuedAt, seq: ++seq });
const ids = (q: HallQueue<Waiting>) => q.items().map((w) => w.id);

describe("a hall's queue", () => {
  it("places each newcomer by priority and says where", () => {
    const q = new HallQueue<Waiting>();
    expect(q.insert(contact("ada", 0, 0))).toBe(1);
    expect(q.insert(contact("bob", 0, 1000))).toBe(2);
    expect(q.insert(contact("upset", 60, 2000))).toBe(1);
    expect(ids(q)).toEqual(["upset", "ada", "bob"]);
  });

  it("moves everyone behind a served contact up by one, and forgets the served one", () => {
    const q = new HallQueue<Waiting>();
    const [a, b, c] = [contact("a", 0, 0), contact("b", 0, 1), contact("c", 0, 2)];
    for (const w of [a, b, c]) q.insert(w);
    expect(q.remove(a)).toBe(true);
    expect([q.positionOf(a), q.positionOf(b), q.positionOf(c)]).toEqual([undefined, 1, 2]);
    expect(q.remove(a)).toBe(false);
    expect(q.size).toBe(2);
  });

  it("tells apart contacts with the same priority and enqueue time", () => {
    const q = new HallQueue<Waiting>();
    const twins = [contact("x", 0, 5), contact("y", 0, 5), contact("z", 0, 5)];
    for (const w of twins) q.insert(w);
    expect(twins.map((w) => q.positionOf(w))).toEqual([1, 2, 3]);
    q.remove(twins[1]!);
    expect(ids(q)).toEqual(["x", "z"]);
  });

  it("stays in serving order through random inserts and removals", () => {
    const random = seededRandom(11);
    const q = new HallQueue<Waiting>();
    const present: Waiting[] = [];
    for (let i = 0; i < 400; i++) {
      if (present.length > 0 && random() < 0.4) {
        const [gone] = present.splice(Math.floor(random() * present.length), 1);
        expect(q.remove(gone!)).toBe(true);
      } else {
        const w = contact(`c${i}`, Math.floor(random() * 4) * 20, Math.floor(random() * 100_000));
        present.push(w);
        q.insert(w);
      }
    }
    const expected = [...present].sort(compareServing);
    expect(q.items()).toEqual(expected);
    for (const [i, w] of expected.entries()) expect(q.positionOf(w)).toBe(i + 1);
  });
});
