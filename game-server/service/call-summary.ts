import type { CallRecordData, QoeSummary, ServiceMedia } from "../protocol/service.ts";
import type { CallQualityRepository } from "../storage/call-quality-repository.ts";
import type { CallQualitySample } from "../storage/storage.ts";

const RUNGS = ["video", "audio", "text"] as const;

/** What a call's quality windows say, in a few figures an agent or supervisor can read. */
export function summarizeQoe(samples: readonly CallQualitySample[]): QoeSummary | null {
  // The page's own windows (re-rated by the server) are the customer's experience; the SFU's stand in when there are none.
  const client = samples.filter((s) => s.source === "client");
  const used = client.length > 0 ? client : samples;
  if (used.length === 0) return null;
  const mean = (values: (number | null)[]) => {
    const known = values.filter((v): v is number => v !== null);
    return known.length === 0 ? null : Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 10) / 10;
  };
  const lowest = used.reduce((worst, s) => Math.max(worst, RUNGS.indexOf(s.ladder)), 0);
  return {
    windows: used.length,
    meanScore: mean(used.map((s) => s.score)),
    poorShare: Math.round((used.filter((s) => s.level === "poor" || s.level === "bad").length / used.length) * 1000) / 1000,
    meanRttMs: mean(used.map((s) => s.rttMs)),
    meanLossInPct: mean(used.map((s) => s.lossInPct)),
    lowestRung: RUNGS[lowest]!,
  };
}

/** The session as a call record for its ticket: when, how long, which media, and its quality on both sides. */
export async function summarizeCall(
  quality: CallQualityRepository,
  call: { id: string; roomId: string; customer: { sessionId: string }; agentSessionId?: string; attachedAt?: number; media: ReadonlySet<ServiceMedia> },
  endedBy: CallRecordData["endedBy"],
  now: number,
): Promise<CallRecordData> {
  const startedAt = call.attachedAt ?? now;
  const during = (samples: CallQualitySample[]) => samples.filter((s) => Date.parse(s.at) >= startedAt - 1000);
  const [customer, agent] = await Promise.all([
    quality.forCall(`${call.roomId}/${call.customer.sessionId}`, 400).then(during),
    call.agentSessionId ? quality.forCall(`${call.roomId}/${call.agentSessionId}`, 400).then(during) : Promise.resolve([]),
  ]);
  return {
    callId: call.id,
    roomId: call.roomId,
    startedAt: new Date(startedAt).toISOString(),
    endedAt: new Date(now).toISOString(),
    durationMs: now - startedAt,
    media: (["text", "voice", "video"] as const).filter((m) => call.media.has(m)),
    endedBy,
    qoe: { customer: summarizeQoe(customer), agent: summarizeQoe(agent) },
  };
}
