import { Device, type types } from "mediasoup-client";
import type { TransportOptions } from "../../game-server/protocol/index.ts";
import { median } from "./network-verdict.ts";

export interface NetworkCheckResult {
  sent: number;
  received: number;
  /** Echo times through the SFU, in ms: median, best and worst. */
  rttMs?: number;
  minMs?: number;
  maxMs?: number;
  /** The ICE pair the browser chose: transport protocol, candidate type, and its STUN round trip. */
  protocol?: "udp" | "tcp";
  candidateType?: string;
  iceRttMs?: number;
  /** What the SFU itself counted: pings in from the browser, echoes out to it. */
  server: { messagesReceived: number; messagesSent: number };
}

export interface NetworkCheckOptions {
  pings?: number;
  intervalMs?: number;
  onProgress?: (received: number, total: number) => void;
  signal?: AbortSignal;
}

interface ProbeCreated {
  id: string;
  routerRtpCapabilities: types.RtpCapabilities;
  send: TransportOptions;
  recv: TransportOptions;
}

interface ProbeEcho {
  dataConsumerId: string;
  dataProducerId: string;
  sctpStreamParameters: types.SctpStreamParameters;
  label: string;
  protocol: string;
}

interface ProbeStats {
  messagesReceived: number;
  messagesSent: number;
}

/**
 * Measures the round trip to the SFU the way the hall's data travels: a mediasoup data channel
 * out through the send transport, forwarded by the SFU to our own receive transport. Each ping
 * carries its send time, so the echo time is measured in this page, with one clock. Pings go
 * out unordered and are never retransmitted, so a lost one stays lost and counts; the echoes
 * come back unordered, so one late echo never holds up the others.
 */
export async function runNetworkCheck({ pings = 20, intervalMs = 100, onProgress, signal }: NetworkCheckOptions = {}): Promise<NetworkCheckResult> {
  const probe = await api<ProbeCreated>("POST", "/api/check/probes", { ttlSeconds: 20 });
  const base = `/api/check/probes/${probe.id}`;
  let send: types.Transport | undefined;
  let recv: types.Transport | undefined;
  try {
    const device = new Device();
    await device.load({ routerRtpCapabilities: probe.routerRtpCapabilities });
    send = device.createSendTransport(probe.send as types.TransportOptions);
    recv = device.createRecvTransport(probe.recv as types.TransportOptions);
    for (const transport of [send, recv]) {
      transport.on("connect", ({ dtlsParameters }, done, fail) => {
        api("POST", `${base}/connect`, { transportId: transport.id, dtlsParameters }).then(() => done(), fail);
      });
    }
    send.on("producedata", ({ sctpStreamParameters, label, protocol }, done, fail) => {
      api<{ dataProducerId: string }>("POST", `${base}/produce-data`, { sctpStreamParameters, label, protocol }).then(({ dataProducerId }) => done({ id: dataProducerId }), fail);
    });

    const out = await send.produceData({ ordered: false, maxRetransmits: 0, label: "probe", protocol: "atrium-probe" });
    const echo = await api<ProbeEcho>("POST", `${base}/consume-data`);
    const back = await recv.consumeData({ id: echo.dataConsumerId, dataProducerId: echo.dataProducerId, sctpStreamParameters: echo.sctpStreamParameters, label: echo.label, protocol: echo.protocol });
    await Promise.all([opened(out, signal), opened(back, signal)]);

    const rtts = new Map<number, number>();
    let warmedUp = false;
    back.on("message", (data: unknown) => {
      if (typeof data !== "string") return;
      const [seq, sentAt] = data.split(" ").map(Number) as [number, number];
      const now = performance.now();
      if (seq === 0) warmedUp = true;
      else if (Number.isFinite(sentAt) && !rtts.has(seq)) {
        rtts.set(seq, now - sentAt);
        onProgress?.(rtts.size, pings);
      }
    });

    // Until the SFU's side of both SCTP associations is up, unreliable pings may vanish:
    // repeat ping 0 until one comes back, so the measured pings count only real loss.
    const warmUpUntil = performance.now() + 8000;
    while (!warmedUp) {
      if (performance.now() > warmUpUntil) throw new Error("The media server did not echo anything back. A firewall may be blocking UDP and TCP to it.");
      out.send(`0 ${performance.now()}`);
      await sleep(150, signal);
    }
    for (let seq = 1; seq <= pings; seq++) {
      out.send(`${seq} ${performance.now()}`);
      await sleep(intervalMs, signal);
    }
    const lastCall = performance.now() + 1000;
    while (rtts.size < pings && performance.now() < lastCall) await sleep(50, signal);

    const values = [...rtts.values()];
    const [ice, server] = await Promise.all([selectedPair(send), api<ProbeStats>("GET", base)]);
    return {
      sent: pings,
      received: values.length,
      rttMs: round(median(values)),
      minMs: round(values.length ? Math.min(...values) : undefined),
      maxMs: round(values.length ? Math.max(...values) : undefined),
      ...ice,
      server: { messagesReceived: server.messagesReceived, messagesSent: server.messagesSent },
    };
  } finally {
    send?.close();
    recv?.close();
    void api("DELETE", base).catch(() => undefined); // it expires by itself anyway
  }
}

/** The candidate pair the browser's ICE agent settled on, read from the peer connection's stats. */
async function selectedPair(transport: types.Transport): Promise<Pick<NetworkCheckResult, "protocol" | "candidateType" | "iceRttMs">> {
  const report = await transport.getStats();
  const all = [...report.values()] as Record<string, unknown>[];
  const selectedId = all.find((s) => s.type === "transport" && typeof s.selectedCandidatePairId === "string")?.selectedCandidatePairId;
  const pair = all.find((s) => s.type === "candidate-pair" && (s.id === selectedId || (!selectedId && s.nominated && s.state === "succeeded")));
  if (!pair) return {};
  const local = report.get(String(pair.localCandidateId)) as { protocol?: string; candidateType?: string } | undefined;
  const protocol = local?.protocol === "tcp" ? "tcp" : local?.protocol === "udp" ? "udp" : undefined;
  const rtt = typeof pair.currentRoundTripTime === "number" ? pair.currentRoundTripTime * 1000 : undefined;
  return { protocol, candidateType: local?.candidateType, iceRttMs: round(rtt) };
}

function opened(channel: types.DataProducer | types.DataConsumer, signal?: AbortSignal): Promise<void> {
  if (channel.readyState === "open") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("Could not open a data channel to the media server. A firewall may be blocking it.")), 10_000);
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
    (channel as types.DataProducer).once("open", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", abort, { once: true });
  });
}

const round = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms * 10) / 10);

/** JSON over fetch; a refusal becomes an Error with the server's own explanation. */
async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined; // a proxy's error page, say: the status line below says enough
  }
  if (!response.ok) throw new Error((json as { error?: string } | undefined)?.error ?? `${method} ${path} failed (${response.status})`);
  return json as T;
}
