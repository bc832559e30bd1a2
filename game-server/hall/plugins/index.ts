import { AssistPlugin } from "./assist-plugin.ts";
import { BoardPlugin } from "./board-plugin.ts";
import { ConciergePlugin } from "./concierge-plugin.ts";
import { MediaPlugin } from "./media-plugin.ts";
import { PresencePlugin } from "./presence-plugin.ts";
import { QualityPlugin } from "./quality-plugin.ts";
import { ServicePlugin } from "./service-plugin.ts";
import { SocialPlugin } from "./social-plugin.ts";

/**
 * The capabilities of a hall instance, one plugin each, in the order their hooks run. A new
 * capability is a new plugin here; presence comes first because the others ask it where people are.
 */
export function hallPlugins() {
  return [new PresencePlugin(), new SocialPlugin(), new MediaPlugin(), new QualityPlugin(), new ConciergePlugin(), new ServicePlugin(), new BoardPlugin(), new AssistPlugin()] as const;
}
