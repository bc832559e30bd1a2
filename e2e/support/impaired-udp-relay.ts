import { createSocket, type RemoteInfo, type Socket } from "node:dgram";
import { seededRandom } from "../../avatars/seed-hash.ts";

/**
 * A UDP relay between one browser and the SFU that loses, delays and rate-limits packets,
 * like `tc netem` + `tbf` would on a real link, but in user space (this machine's kernel has
 * no netem, and Chromium's DevTools network emulation does not touch WebRTC). The page is
 * pointed at the relay by rewriting the SFU's ICE candidates (see `relay-shim.ts`); the relay
 * forwards each browser socket's packets to the SFU from a socket of its own, so mediasoup
 * (ICE-lite) simply sees one more remote address. Every packet is impaired alike: media,
 * RTCP, STUN, DTLS, SCTP.
 */
export interface Impairment {
  /** Share of packets dropped, 0…100. */
  lossPct: number;
  /** Added one-way delay, ms, and a random ± spread around it (packets may reorder). */
  delayMs: number;
  jitterMs: number;
  /** Link rate, kbit/s (0: unlimited); beyond it packets queue, and drop past `queueMs` of queue. */
  rateKbps: number;
  queueMs: number;
}

export const CLEAN: Impairment = { lossPct: 0, delayMs: 0, jitterMs: 0, rateKbps: 0, queueMs: 200 };

export interface DirectionCounters {
  forwarded: number;
  dropped: number;
  bytes: number;
}

/** Impairs one direction: its own loss draw, its own queue. */
class Link {
  impairment: Impairment = CLEAN;
  readonly counters: DirectionCounters = { forwarded: 0, dropped: 0, bytes: 0 };
  #busyUntil = 0;
  readonly #random: () => number;
  readonly #timers: Set<NodeJS.Timeout>;

  constructor(random: () => number, timers: Set<NodeJS.Timeout>) {
    this.#random = random;
    this.#timers = timers;
  }

  pass(packet: Buffer, deliver: (packet: Buffer) => void): void {
    const { lossPct, delayMs, jitterMs, rateKbps, queueMs } = this.impairment;
    if (lossPct > 0 && this.#random() * 100 < lossPct) {
      this.counters.dropped++;
      return;
    }
    const now = performance.now();
    let leaveAt = now;
    if (rateKbps > 0) {
      const start = Math.max(now, this.#busyUntil);
      if (start - now > queueMs) {
        this.counters.dropped++; // the queue is full: tail drop
        return;
      }
      this.#busyUntil = start + (packet.length * 8) / rateKbps; // kbit/s = bit/ms
      leaveAt = this.#busyUntil;
    }
    const wait = leaveAt - now + Math.max(0, delayMs + (this.#random() * 2 - 1) * jitterMs);
    this.counters.forwarded++;
    this.counters.bytes += packet.length;
    if (wait < 1) return deliver(packet);
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      deliver(packet);
    }, wait);
    this.#timers.add(timer);
  }
}


export class ImpairedUdpRelay {
  readonly #front: Socket;
  readonly #target: { address: string; port: number };
  /** One socket towards the SFU per browser socket, so the SFU can tell them apart. */
  readonly #backs = new Map<string, Socket>();
  readonly #timers = new Set<NodeJS.Timeout>();
  /** Browser → SFU. */
  readonly up: Link;
  /** SFU → browser. */
  readonly down: Link;
  #closed = false;

  private constructor(front: Socket, target: { address: string; port: number }, seed: number) {
    this.#front = front;
    this.#target = target;
    const random = seededRandom(seed) // seeded, so a run's losses can be replayed;
    this.up = new Link(random, this.#timers);
    this.down = new Link(random, this.#timers);
    front.on("message", (packet, from) => this.#fromBrowser(packet, from));
  }

  /** A relay on `host` (an ephemeral port) in front of the SFU's UDP address `target`. */
  static async open(target: { address: string; port: number }, host = "127.0.0.1", seed = 1): Promise<ImpairedUdpRelay> {
    const front = createSocket("udp4");
    await new Promise<void>((resolve, reject) => {
      front.once("error", reject);
      front.bind(0, host, () => resolve());
    });
    return new ImpairedUdpRelay(front, target, seed);
  }

  get address(): { address: string; port: number } {
    const { address, port } = this.#front.address();
    return { address, port };
  }

  /** Applies the same impairment both ways (or a different one on the way back). */
  impair(both: Partial<Impairment>, down: Partial<Impairment> = both): void {
    this.up.impairment = { ...CLEAN, ...both };
    this.down.impairment = { ...CLEAN, ...down };
  }

  clear(): void {
    this.impair(CLEAN);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const back of this.#backs.values()) back.close();
    this.#backs.clear();
    this.#front.close();
  }

  #fromBrowser(packet: Buffer, from: RemoteInfo): void {
    const key = `${from.address}:${from.port}`;
    let back = this.#backs.get(key);
    if (!back) {
      const socket = createSocket("udp4");
      socket.bind(0, this.#target.address === "0.0.0.0" ? "127.0.0.1" : undefined);
      socket.on("message", (reply) => this.down.pass(reply, (p) => !this.#closed && this.#front.send(p, from.port, from.address)));
      socket.on("error", () => undefined); // a closing relay; nothing to do
      this.#backs.set(key, socket);
      back = socket;
    }
    const to = back;
    this.up.pass(packet, (p) => !this.#closed && to.send(p, this.#target.port, this.#target.address));
  }
}
