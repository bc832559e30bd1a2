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
  /** Visitors per hall instance before a second instance of the same hall opens. */
  capacity: number;
  /** The halls open in this process: what belongs to a whole hall, outside its instances. */
  halls: HallDirectory;
  /** Who receives whose movements, how often. */
  interest: InterestPolicy;
}
