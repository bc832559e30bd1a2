import type { Lang } from "../_i18n/lang.ts";
import type { StaffUser } from "../signin/staff-auth-client.ts";
import { staffText } from "./staff-text.ts";

export type StaffRole = StaffUser["role"];

/** What a staff page does with whoever opened it: send them to sign in, show the page, or say it is not for them. */
export function gateFor(user: StaffUser | undefined, roles: readonly StaffRole[]): "sign-in" | "allowed" | "forbidden" {
  if (!user) return "sign-in";
  return roles.includes(user.role) ? "allowed" : "forbidden";
}

/** The sign-in page, told to come back here (path and query, so a filtered view survives signing in). */
export function signInHref(pathname: string, search: string): string {
  return `/signin?next=${encodeURIComponent(`${pathname}${search}`)}`;
}

export interface NavLink {
  href: "/agent" | "/supervisor" | "/tickets" | "/studio";
  word: "agentConsole" | "supervisor" | "tickets" | "studio";
}

/** The staff pages a role can open (the same roles the server's routes admit), in the bar's order. */
export function navFor(role: StaffRole): NavLink[] {
  const links: NavLink[] = [];
  if (role === "agent" || role === "supervisor") links.push({ href: "/agent", word: "agentConsole" });
  if (role === "supervisor" || role === "admin") links.push({ href: "/supervisor", word: "supervisor" });
  if (role !== "marketer") links.push({ href: "/tickets", word: "tickets" });
  if (role === "marketer" || role === "admin") links.push({ href: "/studio", word: "studio" });
  return links;
}

/** Whether a nav link is the page we are on (`/tickets/1001` is under Tickets). */
export function isCurrent(href: string, pathname: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

const PLURAL = { agent: "agents", supervisor: "supervisors", admin: "admins", marketer: "marketers" } as const;

/** "supervisors and administrators" / "主管和管理员": who a page is for, in words. */
export function rolesInWords(roles: readonly StaffRole[], lang: Lang): string {
  const words = roles.map((r) => staffText[lang][PLURAL[r]]);
  return new Intl.ListFormat(lang, { type: "conjunction" }).format(words);
}
