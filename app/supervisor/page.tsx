import type { Metadata } from "next";
import { SupervisorView } from "./supervisor-view.tsx";

export const metadata: Metadata = {
  title: "Supervisor — Atrium",
  description: "The service floor live: queues, waiting customers, agents and today's service level.",
};

export default function SupervisorPage() {
  return <SupervisorView />;
}
