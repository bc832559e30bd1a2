"use client";
import type { Lang } from "../../_i18n/lang.ts";
import { ROLE_WORDS } from "./hud-words.ts";

/** A small pill naming the person's role; customers, the usual case, carry none. */
export function RoleBadge({ role, lang }: { role: string; lang: Lang }) {
  const label = roleLabel(role, lang);
  return label ? <span className={`role-badge role-${role}`}>{label}</span> : null;
}

/** The role in words, undefined for customers. English unless told: the 3D name tags do not follow the HUD's language yet. */
export function roleLabel(role: string, lang: Lang = "en"): string | undefined {
  return role === "agent" || role === "concierge" ? ROLE_WORDS[lang][role] : undefined;
}
