import type { types } from "mediasoup-client";
import type { Room } from "@colyseus/sdk";
import { ClientMessageName as Msg } from "../../game-server/protocol/messages.ts";
import { LINK_MESSAGE, QoeLimits, type LadderLevel, type LinkReport, type QoeSampleWire, type QualityLevel, type QualityRating } from "../../game-server/protocol/qoe.ts";
import { DEFAULT_LADDER, initialLadder, stepLadder, type LadderConfig, type LadderState, type LadderStep } from "./degradation-ladder.ts";
import { IceRestartPolicy } from "./ice-restart-policy.ts";
import { MediaLimiter } from "./media-limiter.ts";
import { request } from "./room-request.ts";
import { downlinkLossPct, rateSample, sampleBetween, takeSnapshot, withLink, type QoeSample, type StatsEntry, type StatsSnapshot } from "./qoe-sampler.ts";

export interface MediaTransports {
  send: types.Transport;
  recv: types.Transport;
}

/** What the monitor needs of MediaClient: to be told whenever its transports are (re)created. */
export interface TransportSource {
  onTransports(listener: (transports: MediaTransports) => void): () => void;
}

export interface NetworkStatus {
  quality: QualityLevel | "unknown";
  score: number | null;
  ladder: LadderLevel;
  /** The last time the ladder moved, and why. */
  lastStep?: LadderStep & { at: number };
  /** ICE is being restarted after a network change or a dropped transport. */
  reconnecting: boolean;
  latest?: QoeSample;
}

export interface NetworkMonitorOptions {
  /** Length of one measurement window, ms. */
  intervalMs?: number;
  ladder?: LadderConfig;
}

/** Windows sent to the server in one `rtc:qoe` report, unless something changed sooner. */
const REPORT_EVERY = 5;
/** Snapshots kept: the long window reaches this many back (see `sampleBetween`). */
const LONG_WINDOW = 4;
/** The SFU's link report (every ~2 s) counts for this long, ms. */
const LINK_FRESH_MS = 6000;

/**
 * Watches this page's media connection and acts on it:
 * - every ~2 s measures both transports (`qoe-sampler`; loss hop by hop: the way down
 *   against the SFU's sender reports, the way up from the SFU's `rtc:link`) and rates the window;
 * - moves the degradation ladder (video → audio → text and back) and applies it: pauses our
 *   own producers of the kinds the rung forbids (`MediaLimiter`) and asks the server to stop
 *   sending us those kinds (`rtc:degrade`);
 * - reports the windows to the server (`rtc:qoe`, a batch every ~10 s, at once on a change),
 *   which stores them per call and shows our quality to others;
 * - restarts ICE when the browser's network changes or a transport drops.
 * The HUD reads {@link status}; {@link history} keeps the last minutes for tests and debugging.
 */
export class NetworkMonitor {
  readonly #room: Room;
  readonly #intervalMs: number;
  readonly #ladderConfig: LadderConfig;
  readonly limiter = new MediaLimiter();
  #ladder: LadderState = initialLadder();
  #transports?: MediaTransports;
  #policies = new Map<types.Transport, IceRestartPolicy>();
  #snapshots: StatsSnapshot[] = [];
  #timer?: ReturnType<typeof setInterval>;
  #sampling = false;
  #lastRating?: QualityRating;
  /** The ladder level the server has confirmed for us; undefined after new transports. */
  #serverLevel?: LadderLevel = "video";
  #degrading = false;
  #pending: { sample: QoeSample; ladder: LadderLevel }[] = [];
  #reporting = false;
  #lastReportAt = 0;
  /** Something changed but could not be reported yet (too soon, or a report in flight). */
  #reportDue = false;
  #restarting = new Set<types.Transport>();
  /** The SFU's latest view of our link, and when it came (performance.now()). */
  #link?: { report: LinkReport; at: number };
  readonly #listeners = new Set<() => void>();
  readonly #unsubscribe: () => void;
  readonly history: { sample: QoeSample; rating: QualityRating; ladder: LadderLevel }[] = [];
  /** ICE restarts completed since the page opened (for tests and debugging). */
  iceRestarts = 0;
  status: NetworkStatus = { quality: "unknown", score: null, ladder: "video", reconnecting: false };

  constructor(room: Room, media: TransportSource, options: NetworkMonitorOptions = {}) {
    this.#room = room;
    this.#intervalMs = options.intervalMs ?? 2000;
    this.#ladderConfig = options.ladder ?? DEFAULT_LADDER;
    this.#unsubscribe = media.onTransports((t) => this.#adopt(t));
    room.onMessage(LINK_MESSAGE, (report: LinkReport) => (this.#link = { report, at: performance.now() }));
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.#tick().catch((e: unknown) => console.warn("network sample failed", e)), this.#intervalMs);
    window.addEventListener("online", this.#onNetworkChange);
    connection()?.addEventListener("change", this.#onNetworkChange);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    window.removeEventListener("online", this.#onNetworkChange);
    connection()?.removeEventListener("change", this.#onNetworkChange);
    this.#unsubscribe();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** New transports (first connect or after a media restart): counters, ICE watch and server limits start over. */
  #adopt(transports: MediaTransports): void {
    this.#transports = transports;
    this.#snapshots = [];
    this.#policies = new Map();
    this.#restarting.clear();
    this.#serverLevel = undefined; // a rebuilt media room knows nothing of our rung
    this.limiter.watch(transports.send);
    for (const transport of [transports.send, transports.recv]) {
      const policy = new IceRestartPolicy();
      this.#policies.set(transport, policy);
      transport.on("connectionstatechange", (state) => {
        policy.observe(state, performance.now());
        if (state === "connected") this.#restarting.delete(transport);
        if (policy.shouldRestart(performance.now())) void this.#restartIce(transport);
        this.#publish();
      });
    }
    void this.#syncServerLevel();
  }

  readonly #onNetworkChange = (): void => {
    const now = performance.now();
    for (const [transport, policy] of this.#policies) if (policy.shouldRestart(now, true)) void this.#restartIce(transport);
  };

  async #restartIce(transport: types.Transport): Promise<void> {
    this.#restarting.add(transport);
    this.#publish();
    try {
      const { iceParameters } = await request(this.#room, Msg.restartIce, { transportId: transport.id });
      if (transport.closed) return;
      // Opaque on the wire (protocol `Replies`); mediasoup-client owns the shape.
      await transport.restartIce({ iceParameters: iceParameters as types.IceParameters });
      this.iceRestarts++;
    } catch (error) {
      // The policy asks again on the next window while the transport stays down.
      console.warn("ICE restart failed", error);
    } finally {
      if (transport.connectionState === "connected" || transport.closed) this.#restarting.delete(transport);
      this.#publish();
    }
  }

  async #tick(): Promise<void> {
    const transports = this.#transports;
    if (!transports || this.#sampling) return;
    const now = performance.now();
    for (const [transport, policy] of this.#policies) if (policy.shouldRestart(now)) void this.#restartIce(transport);

    this.#sampling = true;
    let snapshot: StatsSnapshot;
    try {
      const [send, recv] = await Promise.all([transports.send.getStats(), transports.recv.getStats()]);
      if (transports !== this.#transports) return; // replaced while we asked
      snapshot = takeSnapshot({ send: entries(send), recv: entries(recv) }, [transports.send.connectionState, transports.recv.connectionState], performance.now());
    } catch {
      return; // a transport closed under us (media restart): the next window starts afresh
    } finally {
      this.#sampling = false;
    }
    const prev = this.#snapshots.at(-1);
    const long = this.#snapshots[0];
    this.#snapshots.push(snapshot);
    if (this.#snapshots.length > LONG_WINDOW + 1) this.#snapshots.shift();
    if (!prev) return;

    // Both ways hop by hop: our inbound counters also hold what each sender lost before the
    // SFU, and the SFU's receiver reports to us the worst listener's loss — their networks'
    // trouble, not ours.
    const link = this.#link && performance.now() - this.#link.at < LINK_FRESH_MS ? this.#link.report : undefined;
    const sample = withLink(sampleBetween(prev, snapshot, long), downlinkLossPct(this.#snapshots), link);
    const rating = rateSample(sample);
    const { state, step } = stepLadder(this.#ladder, rating, this.#ladderConfig);
    this.#ladder = state;
    if (step) {
      console.warn(`network ladder ${step.from} → ${step.to}: ${step.reason}`);
      this.limiter.setLevel(step.to);
      this.status = { ...this.status, lastStep: { ...step, at: Date.now() } };
      void this.#syncServerLevel();
    }
    this.history.push({ sample, rating, ladder: state.level });
    if (this.history.length > 150) this.history.shift();

    this.#pending.push({ sample, ladder: state.level });
    if (this.#pending.length > QoeLimits.maxSamplesPerReport) this.#pending.shift();
    const changed = step !== undefined || rating.level !== this.#lastRating?.level;
    this.#lastRating = rating;
    if (this.#pending.length >= REPORT_EVERY || changed || this.#reportDue) void this.#report();

    this.status = { ...this.status, quality: rating.level, score: rating.score, ladder: state.level, latest: sample };
    this.#publish();
  }

  /** Tells the server our rung until it has confirmed it (it may be restarting its media). */
  async #syncServerLevel(): Promise<void> {
    const level = this.#ladder.level;
    if (this.#degrading || this.#serverLevel === level) return;
    this.#degrading = true;
    try {
      await request(this.#room, Msg.degrade, { level });
      this.#serverLevel = level;
    } catch (error) {
      console.warn("could not tell the server our network level", error);
    } finally {
      this.#degrading = false;
    }
    if (this.#ladder.level !== this.#serverLevel) setTimeout(() => void this.#syncServerLevel(), this.#intervalMs);
  }

  async #report(): Promise<void> {
    const now = Date.now();
    if (this.#pending.length === 0) return;
    if (this.#reporting || now - this.#lastReportAt < QoeLimits.minReportGapMs) {
      this.#reportDue = true;
      return;
    }
    const batch = this.#pending.splice(0);
    this.#reportDue = false;
    this.#reporting = true;
    this.#lastReportAt = now;
    try {
      await request(this.#room, Msg.qoe, { samples: batch.map((b) => toWire(b.sample, b.ladder, now)) });
    } catch (error) {
      console.warn("network report refused", error); // dropped: reports are a record, not a queue
    } finally {
      this.#reporting = false;
    }
  }

  #publish(): void {
    const reconnecting = this.#restarting.size > 0;
    if (reconnecting !== this.status.reconnecting) this.status = { ...this.status, reconnecting };
    for (const l of this.#listeners) l();
  }
}

function entries(report: RTCStatsReport): StatsEntry[] {
  return [...report.values()] as StatsEntry[];
}

/** `navigator.connection` (Network Information API) where the browser has it. */
function connection(): EventTarget | undefined {
  return (navigator as Navigator & { connection?: EventTarget }).connection;
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const maybe = (v: number | null, hi: number) => (v === null ? null : round1(clamp(v, 0, hi)));

/** A window as the server accepts it (see `QoeSampleWire`). */
export function toWire(sample: QoeSample, ladder: LadderLevel, now: number): QoeSampleWire {
  return {
    ageMs: Math.round(clamp(now - sample.at, 0, QoeLimits.maxSampleAgeMs)),
    windowMs: Math.round(clamp(sample.windowMs, 100, 60_000)),
    rttMs: maybe(sample.rttMs, 600_000),
    jitterMs: maybe(sample.jitterMs, 600_000),
    lossInPct: maybe(sample.lossInPct, 100),
    lossOutPct: maybe(sample.lossOutPct, 100),
    kbpsIn: round1(clamp(sample.kbpsIn, 0, 1_000_000)),
    kbpsOut: round1(clamp(sample.kbpsOut, 0, 1_000_000)),
    freezes: Math.round(clamp(sample.freezes, 0, 10_000)),
    freezeShare: Math.round(clamp(sample.freezeShare, 0, 1) * 1000) / 1000,
    concealPct: maybe(sample.concealPct, 100),
    connected: sample.connected,
    ladder,
  };
}
