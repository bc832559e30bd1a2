"use client";
import { useSyncExternalStore } from "react";
import type { HallClient } from "../_hall-client/hall-client.ts";

/** True while the page re-establishes its media after the server lost it. */
export function useMediaReconnecting(client: HallClient): boolean {
  return useSyncExternalStore(
    (onChange) => client.media.onReconnecting(onChange),
    () => client.media.reconnecting,
    () => false,
  );
}
