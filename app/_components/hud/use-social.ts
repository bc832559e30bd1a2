"use client";
import { useSyncExternalStore } from "react";
import type { ChatLine } from "../../../game-server/protocol/index.ts";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import type { ConnectionState } from "../../_hall-client/presence-client.ts";

/** The chat lines we have seen; re-renders on each new line. */
export function useChatLines(client: HallClient): readonly ChatLine[] {
  return useSyncExternalStore(
    (onChange) => client.social.subscribe(onChange),
    () => client.social.lines,
    () => client.social.lines,
  );
}

/** Whether our link to the hall is up, dropped and retrying, or lost for good. */
export function useConnection(client: HallClient): ConnectionState {
  return useSyncExternalStore(
    (onChange) => client.presence.subscribe(onChange),
    () => client.presence.connection,
    () => client.presence.connection,
  );
}
