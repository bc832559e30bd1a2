"use client";
import { useSyncExternalStore } from "react";
import type { HallClient } from "../_hall-client/hall-client.ts";
import type { RemoteVisitor } from "../_hall-client/presence-client.ts";

/** The other visitors in the hall; re-renders when someone arrives, leaves or toggles their mic. */
export function useRoster(client: HallClient): readonly RemoteVisitor[] {
  return useSyncExternalStore(
    (onChange) => client.presence.subscribe(onChange),
    () => client.presence.roster,
    () => client.presence.roster,
  );
}
