import type { IncomingMessage, ServerResponse } from "node:http";
import { readRuleFile, RuleFileError, RuleVersionConflict, saveRuleFile } from "../game-server/assist/hall-rules.ts";
import type { StaffRole } from "../game-server/auth/roles.ts";
import type { Storage } from "../game-server/storage/storage.ts";
import { HttpError, sendJson } from "./http-json.ts";
import type { RoleGuard } from "./role-guard.ts";

/** Supervisors set the rules their agents are nudged by; admins too. */
const RULE_ROLES: readonly StaffRole[] = ["supervisor", "admin"];
const MAX_RULE_FILE = 256 * 1024;

const ROUTE = /^\/api\/halls\/([a-z0-9-]{1,40})\/assist-rules$/;

/**
 * A hall's live-assist quality rules as data: `GET /api/halls/:hallId/assist-rules` (the JSON text
 * in force and its version), `PUT …` (a whole rule file as JSON text: refused with the line and
 * column at fault, or when its version is not the next one; sessions already running keep the
 * version they started with). Supervisors of that hall (or of every hall) and admins.
 */
export function createAssistRulesApi(deps: { storage: Pick<Storage, "settings" | "halls">; roles: RoleGuard }) {
  return async function handleAssistRulesApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const match = ROUTE.exec(url.pathname);
    if (!match) return false;
    const staff = await deps.roles.requireRole(req, RULE_ROLES);
    const hallId = match[1]!;
    // Another hall's rules are answered like a missing hall: not theirs to know or change.
    if (!(await deps.storage.halls.get(hallId)) || (staff.hallIds.length > 0 && !staff.hallIds.includes(hallId))) throw new HttpError(404, `no hall "${hallId}"`);
    if (req.method === "GET") {
      sendJson(res, 200, await readRuleFile(deps.storage.settings, hallId));
      return true;
    }
    if (req.method !== "PUT") throw new HttpError(405, `no route ${req.method} ${url.pathname}`);
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_RULE_FILE) throw new HttpError(413, `a rule file is at most ${MAX_RULE_FILE / 1024} KB`);
    const text = await readText(req);
    try {
      const rules = await saveRuleFile(deps.storage.settings, hallId, text);
      sendJson(res, 200, { version: rules.version, rules: rules.rules.length });
    } catch (error) {
      if (error instanceof RuleFileError) throw new HttpError(400, error.message);
      if (error instanceof RuleVersionConflict) throw new HttpError(409, error.message);
      throw error;
    }
    return true;
  };
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_RULE_FILE) throw new HttpError(413, `a rule file is at most ${MAX_RULE_FILE / 1024} KB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
