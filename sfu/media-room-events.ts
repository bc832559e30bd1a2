import type { types } from "mediasoup";
import type { CanReceiveData } from "./data-routing.ts";
import type { MediaNotify } from "./media-notices.ts";
import type { MediaRoom } from "./media-room.ts";
import type { ViewVideo } from "./video-plan.ts";

/** What a MediaRoom's owner (the hall) tells it and is told by it: its rules and its callbacks. */
export interface MediaRoomEvents {
  notify: MediaNotify;
  /** The peers whose microphones are above the speaking threshold right now (empty on silence). */
  speaking?: (peerIds: ReadonlySet<string>) => void;
  /** The worker under this room died and the room was rebuilt on another one: every peer must set up its transports again (ids kept). */
  restarted?: (room: MediaRoom) => void;
  /** Whether a listener may receive a speaker's media now (distance, booth walls); asked on creation and each `refreshHearing`. Default: yes. */
  canHear?: (listenerId: string, speakerId: string) => boolean;
  /** Whether, and how well, a viewer should receive a camera or screen now (video-plan.ts). Default: everything, top layer. */
  viewVideo?: ViewVideo;
  /** At most this many videos flow to one peer, lowest rank first (default 12). */
  maxVideosPerPeer?: number;
  /** Whether a subscriber may receive a sender's data channel `label` now; asked like `canHear` (data-routing.ts). Default: yes. */
  canReceiveData?: CanReceiveData;
  /** Largest data-channel message in bytes, enforced by SCTP on every transport (default DEFAULT_MAX_DATA_MESSAGE_BYTES, data-labels.ts). */
  maxDataMessageBytes?: number;
}

/** Marks speech without flickering on breath noise: -55 dBov over 400 ms. */
const SPEECH = { maxEntries: 16, threshold: -55, interval: 400 };

/** The room's AudioLevelObserver, reporting who speaks to `speaking` (by the producers' peer ids). */
export async function watchSpeaking(router: types.Router, speaking?: (peerIds: ReadonlySet<string>) => void): Promise<types.AudioLevelObserver> {
  const levels = await router.createAudioLevelObserver(SPEECH);
  if (speaking) {
    levels.on("volumes", (volumes) => speaking(new Set(volumes.map((v) => String(v.producer.appData.peerId)))));
    levels.on("silence", () => speaking(new Set()));
  }
  return levels;
}
