"use client";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import { useConnection } from "./use-social.ts";

/** Tells the visitor when the link to the hall dropped, and that we are getting it back. */
export function ConnectionBanner({ client }: { client: HallClient }) {
  const connection = useConnection(client);
  if (connection === "connected") return null;
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      {connection === "reconnecting" ? "Connection lost · reconnecting… your place in the hall is kept." : (
        <>
          You have left the hall. <a href="">Enter again</a>
        </>
      )}
    </div>
  );
}
