"use client";
import { useCallback, useEffect, useState } from "react";
import type { FloorView } from "../../game-server/protocol/service.ts";

export type FloorConnection = "connecting" | "live" | "reconnecting" | "closed";

export interface FloorFeed {
  view?: FloorView;
  /** The page's clock when `view` arrived. */
  receivedAt: number;
  connection: FloorConnection;
  /** Open the stream again after the browser gave up on it. */
  reconnect: () => void;
}

/**
 * The floor, live from `/api/supervisor/events` (event `floor`). The browser's EventSource
 * retries by itself after a dropped connection ("reconnecting"); it gives up only when the
 * server answers with an error (signed out, no longer a supervisor): "closed", with a way to try again.
 */
export function useFloor(enabled: boolean): FloorFeed {
  const [feed, setFeed] = useState<{ view?: FloorView; receivedAt: number; connection: FloorConnection }>({ receivedAt: 0, connection: "connecting" });
  const [attempt, setAttempt] = useState(0);
  const reconnect = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource("/api/supervisor/events");
    setFeed((f) => ({ ...f, connection: "connecting" }));
    source.addEventListener("open", () => setFeed((f) => ({ ...f, connection: "live" })));
    source.addEventListener("floor", (event) => {
      try {
        const view = JSON.parse((event as MessageEvent<string>).data) as FloorView;
        setFeed({ view, receivedAt: Date.now(), connection: "live" });
      } catch (error) {
        console.error("floor event could not be read", error);
      }
    });
    source.addEventListener("error", () => setFeed((f) => ({ ...f, connection: source.readyState === EventSource.CLOSED ? "closed" : "reconnecting" })));
    return () => source.close();
  }, [enabled, attempt]);

  return { ...feed, reconnect };
}
