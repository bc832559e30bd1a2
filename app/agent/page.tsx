"use client";
import { StaffPage } from "../_staff/staff-page.tsx";
import { AgentConsole } from "./agent-console.tsx";

/** `/agent`: the agent console (agents, and supervisors who take customers themselves). */
export default function AgentPage() {
  return <StaffPage roles={["agent", "supervisor"]}>{(user, lang) => <AgentConsole user={user} lang={lang} />}</StaffPage>;
}
