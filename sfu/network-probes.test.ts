import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaHub } from "./media-hub.ts";
import { ProbeStateError } from "./network-probe.ts";
import { NetworkProbes, ProbeLimitError } from "./network-probes.ts";

/** Integration: probes on a real mediasoup worker. */
let hub: MediaHub;

beforeAll(async () => {
  hub = new MediaHub({ workers: 1, listenIp: "127.0.0.1", rtcMinPort: 40000, rtcMaxPort: 40999, logLevel: "warn" });
  await hub.start();
});
afterAll(async () => {
  await hub?.close();
});

const routers = () => hub.health().workers.reduce((n, w) => n + w.routers, 0);
const probesWith = (limits: Partial<NetworkProbes["limits"]> = {}) =>
  new NetworkProbes(() => hub.openProbeRouter(), { maxTtlMs: 30_000, perOwner: 3, total: 24, perOwnerPerMinute: 20, ...limits });

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("NetworkProbes", () => {
  it("opens a send and a receive transport with SCTP on the worker's UDP and TCP ports, on a router of its own", async () => {
    const probes = probesWith();
    const before = routers();
    const probe = await probes.open("10.0.0.1");
    expect(routers()).toBe(before + 1);
    for (const t of [probe.send, probe.recv]) {
      expect(t.sctpParameters?.port).toBe(5000);
      expect(new Set(t.iceCandidates.map((c) => c.protocol))).toEqual(new Set(["udp", "tcp"]));
    }
    expect(probe.send.id).not.toBe(probe.recv.id);
    expect(probe.routerRtpCapabilities.codecs?.some((c) => c.mimeType === "audio/opus")).toBe(true);
    probe.close();
    expect(routers()).toBe(before);
    expect(probes.get(probe.id, "10.0.0.1")).toBeUndefined();
  });

  it("echoes the probe's own data producer back on the receive transport, one of each", async () => {
    const probe = await probesWith().open("10.0.0.2");
    await expect(probe.consumeData()).rejects.toBeInstanceOf(ProbeStateError);
    const dataProducerId = await probe.produceData({ streamId: 0, ordered: false, maxRetransmits: 0 }, "probe", "atrium-probe");
    const echo = await probe.consumeData();
    expect(echo.dataProducerId).toBe(dataProducerId);
    expect(echo.sctpStreamParameters).toMatchObject({ ordered: false }); // echoes are never held back behind a lost ping
    expect(echo.label).toBe("probe");
    await expect(probe.produceData({ streamId: 1 }, "again", "")).rejects.toBeInstanceOf(ProbeStateError);
    await expect(probe.consumeData()).rejects.toBeInstanceOf(ProbeStateError);
    await expect(probe.connect("not-a-transport", { fingerprints: [] })).rejects.toBeInstanceOf(ProbeStateError);
    expect(await probe.stats()).toMatchObject({ messagesReceived: 0, messagesSent: 0, ice: {}, sctp: { send: "new", recv: "new" } });
    probe.close();
  });

  it("takes only the probe's own channel: unordered, without retransmission", async () => {
    const probe = await probesWith().open("10.0.0.5");
    await expect(probe.produceData({ streamId: 0, ordered: true }, "events", "atrium-events")).rejects.toThrow(/not sent to oneself/);
    await expect(probe.produceData({ streamId: 0, ordered: true }, "probe", "atrium-probe")).rejects.toThrow(/unordered/);
    probe.close();
  });

  it("lets one address hold only a few probes at once, even when they are asked for together", async () => {
    const probes = probesWith({ perOwner: 3 });
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map(() => probes.open("10.0.0.3")));
    const opened = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(opened).toHaveLength(3);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ scope: "owner" });
    const other = await probes.open("10.0.0.4"); // someone else is not affected
    opened[0]!.close();
    const again = await probes.open("10.0.0.3"); // a closed probe frees its place
    for (const p of [...opened, other, again]) p.close();
    expect(probes.size).toBe(0);
  });

  it("caps the probes open on the server in total", async () => {
    const probes = probesWith({ perOwner: 2, total: 3 });
    const opened = [await probes.open("a"), await probes.open("a"), await probes.open("b")];
    const refused = await probes.open("c").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProbeLimitError);
    expect(refused).toMatchObject({ scope: "total" });
    probes.closeAll();
    expect(opened.every((p) => p.closed)).toBe(true);
  });

  it("limits how many probes one address may open in a minute, however quickly it closes them", async () => {
    const probes = probesWith({ perOwnerPerMinute: 4 });
    for (let i = 0; i < 4; i++) (await probes.open("10.0.0.9")).close();
    const refused = await probes.open("10.0.0.9").catch((e: unknown) => e);
    expect(refused).toMatchObject({ scope: "owner", message: expect.stringMatching(/a minute/) });
    (await probes.open("10.0.0.10")).close(); // another address is not affected
  });

  it("shows a probe only to the address that opened it", async () => {
    const probes = probesWith();
    const probe = await probes.open("10.0.0.5");
    expect(probes.get(probe.id, "10.0.0.5")).toBe(probe);
    expect(probes.get(probe.id, "10.0.0.6")).toBeUndefined();
    probe.close();
  });

  it("closes a probe by itself when its time is up, never later than the limit allows", async () => {
    const probes = probesWith({ maxTtlMs: 300 });
    const before = routers();
    const probe = await probes.open("10.0.0.7", 60_000);
    expect(probe.expiresAt - Date.now()).toBeLessThanOrEqual(300);
    await until(() => probe.closed);
    expect(probes.get(probe.id, "10.0.0.7")).toBeUndefined();
    expect(probes.size).toBe(0);
    expect(routers()).toBe(before);
  });

  it("goes away with its worker when the worker dies", async () => {
    const probes = probesWith();
    const probe = await probes.open("10.0.0.8");
    process.kill(hub.health().workers[0]!.pid, "SIGKILL");
    await until(() => probe.closed);
    expect(probes.size).toBe(0);
    await until(() => hub.health().ok); // the pool replaces the worker; a new probe works again
    (await probes.open("10.0.0.8")).close();
  });
});
