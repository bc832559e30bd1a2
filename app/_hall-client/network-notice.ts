import type { QualityLevel } from "../../game-server/protocol/qoe.ts";
import type { NetworkStatus } from "./network-monitor.ts";

/** How long the page says what got better after the ladder climbed, ms. */
export const RECOVERY_NOTICE_MS = 8000;

export interface NetworkNotice {
  /** The line the visitor reads; undefined when there is nothing to tell. */
  text?: string;
  /** How it is shown: a warning while media is held back, news when it came back. */
  tone: "ok" | "warn" | "alert";
  /** Voice is off: point the visitor to the chat. */
  suggestChat: boolean;
}

/** Signal bars for a quality level, 0 when not measured yet. */
export function barsFor(quality: QualityLevel | "unknown"): number {
  return { good: 4, fair: 3, poor: 2, bad: 1, unknown: 0 }[quality];
}

/** What the HUD tells the visitor about their network right now. */
export function networkNotice(status: NetworkStatus, now = Date.now()): NetworkNotice {
  const why = status.lastStep?.direction === "down" ? ` (${status.lastStep.reason})` : "";
  // On the text rung voice is off anyway: a reconnect there is a detail, not the news.
  if (status.ladder === "text") return { text: `Very weak network — voice paused, chat still works${why}${status.reconnecting ? " · reconnecting…" : ""}`, tone: "alert", suggestChat: true };
  if (status.reconnecting) return { text: "Network changed — reconnecting voice…", tone: "warn", suggestChat: false };
  const step = status.lastStep;
  const justClimbed = step?.direction === "up" && now - step.at < RECOVERY_NOTICE_MS;
  if (status.ladder === "audio") {
    return { text: justClimbed ? "Network better — voice back, video still paused" : `Weak network — video paused, voice only${why}`, tone: "warn", suggestChat: false };
  }
  if (justClimbed) return { text: "Network good again — video back", tone: "ok", suggestChat: false };
  return { tone: "ok", suggestChat: false };
}
