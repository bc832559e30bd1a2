import type { MediaHub } from "../../sfu/index.ts";
import type { Scene } from "../../scenes/scene-format.ts";
import type { GuestTokens } from "../auth/guest-token.ts";
import type { HallDirectory } from "../halls/hall-directory.ts";
import type { Logger } from "../logging/logger.ts";
import type { Storage } from "../storage/storage.ts";
import type { InterestPolicy } from "./interest.ts";

/** What a hall room needs from the rest of the server; given once when the room type is defined. */
export interface HallServices {
  storage: Storage;
  tokens: GuestTokens;
  media: MediaHub;
  log: Logger;
  findScene(sceneId: string): Scene | undefined;
  /** Published scenes changing under open instances (the studio); absent in tests that never publish. */
  scenes?: { onChange(listener: (change: { sceneId: string; version: number } | { hallId: string }) => void): () => void; liveVersion(sceneId: string): number | undefined };
  /** A draft to preview (the studio), loaded and validated; set only for the preview room type. */
  previewScene?(sceneId: string): Promise<Scene | undefined>;
  /** Visitors per hall instance before a second instance of the same hall opens. */
  capacity: number;
  /** The halls open in this process: what belongs to a whole hall, outside its instances. */
  halls: HallDirectory;
  /** Who receives whose movements, how often. */
  interest: InterestPolicy;
}
