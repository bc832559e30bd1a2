import { LocalPresence } from "@colyseus/core";
import { describe, expect, it } from "vitest";
import { createLogger } from "../logging/logger.ts";
import type { ChannelPayload } from "./hall-channel.ts";
import { HallDirectory } from "./hall-directory.ts";
import type { HallService } from "./hall-place.ts";

const quiet = createLogger("error", {}, () => undefined);

/** A stand-in hall service that records its life. */
function counterService(log: string[]): (hall: { hallId: string }) => HallService & { count: number } {
  return (hall) => {
    log.push(`open ${hall.hallId}`);
    return { name: "counter", count: 0, close: () => void log.push(`close ${hall.hallId}`) };
  };
}

describe("HallDirectory", () => {
  it("gives every instance of a hall the same place and services, and other halls their own", () => {
    const log: string[] = [];
    const halls = new HallDirectory(new LocalPresence(), quiet, [counterService(log)]);
    const a = halls.enter("demo", "room-1");
    const b = halls.enter("demo", "room-2");
    const other = halls.enter("bank", "room-3");
    expect(b).toBe(a);
    expect(other).not.toBe(a);
    a.service<HallService & { count: number }>("counter").count++;
    expect(b.service<HallService & { count: number }>("counter").count).toBe(1);
    expect(other.service<HallService & { count: number }>("counter").count).toBe(0);
    expect([...a.instances]).toEqual(["room-1", "room-2"]);
    expect(log).toEqual(["open demo", "open bank"]);
    expect(() => a.service("queue")).toThrow(/no service "queue"/);
  });

  it("closes a hall's services with its last instance, and opens fresh ones when it is entered again", async () => {
    const log: string[] = [];
    const halls = new HallDirectory(new LocalPresence(), quiet, [counterService(log)]);
    halls.enter("demo", "room-1");
    halls.enter("demo", "room-2");
    await halls.leave("demo", "room-1");
    expect(log).toEqual(["open demo"]);
    expect(halls.get("demo")).toBeDefined();
    await halls.leave("demo", "room-2");
    expect(log).toEqual(["open demo", "close demo"]);
    expect(halls.get("demo")).toBeUndefined();
    halls.enter("demo", "room-4");
    expect(log).toEqual(["open demo", "close demo", "open demo"]);
  });

  it("carries a hall's messages to the subscribers of that hall only, as copies", () => {
    const presence = new LocalPresence();
    const halls = new HallDirectory(presence, quiet);
    const demo = halls.enter("demo", "room-1");
    const bank = halls.enter("bank", "room-2");
    const heard: ChannelPayload[] = [];
    const bankHeard: ChannelPayload[] = [];
    const off = demo.channel.subscribe("chat", (p) => heard.push(p));
    bank.channel.subscribe("chat", (p) => bankHeard.push(p));
    const line = { text: "hello" };
    demo.channel.publish("chat", line);
    expect(heard).toEqual([{ text: "hello" }]);
    expect(heard[0]).not.toBe(line);
    expect(bankHeard).toEqual([]);
    off();
    demo.channel.publish("chat", { text: "again" });
    expect(heard).toHaveLength(1);
  });

  it("refuses two hall services with one name", () => {
    const halls = new HallDirectory(new LocalPresence(), quiet, [() => ({ name: "queue" }), () => ({ name: "queue" })]);
    expect(() => halls.enter("demo", "room-1")).toThrow(/defined twice/);
  });
});
