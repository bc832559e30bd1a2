import type { MediaSource } from "../game-server/protocol/media.ts";
import type { DataLabel } from "./data-labels.ts";
import type { MediaPeer } from "./media-peer.ts";

export interface ConsumerStats {
  consumerId: string;
  peerId: string;
  fromPeerId: string;
  kind: string;
  source: MediaSource;
  paused: boolean;
  packetCount: number;
  byteCount: number;
  /** Simulcast video only: the spatial layer asked for, and the one being forwarded now. */
  preferredSpatialLayer?: number;
  currentSpatialLayer?: number;
}

export interface DataConsumerInfo {
  dataConsumerId: string;
  /** Who receives it, and whose channel it is. */
  peerId: string;
  fromPeerId: string;
  label: DataLabel;
}

/** Each live audio/video consumer towards the peers, with what it has forwarded (`GET /api/media/stats`). */
export async function collectConsumerStats(peers: Iterable<MediaPeer>): Promise<ConsumerStats[]> {
  const rows: ConsumerStats[] = [];
  for (const peer of peers) {
    for (const consumer of peer.consumers.values()) {
      if (consumer.closed) continue;
      // A consumer can close while we ask (its producer left, its worker died): skip it.
      const stats = await consumer.getStats().catch(() => undefined);
      if (!stats) continue;
      const outbound = stats.find((s) => s.type === "outbound-rtp");
      rows.push({
        consumerId: consumer.id,
        peerId: peer.id,
        fromPeerId: String(consumer.appData.fromPeerId ?? ""),
        kind: consumer.kind,
        source: consumer.appData.source as MediaSource,
        paused: consumer.paused,
        packetCount: outbound?.packetCount ?? 0,
        byteCount: outbound?.byteCount ?? 0,
        preferredSpatialLayer: consumer.preferredLayers?.spatialLayer,
        currentSpatialLayer: consumer.currentLayers?.spatialLayer,
      });
    }
  }
  return rows;
}

/** Every live data consumer: who receives whose channel. */
export function listDataConsumers(peers: Iterable<MediaPeer>): DataConsumerInfo[] {
  const rows: DataConsumerInfo[] = [];
  for (const peer of peers) {
    for (const c of peer.dataConsumers.values()) {
      if (!c.closed) rows.push({ dataConsumerId: c.id, peerId: peer.id, fromPeerId: c.appData.fromPeerId, label: c.appData.label });
    }
  }
  return rows;
}
