import { Client, type Room } from "@colyseus/sdk";
import type { HallState } from "../game-server/protocol/hall-state.ts";
import type { ServiceChatLine } from "../game-server/protocol/service.ts";
import { STAFF_COOKIE } from "../server/role-guard.ts";
import { DEMO_STAFF_PASSWORD } from "../server/seed.ts";
import { until } from "./hall-visit.ts";

/** A demo staff member signed in: the cookie header their requests carry, and their account id. */
export async function signInStaff(url: string, email: string): Promise<{ headers: Record<string, string>; id: string }> {
  const response = await fetch(`${url}/api/auth/signin`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: DEMO_STAFF_PASSWORD }) });
  if (response.status !== 200) throw new Error(`sign-in of ${email} answered ${response.status}`);
  const cookie = /atrium_staff=([^;]*)/.exec(response.headers.get("set-cookie") ?? "")![1]!;
  return { headers: { cookie: `${STAFF_COOKIE}=${cookie}` }, id: ((await response.json()) as { user: { id: string } }).user.id };
}

export type StaffVisit = Room<unknown, HallState> & { lines: ServiceChatLine[]; ended(): boolean };

/** A staff member's hall connection to the very instance (`roomId`) their customer is in, as the agent console opens it. */
export async function staffHallVisit(url: string, headers: Record<string, string>, roomId: string, hallId = "demo"): Promise<StaffVisit> {
  const response = await fetch(`${url}/api/session`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ name: "staff" }) });
  const { token } = (await response.json()) as { token: string };
  const room = await new Client(url).joinById<HallState>(roomId, { hallId, token });
  await until(() => room.state?.visitors?.get(room.sessionId) !== undefined);
  const lines: ServiceChatLine[] = [];
  let ended = false;
  room.onMessage("service:chat", (l: ServiceChatLine) => lines.push(l));
  room.onMessage("service:ended", () => (ended = true));
  return Object.assign(room, { lines, ended: () => ended });
}
