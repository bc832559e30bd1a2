import { MediaClient } from "./media-client.ts";
import { PresenceClient } from "./presence-client.ts";

export type MediaState = { status: "off" } | { status: "connecting" } | { status: "on"; mic: boolean } | { status: "failed"; reason: string };

/**
 * The one entry point of the hall page: presence (Colyseus) and media (mediasoup).
 * Face tracking and scene loading join here in later issues.
 */
export class HallClient {
  readonly presence: PresenceClient;
  readonly media: MediaClient;
  mediaState: MediaState = { status: "off" };

  private constructor(presence: PresenceClient) {
    this.presence = presence;
    this.media = new MediaClient(presence.room);
  }

  static async enter(hallId: string, token: string): Promise<HallClient> {
    const presence = await PresenceClient.join(window.location.origin, hallId, token);
    return new HallClient(presence);
  }

  /** Media failing (no mic, blocked UDP) must not keep a visitor out of the hall. */
  async startMedia(withMic: boolean): Promise<MediaState> {
    this.mediaState = { status: "connecting" };
    try {
      await this.media.start();
      if (withMic) await this.media.enableMic();
      this.mediaState = { status: "on", mic: this.media.micOn };
    } catch (error) {
      this.mediaState = { status: "failed", reason: error instanceof Error ? error.message : String(error) };
    }
    return this.mediaState;
  }

  async leave(): Promise<void> {
    this.media.close();
    await this.presence.leave();
  }
}
