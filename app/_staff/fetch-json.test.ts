import { describe, expect, it } from "vitest";
import { ApiError, fetchJson } from "./fetch-json.ts";

const answer = (status: number, body: string, statusText = "") => async () => new Response(body, { status, statusText, headers: { "content-type": "application/json" } });

describe("fetchJson", () => {
  it("returns the body of a success", async () => {
    await expect(fetchJson<{ tickets: number[] }>("/api/tickets", {}, answer(200, '{"tickets":[1,2]}'))).resolves.toEqual({ tickets: [1, 2] });
  });

  it("turns the server's { error } into the error's message, keeping the status", async () => {
    const failed = fetchJson("/api/tickets?q=the", {}, answer(400, '{"error":"q: search for a word that means something (not only stop words)"}'));
    await expect(failed).rejects.toThrow("q: search for a word that means something (not only stop words)");
    await expect(failed).rejects.toMatchObject({ status: 400 });
    await expect(failed).rejects.toBeInstanceOf(ApiError);
  });

  it("falls back to the status line when the body says nothing", async () => {
    await expect(fetchJson("/api/tickets/9", {}, answer(502, "<html>Bad gateway</html>", "Bad Gateway"))).rejects.toThrow("502 Bad Gateway");
  });

  it("sends a body as JSON", async () => {
    let seen: RequestInit | undefined;
    await fetchJson("/api/tickets/1/notes", { method: "POST", body: JSON.stringify({ text: "hi" }) }, async (_url, init) => {
      seen = init;
      return new Response("{}", { status: 201 });
    });
    expect(new Headers(seen?.headers).get("content-type")).toBe("application/json");
    expect(seen?.method).toBe("POST");
  });
});
