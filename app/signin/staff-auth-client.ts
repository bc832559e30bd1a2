"use client";

/** The signed-in staff member, as `/api/auth/me` and `/api/auth/signin` describe them. */
export interface StaffUser {
  id: string;
  name: string;
  role: "agent" | "supervisor" | "marketer" | "admin";
  /** [] = every hall. */
  hallIds: string[];
  skills: string[];
  languages: string[];
}

export type SignInResult =
  | { ok: true; user: StaffUser }
  | { ok: false; reason: "wrong" | "locked" | "disabled" | "invalid" | "failed"; retryAfterSeconds?: number };

/** The hall token in localStorage says who the visitor was; after signing in or out it is stale. */
const HALL_SESSION_KEY = "atrium.session";

export async function currentStaff(): Promise<StaffUser | undefined> {
  const response = await fetch("/api/auth/me", { cache: "no-store" });
  if (!response.ok) return undefined;
  return ((await response.json()) as { user: StaffUser }).user;
}

export async function signIn(email: string, password: string): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetch("/api/auth/signin", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  } catch {
    return { ok: false, reason: "failed" };
  }
  const body = (await response.json().catch(() => ({}))) as { user?: StaffUser; retryAfterSeconds?: number };
  if (response.ok && body.user) {
    // The next hall visit asks for a token with the staff role instead of reusing a customer's.
    localStorage.removeItem(HALL_SESSION_KEY);
    return { ok: true, user: body.user };
  }
  const reason = ({ 401: "wrong", 423: "locked", 403: "disabled", 400: "invalid" } as const)[response.status as 401 | 423 | 403 | 400] ?? "failed";
  return { ok: false, reason, retryAfterSeconds: body.retryAfterSeconds };
}

export async function signOut(): Promise<boolean> {
  try {
    const response = await fetch("/api/auth/signout", { method: "POST" });
    if (!response.ok) return false;
    localStorage.removeItem(HALL_SESSION_KEY);
    return true;
  } catch {
    return false;
  }
}

/** Hall names by id, for showing where someone works; empty when the list cannot be had. */
export async function hallNames(): Promise<Record<string, string>> {
  try {
    const { halls } = (await (await fetch("/api/halls")).json()) as { halls: { id: string; name: string }[] };
    return Object.fromEntries(halls.map((h) => [h.id, h.name]));
  } catch {
    return {};
  }
}
