import type { Client } from "@colyseus/core";
import { ErrorCode } from "../../protocol/errors.ts";
import { ladderCode, ladderFromCode, LINK_MESSAGE, mediaAllowed, qualityCode, type LinkReport } from "../../protocol/qoe.ts";
import type { QoeReport } from "../../protocol/qoe.ts";
import { CallQualityRecorder } from "../call-quality.ts";
import { HallPlugin } from "../hall-plugin.ts";
import { MessageRejected } from "../message-guard.ts";
import type { RateRule } from "../rate-limits.ts";

/** How often the SFU's own view of every peer's network is sampled and stored. */
const SERVER_QUALITY_MS = 10_000;
/** How often each page is told the SFU's hop-by-hop view of its link (its ladder's evidence for the way up). */
const LINK_REPORT_MS = 2000;
const QOE: RateRule = { name: "qoe", max: 1, windowMs: 1000, message: "network reports come at most once a second" };
const DEGRADE: RateRule = { name: "degrade", max: 2, windowMs: 1000, message: "too many network level changes; slow down" };

/**
 * Call quality and the degradation ladder: stores what each page measures of its network
 * (`rtc:qoe`) and the SFU's own view of it, rates it (`Visitor.net`), tells each page how its
 * link looks from the SFU, and applies a page's rung on the ladder (`rtc:degrade`) in the SFU.
 */
export class QualityPlugin extends HallPlugin {
  readonly pluginName = "quality" as const;
  #recorder!: CallQualityRecorder;
  #qualityBusy = false;
  #linksBusy = false;

  protected override messages = this.rules({
    "rtc:qoe": { limits: [QOE], handle: (client, m) => this.#recordPage(client, m) },
    "rtc:degrade": {
      limits: [DEGRADE],
      handle: async (client, m) => {
        await this.room.plugins.media.mediaRoom.limitMedia(client.sessionId, mediaAllowed(m.level));
        const visitor = this.room.visitor(client.sessionId);
        if (visitor) visitor.fallback = ladderCode(m.level);
        return { ok: true };
      },
    },
  });

  protected override onCreate(): void {
    this.#recorder = new CallQualityRecorder(this.room.services.storage, this.room.roomId, this.room.hallId);
    this.room.clock.setInterval(() => void this.#sampleServerQuality(), SERVER_QUALITY_MS);
    this.room.clock.setInterval(() => void this.#reportLinks(), LINK_REPORT_MS);
  }

  protected override onLeave(client: Client): void {
    this.#recorder.forget(client.sessionId);
  }

  async #recordPage(client: Client, report: QoeReport): Promise<{ stored: number }> {
    const visitor = this.room.visitor(client.sessionId);
    if (!visitor) throw new MessageRejected({ code: ErrorCode.notAllowed, message: "you are not in this hall", type: "rtc:qoe" });
    // Stored before it is acknowledged (and before others see the new level).
    const { stored, level } = await this.#recorder.recordPage({ sessionId: client.sessionId, visitorId: visitor.visitorId }, report.samples);
    visitor.net = qualityCode(level);
    return { stored };
  }

  /** Tells each connected page how its own link looks from the SFU (see `LinkReport`). */
  async #reportLinks(): Promise<void> {
    if (this.#linksBusy) return;
    this.#linksBusy = true;
    try {
      for (const client of this.room.clients) {
        const link = await this.room.plugins.media.mediaRoom.peerLink(client.sessionId);
        if (!link || (link.lossUpPct === null && link.lossDownPct === null)) continue;
        const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
        client.send(LINK_MESSAGE, { lossUpPct: round(link.lossUpPct), lossDownPct: round(link.lossDownPct) } satisfies LinkReport);
      }
    } catch (error) {
      this.room.services.log.warn("link report failed", { roomId: this.room.roomId, error });
    } finally {
      this.#linksBusy = false;
    }
  }

  /** The SFU's view of every connected peer, stored per call; stands in for pages that stopped reporting. */
  async #sampleServerQuality(): Promise<void> {
    if (this.#qualityBusy) return;
    this.#qualityBusy = true;
    try {
      const views = [];
      for (const [sessionId, visitor] of this.room.state.visitors) {
        const window = await this.room.plugins.media.mediaRoom.peerQuality(sessionId);
        if (window) views.push({ sessionId, visitorId: visitor.visitorId, ladder: ladderFromCode(visitor.fallback), window });
      }
      if (views.length === 0) return;
      const standIn = await this.#recorder.recordServer(views);
      for (const [sessionId, level] of standIn) {
        const visitor = this.room.visitor(sessionId);
        if (visitor) visitor.net = qualityCode(level);
      }
    } catch (error) {
      this.room.services.log.warn("server quality sample failed", { roomId: this.room.roomId, error });
    } finally {
      this.#qualityBusy = false;
    }
  }
}
