export { MediaHub, type MediaHubHealth } from "./media-hub.ts";
export { MediaRoom, type MediaNotify, type MediaRoomEvents, type ConsumerStats } from "./media-room.ts";
export type { SfuSettings } from "./media-config.ts";
export type { PeerQualityWindow } from "./peer-stats.ts";
