/**
 * Where to go after signing in: the `?next=` path when it stays on this site, else the home page.
 * Only a plain absolute path is accepted — never `//host`, `/\host` (browsers read both as
 * another origin), a scheme, or anything with control characters — so a crafted link cannot
 * send a freshly signed-in staff member to someone else's page.
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || raw.length > 512) return "/";
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\") || /[\u0000-\u001f\u007f\\]/.test(raw)) return "/";
  try {
    const url = new URL(raw, "https://atrium.invalid");
    return url.origin === "https://atrium.invalid" ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
