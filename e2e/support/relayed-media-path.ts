import type { Page } from "playwright-core";
import { CLEAN, ImpairedUdpRelay, type DirectionCounters, type Impairment } from "./impaired-udp-relay.ts";

/**
 * Sends one page's WebRTC traffic through {@link ImpairedUdpRelay}s. An init script wraps
 * `RTCPeerConnection.setRemoteDescription` in the page: every UDP host candidate of the SFU
 * is replaced by a relay's address (asked from the test through an exposed function, one
 * relay per SFU address), and TCP candidates are dropped so that media cannot sidestep the
 * impaired path. Optionally the page's Opus encoder is told not to add in-band FEC
 * (`useinbandfec=0` in the answers it receives: what a receiver that cannot use FEC says).
 * The product's code is untouched; only this page's view of the SFU's address changes.
 */
export class RelayedMediaPath {
  readonly #relays = new Map<string, Promise<ImpairedUdpRelay>>();
  #impairment: { up: Impairment; down: Impairment } = { up: CLEAN, down: CLEAN };
  readonly #seed: number;

  private constructor(seed: number) {
    this.#seed = seed;
  }

  /** Call before the page loads the hall (its init script must run before mediasoup-client). */
  static async attach(page: Page, options: { opusFec?: boolean; seed?: number } = {}): Promise<RelayedMediaPath> {
    const path = new RelayedMediaPath(options.seed ?? 1);
    await page.exposeFunction("__atriumRelayFor", async (address: string, port: number) => (await path.#relayFor(address, port)).address);
    await page.addInitScript(shimSource, { fecOff: options.opusFec === false });
    return path;
  }

  /** The same impairment both ways, or another one on the way back to the page. */
  impair(both: Partial<Impairment>, down: Partial<Impairment> = both): void {
    this.#impairment = { up: { ...CLEAN, ...both }, down: { ...CLEAN, ...down } };
    for (const relay of this.#relays.values()) void relay.then((r) => r.impair(this.#impairment.up, this.#impairment.down));
  }

  clear(): void {
    this.impair(CLEAN);
  }

  /** Packets through all relays so far, per direction. */
  async counters(): Promise<{ up: DirectionCounters; down: DirectionCounters; relays: number }> {
    const sum = { up: { forwarded: 0, dropped: 0, bytes: 0 }, down: { forwarded: 0, dropped: 0, bytes: 0 }, relays: this.#relays.size };
    for (const pending of this.#relays.values()) {
      const relay = await pending;
      for (const dir of ["up", "down"] as const) {
        sum[dir].forwarded += relay[dir].counters.forwarded;
        sum[dir].dropped += relay[dir].counters.dropped;
        sum[dir].bytes += relay[dir].counters.bytes;
      }
    }
    return sum;
  }

  async close(): Promise<void> {
    const relays = await Promise.allSettled(this.#relays.values());
    for (const r of relays) if (r.status === "fulfilled") r.value.close();
    this.#relays.clear();
  }

  #relayFor(address: string, port: number): Promise<ImpairedUdpRelay> {
    const key = `${address}:${port}`;
    let relay = this.#relays.get(key);
    if (!relay) {
      relay = ImpairedUdpRelay.open({ address, port }, "127.0.0.1", this.#seed + this.#relays.size).then((r) => {
        r.impair(this.#impairment.up, this.#impairment.down);
        return r;
      });
      this.#relays.set(key, relay);
    }
    return relay;
  }
}

/** Runs in the page before its own scripts. Kept free of closures over test code: it is serialised. */
function shimSource({ fecOff }: { fecOff: boolean }): void {
  const relayFor = (window as unknown as { __atriumRelayFor: (a: string, p: number) => Promise<{ address: string; port: number }> }).__atriumRelayFor;
  const original = RTCPeerConnection.prototype.setRemoteDescription;
  RTCPeerConnection.prototype.setRemoteDescription = async function (this: RTCPeerConnection, description?: RTCSessionDescriptionInit) {
    // Kept for tests and benchmarks that read the page's WebRTC stats directly.
    const seen = ((window as unknown as { __atriumPeerConnections?: Set<RTCPeerConnection> }).__atriumPeerConnections ??= new Set());
    seen.add(this);
    if (description?.sdp) {
      const lines: string[] = [];
      for (const line of description.sdp.split("\r\n")) {
        const candidate = /^a=candidate:(\S+) (\d+) (udp|tcp) (\d+) (\S+) (\d+) typ host(.*)$/i.exec(line);
        if (candidate) {
          if (candidate[3]!.toLowerCase() === "tcp") continue;
          const relay = await relayFor(candidate[5]!, Number(candidate[6]));
          lines.push(`a=candidate:${candidate[1]} ${candidate[2]} udp ${candidate[4]} ${relay.address} ${relay.port} typ host${candidate[7]}`);
          continue;
        }
        lines.push(fecOff && description.type === "answer" ? line.replace(/useinbandfec=1/g, "useinbandfec=0") : line);
      }
      description = { type: description.type, sdp: lines.join("\r\n") };
    }
    return (original as (this: RTCPeerConnection, d?: RTCSessionDescriptionInit) => Promise<void>).call(this, description);
  } as typeof original;
}
