import type { PeerQualityWindow } from "../../sfu/index.ts";
import { rateQuality, worseOf, type LadderLevel, type QoeSampleWire, type QualityLevel } from "../protocol/qoe.ts";
import type { CallQualitySample, Storage } from "../storage/storage.ts";

/** Who a sample is about. */
export interface CallParty {
  sessionId: string;
  visitorId: string;
}

/** After this long without a report from the page, the SFU's own view stands for its quality. */
const PAGE_SILENT_MS = 25_000;

/**
 * Keeps the quality record of the calls in one hall instance: the windows each page
 * measures (`rtc:qoe`) and the SFU's own view of each peer, stored per call through
 * `Storage`. A call is, for now, one visitor's session in this instance. The server never
 * takes a page's word for how good its network is: it rates every window itself from the
 * numbers, with the same rating the page uses.
 */
export class CallQualityRecorder {
  readonly #storage: Storage;
  readonly #roomId: string;
  readonly #hallId: string;
  readonly #lastPageReport = new Map<string, number>();

  constructor(storage: Storage, roomId: string, hallId: string) {
    this.#storage = storage;
    this.#roomId = roomId;
    this.#hallId = hallId;
  }

  callId(sessionId: string): string {
    return `${this.#roomId}/${sessionId}`;
  }

  /**
   * Stores a page's windows; resolves once they are durable. Answers the quality of the
   * latest window, for the visitor's `net` in the hall state.
   */
  async recordPage(party: CallParty, samples: readonly QoeSampleWire[], now = Date.now()): Promise<{ stored: number; level: QualityLevel | "unknown" }> {
    let level: QualityLevel | "unknown" = "unknown";
    const rows = samples.map((s): CallQualitySample => {
      const rating = rateQuality({ rttMs: s.rttMs, lossPct: worseOf(s.lossInPct, s.lossOutPct), connected: s.connected });
      level = rating.level;
      return {
        ...this.#call(party),
        at: new Date(now - s.ageMs).toISOString(),
        source: "client",
        rttMs: s.rttMs,
        jitterMs: s.jitterMs,
        lossInPct: s.lossInPct,
        lossOutPct: s.lossOutPct,
        kbpsIn: s.kbpsIn,
        kbpsOut: s.kbpsOut,
        freezes: s.freezes,
        concealPct: s.concealPct,
        score: rating.score,
        level: rating.level,
        ladder: s.ladder,
      };
    });
    await this.#storage.callQuality.append(rows);
    this.#lastPageReport.set(party.sessionId, now);
    return { stored: rows.length, level };
  }

  /**
   * Stores the SFU's view of several peers in one write. Answers, per session, the quality
   * to show for those whose page has gone quiet (a frozen or closed tab reports nothing).
   */
  async recordServer(views: readonly (CallParty & { ladder: LadderLevel; window: PeerQualityWindow })[], now = Date.now()): Promise<Map<string, QualityLevel | "unknown">> {
    const standIn = new Map<string, QualityLevel | "unknown">();
    const at = new Date(now).toISOString();
    const rows = views.map(({ window: w, ladder, ...party }): CallQualitySample => {
      const rating = rateQuality({ rttMs: w.rttMs, lossPct: worseOf(w.lossInPct, w.lossOutPct), connected: w.connected });
      if (now - (this.#lastPageReport.get(party.sessionId) ?? 0) > PAGE_SILENT_MS) standIn.set(party.sessionId, rating.level);
      return {
        ...this.#call(party),
        at,
        source: "server",
        rttMs: round1(w.rttMs),
        jitterMs: round1(w.jitterMs),
        lossInPct: round1(w.lossInPct),
        lossOutPct: round1(w.lossOutPct),
        kbpsIn: round1(w.kbpsIn),
        kbpsOut: round1(w.kbpsOut),
        freezes: null,
        concealPct: null,
        score: rating.score,
        level: rating.level,
        ladder,
      };
    });
    await this.#storage.callQuality.append(rows);
    return standIn;
  }

  forget(sessionId: string): void {
    this.#lastPageReport.delete(sessionId);
  }

  #call(party: CallParty) {
    return { callId: this.callId(party.sessionId), roomId: this.#roomId, hallId: this.#hallId, sessionId: party.sessionId, visitorId: party.visitorId };
  }
}

function round1<T extends number | null>(v: T): T {
  return (v === null ? null : Math.round(v * 10) / 10) as T;
}
