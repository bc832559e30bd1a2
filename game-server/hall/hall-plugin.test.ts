import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PluginRoom, pluginWorld, type PluginWorld } from "../../test-support/plugin-room.ts";
import { HallPlugin } from "./hall-plugin.ts";
import { checkPluginMessages } from "./hall-room.ts";
import { hallPlugins } from "./plugins/index.ts";

/** A plugin made up for the test: it answers `chat` (and may throw), and `emote` only from staff. */
class WavePlugin extends HallPlugin {
  readonly pluginName: string;
  failWith?: Error;
  constructor(name = "wave") {
    super();
    this.pluginName = name;
  }
  protected override messages = this.rules({
    chat: {
      handle: (_client, m) => {
        if (this.failWith) throw this.failWith;
        return { id: `echo ${m.text}` };
      },
    },
    emote: { roles: ["agent", "supervisor"], handle: () => undefined },
  });
}

let world: PluginWorld;
beforeEach(async () => {
  world = await pluginWorld();
});
afterEach(async () => {
  await world.close();
});

describe("hall plugins", () => {
  it("answer every message of the protocol, each from exactly one plugin", () => {
    expect(() => checkPluginMessages([...hallPlugins()])).not.toThrow();
  });

  it("refuse to start when two plugins claim one message, or a message has no plugin", () => {
    expect(() => checkPluginMessages([new WavePlugin("wave"), new WavePlugin("hello")], ["chat"])).toThrow(/"wave" and "hello" both claim the message "chat"/);
    expect(() => checkPluginMessages([new WavePlugin()], ["chat", "move"])).toThrow(/no hall plugin answers "move"/);
  });

  it("get only validated payloads; a refusal reaches the sender alone and the room goes on", async () => {
    const plugin = new WavePlugin();
    const hall = await PluginRoom.open(world, [plugin]);
    const ada = await hall.join("Ada");
    const bob = await hall.join("Bob");
    await expect(hall.request(ada, "chat", { scope: "everywhere", text: "hi" })).rejects.toMatchObject({ code: "invalid_payload", type: "chat" });
    await hall.send(ada, "teleport", { x: 1 });
    expect(ada.of("error")).toEqual([expect.objectContaining({ code: "unknown_message", type: "teleport" })]);
    expect(bob.sent).toEqual([]);
    expect(await hall.request(bob, "chat", { scope: "hall", text: " hi " })).toEqual({ id: "echo hi" });
    await hall.close();
  });

  it("refuse a message to anyone whose role it is not for, and nothing happens", async () => {
    const hall = await PluginRoom.open(world, [new WavePlugin()]);
    const customer = await hall.join("Cy", "customer");
    const agent = await hall.join("Ana", "agent");
    await hall.send(customer, "emote", { emote: "wave" });
    expect(customer.of("error")).toEqual([expect.objectContaining({ code: "not_allowed", type: "emote", message: expect.stringMatching(/agent, supervisor only/) })]);
    await hall.send(agent, "emote", { emote: "wave" });
    expect(agent.of("error")).toEqual([]);
    await hall.close();
  });

  it("hide the details of a failure that is ours, not the sender's", async () => {
    const plugin = new WavePlugin();
    const hall = await PluginRoom.open(world, [plugin]);
    const ada = await hall.join("Ada");
    plugin.failWith = new Error("SQLITE_BUSY at /var/lib/atrium/secret.db");
    const refusal = (await hall.request(ada, "chat", { scope: "hall", text: "hi" }).catch((e: unknown) => e)) as { code: string; message: string };
    expect(refusal.code).toBe("internal_error");
    expect(refusal.message).not.toMatch(/SQLITE|secret/);
    await hall.close();
  });

  it("share one room-wide message limit, past which every type is refused", async () => {
    const hall = await PluginRoom.open(world, [new WavePlugin()]);
    const eve = await hall.join("Eve");
    const replies = await Promise.allSettled(Array.from({ length: 130 }, () => hall.request(eve, "chat", { scope: "hall", text: "hi" })));
    const refused = replies.filter((r) => r.status === "rejected");
    expect(refused).toHaveLength(10);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: "rate_limited" });
    await hall.close();
  });
});
