import type { Metadata } from "next";
import { TicketPage } from "../ticket-page.tsx";

export async function generateMetadata({ params }: { params: Promise<{ ref: string }> }): Promise<Metadata> {
  const { ref } = await params;
  const shown = /^\d+$/.test(ref) ? `#${ref}` : "Ticket";
  return { title: `${shown} — Tickets — Atrium` };
}

export default async function TicketRefPage({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  return <TicketPage ticketRef={decoded(ref)} />;
}

/** The segment as typed ("#1001" arrives as "%231001"); a malformed escape is passed on as it is, for the API to answer 404. */
function decoded(ref: string): string {
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
}
