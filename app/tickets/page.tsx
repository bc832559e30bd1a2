import type { Metadata } from "next";
import { TicketList } from "./ticket-list.tsx";

export const metadata: Metadata = {
  title: "Tickets — Atrium",
  description: "Every customer session as a ticket: search, filter and open its timeline.",
};

export default function TicketsPage() {
  return <TicketList />;
}
