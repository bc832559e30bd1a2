/** An API answer that was not a success: the server's own words (`{ error }`), and its status for the page to act on (401 → sign in). */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * JSON from our API, or an `ApiError` whose message is what the server said (`{ error: string }`),
 * else the HTTP status line; a network failure stays the browser's `TypeError`. No cache: staff
 * pages show what is true now. `fetchImpl` is for tests.
 */
export async function fetchJson<T>(url: string, init: RequestInit = {}, fetchImpl: Fetch = fetch): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  const response = await fetchImpl(url, { cache: "no-store", ...init, headers });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const said = typeof body === "object" && body !== null && typeof (body as { error?: unknown }).error === "string" ? (body as { error: string }).error : "";
    throw new ApiError(response.status, said || `${response.status} ${response.statusText}`.trim());
  }
  return body as T;
}
