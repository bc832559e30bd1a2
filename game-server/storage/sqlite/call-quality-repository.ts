import type { DatabaseSync } from "node:sqlite";
import type { CallQualityRepository, CallQualitySample } from "../storage.ts";
import { inTransaction } from "./database.ts";

interface CallQualityRow {
  call_id: string; room_id: string; hall_id: string; session_id: string; visitor_id: string; at: string; source: string;
  rtt_ms: number | null; jitter_ms: number | null; loss_in_pct: number | null; loss_out_pct: number | null; kbps_in: number | null; kbps_out: number | null;
  freezes: number | null; conceal_pct: number | null; score: number | null; level: string; ladder: string;
}

const toCallQuality = (r: CallQualityRow): CallQualitySample => ({
  callId: r.call_id,
  roomId: r.room_id,
  hallId: r.hall_id,
  sessionId: r.session_id,
  visitorId: r.visitor_id,
  at: r.at,
  source: r.source as CallQualitySample["source"],
  rttMs: r.rtt_ms,
  jitterMs: r.jitter_ms,
  lossInPct: r.loss_in_pct,
  lossOutPct: r.loss_out_pct,
  kbpsIn: r.kbps_in,
  kbpsOut: r.kbps_out,
  freezes: r.freezes,
  concealPct: r.conceal_pct,
  score: r.score,
  level: r.level as CallQualitySample["level"],
  ladder: r.ladder as CallQualitySample["ladder"],
});

export class SqliteCallQualityRepository implements CallQualityRepository {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async append(samples: readonly CallQualitySample[]): Promise<void> {
    if (samples.length === 0) return;
    const insert = this.#db.prepare(
      `INSERT INTO call_quality (call_id, room_id, hall_id, session_id, visitor_id, at, source, rtt_ms, jitter_ms, loss_in_pct, loss_out_pct,
         kbps_in, kbps_out, freezes, conceal_pct, score, level, ladder) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // One transaction, so one sync to disk for the whole batch.
    inTransaction(this.#db, () => {
      for (const q of samples) {
        insert.run(q.callId, q.roomId, q.hallId, q.sessionId, q.visitorId, q.at, q.source, q.rttMs, q.jitterMs, q.lossInPct, q.lossOutPct, q.kbpsIn, q.kbpsOut, q.freezes, q.concealPct, q.score, q.level, q.ladder);
      }
    });
  }

  async forCall(callId: string, limit = 1000): Promise<CallQualitySample[]> {
    const rows = this.#db
      .prepare("SELECT * FROM (SELECT * FROM call_quality WHERE call_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq")
      .all(callId, limit) as unknown as CallQualityRow[];
    return rows.map(toCallQuality);
  }
}
