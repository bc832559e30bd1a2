import { readDevicePreferences } from "../_devices/device-preferences.ts";
import type { HeadPose } from "../../avatars/face-solver/head-pose.ts";
import { BoardClient } from "./board-client.ts";
import { ConciergeClient } from "./concierge-client.ts";
import { FaceStream, RemoteFaces } from "./face-stream.ts";
import { MediaClient } from "./media-client.ts";
import { NetworkMonitor } from "./network-monitor.ts";
import { PresenceClient, type Pose } from "./presence-client.ts";
import { ServiceClient } from "./service-client.ts";
import { AssistClient } from "./assist-client.ts";
import { SocialClient } from "./social-client.ts";
import { SpatialVoices } from "./spatial-voices.ts";
import { VideoTracks } from "./video-tracks.ts";
import { WalkRoute } from "./walk-route.ts";

export type MediaState = { status: "off" } | { status: "connecting" } | { status: "on"; mic: boolean } | { status: "failed"; reason: string };

/**
 * The one entry point of the hall page: presence (Colyseus) and media (mediasoup).
 * Face tracking and scene loading join here in later issues.
 */
export class HallClient {
  readonly presence: PresenceClient;
  readonly media: MediaClient;
  readonly social: SocialClient;
  /** The hall's concierge: questions, "take me there", source articles, greetings. */
  readonly concierge: ConciergeClient;
  /** A person's help: the queue, the session with an agent (both sides), the rating. */
  readonly service: ServiceClient;
  /** Live assist for the session an agent's connection serves (a customer's never receives any). */
  readonly assist: AssistClient;
  /** Shared whiteboards: the scene's boards, a session's board, marks over a shared screen. */
  readonly boards: BoardClient;
  /** Network quality, the degradation ladder and ICE restarts (the HUD's network indicator). */
  readonly network: NetworkMonitor;
  readonly voices = new SpatialVoices();
  /** Received webcams and screen shares, by sender and source. */
  readonly videos = new VideoTracks();
  mediaState: MediaState = { status: "off" };
  /**
   * Face weights per visitor (sessionId → blendshape name → 0…1), drawn over their avatar's
   * own blinks and speech. Face tracking fills this; tests set it directly.
   */
  readonly expressions = new Map<string, Record<string, number>>();
  /** Head poses from face tracking (ours and the faces we receive), by sessionId. */
  readonly headPoses = new Map<string, HeadPose>();
  /** Other people's tracked faces, as they arrive. */
  readonly remoteFaces: RemoteFaces;
  /** Our own face tracking, while it is on ("avatar only": the camera never leaves the device). */
  face?: FaceStream;
  /** Where the avatar walks by itself (a floor click, "take me there"); the render loop follows it, keys cancel it. */
  readonly route = new WalkRoute();

  private constructor(presence: PresenceClient) {
    this.presence = presence;
    this.media = new MediaClient(presence.room, this.voices, this.videos);
    this.social = new SocialClient(presence.room);
    this.concierge = new ConciergeClient(presence.room, this.route);
    this.service = new ServiceClient(presence.room);
    this.assist = new AssistClient(presence.room);
    this.boards = new BoardClient(presence.room);
    this.network = new NetworkMonitor(presence.room, this.media);
    this.remoteFaces = new RemoteFaces(this.media, this);
  }

  /**
   * Our face drives our avatar (camera read on this device, no video sent). `shareEmotion`: also
   * send how we seem to the agent serving us (the customer's explicit consent).
   */
  async startFace(options: { shareEmotion?: boolean; stream?: MediaStream } = {}): Promise<FaceStream> {
    this.face?.stop();
    const face = (this.face = new FaceStream(this.media, this, () => this.presence.room.sessionId, options.stream ? { stream: options.stream } : {}));
    this.shareEmotion(options.shareEmotion ?? false);
    await face.start();
    return face;
  }

  stopFace(): void {
    this.face?.stop();
    this.face = undefined;
  }

  /** Whether our emotion signal goes to the agent serving us (only while face tracking is on). */
  shareEmotion(on: boolean): void {
    if (this.face) this.face.onEmotion = on ? (emotion) => this.service.shareEmotion(emotion) : undefined;
  }

  walkTo(x: number, z: number): void {
    this.route.follow([{ x, z }]);
  }

  /** The spot the avatar is walking to by itself right now (the route's current waypoint). */
  get walkTarget(): { x: number; z: number } | undefined {
    return this.route.current;
  }

  /** Per frame, from the render loop: keep the spatial audio where the avatars are. */
  tick(localPose: Pose, now: number): void {
    this.voices.update(localPose, (peerId) => this.presence.remotes.get(peerId)?.buffer.sample(now));
  }

  /** Joins the hall (an instance the matchmaker picks, or the one given: an agent joins their customer's). */
  static async enter(hallId: string, token: string, avatar = "", roomId?: string, preview?: string): Promise<HallClient> {
    const presence = await PresenceClient.join(window.location.origin, hallId, token, avatar, roomId, preview);
    const client = new HallClient(presence);
    client.social.loadHistory().catch((error: unknown) => console.warn("chat history unavailable", error));
    return client;
  }

  /** Media failing (no mic, blocked UDP) must not keep a visitor out of the hall. */
  async startMedia(withMic: boolean): Promise<MediaState> {
    this.mediaState = { status: "connecting" };
    try {
      await this.voices.resume();
      const speaker = readDevicePreferences().speaker;
      if (speaker) await this.voices.useSpeaker(speaker).catch((error: unknown) => console.warn("the chosen speaker is not available; using the default", error));
      await this.media.start();
      // Everyone's page shows the tracked faces the hall lets reach it.
      await this.media.receiveData(["face"]).catch((error: unknown) => console.warn("face frames unavailable", error));
      this.network.start();
      if (withMic) await this.media.enableMic();
      this.mediaState = { status: "on", mic: this.media.micOn };
    } catch (error) {
      this.mediaState = { status: "failed", reason: error instanceof Error ? error.message : String(error) };
    }
    return this.mediaState;
  }

  async leave(): Promise<void> {
    this.stopFace();
    this.remoteFaces.close();
    this.network.stop();
    this.media.close();
    this.voices.close();
    await this.presence.leave();
  }
}
