"use client";

const LABELS: Record<string, string> = { agent: "Agent", concierge: "AI concierge" };

/** A small pill naming the person's role; customers, the usual case, carry none. */
export function RoleBadge({ role }: { role: string }) {
  const label = LABELS[role];
  return label ? <span className={`role-badge role-${role}`}>{label}</span> : null;
}

export function roleLabel(role: string): string | undefined {
  return LABELS[role];
}
