export type Verdict = "good" | "fair" | "poor";

export interface NetworkMeasurement {
  /** Median echo time through the SFU, in ms; undefined when nothing came back. */
  rttMs?: number;
  sent: number;
  received: number;
  /** Transport of the ICE pair the browser uses; TCP means UDP is blocked somewhere. */
  protocol?: "udp" | "tcp";
}

export interface Judgement {
  verdict: Verdict;
  summary: string;
}

/**
 * Thresholds follow ITU-T G.114: up to 150 ms one way a conversation feels natural, beyond
 * 400 ms it breaks down. A round trip is two ways, and the hall adds a jitter buffer, so a
 * round trip under 150 ms is good and over 400 ms is poor. Voice (Opus with FEC) hides about
 * 2 % loss; above 10 % words drop out.
 */
export function judgeNetwork(m: NetworkMeasurement): Judgement {
  const loss = m.sent > 0 ? 1 - m.received / m.sent : 1;
  if (m.rttMs === undefined || m.received === 0) return { verdict: "poor", summary: "No answer from the media server: voice will not work from this network." };
  if (m.rttMs > 400 || loss > 0.1) return { verdict: "poor", summary: "Expect delays and dropouts. A wired connection or another network may help." };
  if (m.protocol === "tcp") return { verdict: "fair", summary: "This network blocks UDP, so voice travels over TCP and may lag at times." };
  if (m.rttMs > 150 || loss > 0.02) return { verdict: "fair", summary: "Voice will work, with a noticeable delay or the odd glitch." };
  return { verdict: "good", summary: "Voice will sound natural." };
}

/** The middle value; the mean would let one late packet colour the whole check. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
