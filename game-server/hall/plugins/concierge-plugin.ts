import { ErrorCode } from "../../protocol/errors.ts";
import { HallPlugin } from "../hall-plugin.ts";
import { MessageRejected } from "../message-guard.ts";

/** Placeholder until the concierge lands: it owns the concierge's messages and refuses them. */
export class ConciergePlugin extends HallPlugin {
  readonly pluginName = "concierge" as const;

  protected override messages = this.rules({
    "concierge:ask": { handle: () => unavailable("concierge:ask") },
    "concierge:walk": { handle: () => unavailable("concierge:walk") },
    "concierge:article": { handle: () => unavailable("concierge:article") },
  });
}

function unavailable(type: string): never {
  throw new MessageRejected({ code: ErrorCode.notFound, message: "the concierge is not here yet", type });
}
