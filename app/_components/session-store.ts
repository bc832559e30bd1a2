"use client";

/** The visitor's identity on this browser: remembered so a return visit skips the form. */
export interface StoredSession {
  name: string;
  token: string;
}

const KEY = "atrium.session";

export function loadSession(): StoredSession | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<StoredSession>) : undefined;
    return parsed?.name && parsed.token ? { name: parsed.name, token: parsed.token } : undefined;
  } catch {
    return undefined;
  }
}

export async function createSession(name: string): Promise<StoredSession> {
  const response = await fetch("/api/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) });
  const body = (await response.json().catch(() => ({}))) as { token?: string; error?: string; visitor?: { name: string } };
  if (!response.ok || !body.token || !body.visitor) throw new Error(body.error ?? `could not start a session (${response.status})`);
  const session = { name: body.visitor.name, token: body.token };
  localStorage.setItem(KEY, JSON.stringify(session));
  return session;
}
