import type pg from "pg";
import type { CallQualityRepository, CallQualitySample } from "../storage.ts";
import { inTransaction, iso } from "./database.ts";

interface CallQualityRow {
  call_id: string; room_id: string; hall_id: string; session_id: string; visitor_id: string; at: Date; source: string;
  rtt_ms: number | null; jitter_ms: number | null; loss_in_pct: number | null; loss_out_pct: number | null; kbps_in: number | null; kbps_out: number | null;
  freezes: number | null; conceal_pct: number | null; score: number | null; level: string; ladder: string;
}

const toCallQuality = (r: CallQualityRow): CallQualitySample => ({
  callId: r.call_id,
  roomId: r.room_id,
  hallId: r.hall_id,
  sessionId: r.session_id,
  visitorId: r.visitor_id,
  at: iso(r.at),
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

export class PostgresCallQualityRepository implements CallQualityRepository {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async append(samples: readonly CallQualitySample[]): Promise<void> {
    if (samples.length === 0) return;
    // One transaction (one WAL flush) for the batch; rows inserted one by one so that `seq` follows the batch's order.
    await inTransaction(this.#pool, async (client) => {
      for (const q of samples) {
        await client.query(
          `INSERT INTO call_quality (call_id, room_id, hall_id, session_id, visitor_id, at, source, rtt_ms, jitter_ms, loss_in_pct, loss_out_pct,
             kbps_in, kbps_out, freezes, conceal_pct, score, level, ladder) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
          [q.callId, q.roomId, q.hallId, q.sessionId, q.visitorId, q.at, q.source, q.rttMs, q.jitterMs, q.lossInPct, q.lossOutPct, q.kbpsIn, q.kbpsOut, q.freezes, q.concealPct, q.score, q.level, q.ladder],
        );
      }
    });
  }

  async forCall(callId: string, limit = 1000): Promise<CallQualitySample[]> {
    const { rows } = await this.#pool.query<CallQualityRow>(
      "SELECT * FROM (SELECT * FROM call_quality WHERE call_id = $1 ORDER BY seq DESC LIMIT $2) AS latest ORDER BY seq",
      [callId, limit],
    );
    return rows.map(toCallQuality);
  }
}
