import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { GuestTokens } from "../game-server/auth/guest-token.ts";
import type { StaffRole } from "../game-server/auth/roles.ts";
import type { ConciergeService } from "../game-server/concierge/concierge-service.ts";
import type { HallDirectory } from "../game-server/halls/hall-directory.ts";
import type { Logger } from "../game-server/logging/logger.ts";
import { Lang } from "../game-server/protocol/concierge.ts";
import type { ArticleLang, ArticleRecord, HallRecord, Storage } from "../game-server/storage/storage.ts";
import type { Scene } from "../scenes/scene-format.ts";
import { HttpError, readJson, sendJson } from "./http-json.ts";
import type { RoleGuard } from "./role-guard.ts";

/** Who may read a hall's knowledge base (to maintain it), and who may change it. */
export const KNOWLEDGE_READERS: readonly StaffRole[] = ["admin", "marketer", "supervisor"];
export const KNOWLEDGE_WRITERS: readonly StaffRole[] = ["admin"];

export const ARTICLE_TITLE_MAX = 120;
export const ARTICLE_BODY_MAX = 20_000;
export const ARTICLE_TAGS_MAX = 12;
export const ARTICLE_TAG_MAX = 32;
/** A full-length body in Chinese is ~60 KB of UTF-8; anything much larger is not an article. */
const ARTICLE_REQUEST_LIMIT = 128 * 1024;

/**
 * Article ids look like the demo ones (`kb-nova-phone-12`): the `kb-` prefix is what an LLM
 * answer cites (`[kb-…]`, llm-answerer.ts), so an id without it could never be shown as a source.
 */
export const ArticleId = z
  .string()
  .max(64, "an article id has at most 64 characters")
  .regex(/^kb-[a-z0-9]+(-[a-z0-9]+)*$/, "an article id looks like kb-some-name: lower-case letters, digits and dashes");

const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/u;

/** The body of `PUT /api/halls/:hallId/articles/:id/:lang`. */
export const ArticleEdit = z.object({
  title: z
    .string({ error: "an article needs a title" })
    .trim()
    .min(1, "an article needs a title")
    .max(ARTICLE_TITLE_MAX, `a title has at most ${ARTICLE_TITLE_MAX} characters`)
    .regex(/^[^\u0000-\u001f\u007f]*$/u, "a title is one line without control characters"),
  body: z
    .string({ error: "an article needs a body (Markdown)" })
    .refine((s) => s.trim().length > 0, "an article needs a body (Markdown)")
    .refine((s) => s.length <= ARTICLE_BODY_MAX, `a body has at most ${ARTICLE_BODY_MAX} characters`)
    .refine((s) => NO_CONTROL.test(s), "a body has control characters"),
  tags: z
    .array(
      z
        .string()
        .trim()
        .min(1, "a tag is not empty")
        .max(ARTICLE_TAG_MAX, `a tag has at most ${ARTICLE_TAG_MAX} characters`)
        .regex(/^[^\u0000-\u001f\u007f]*$/u, "a tag has control characters"),
    )
    .max(ARTICLE_TAGS_MAX, `an article has at most ${ARTICLE_TAGS_MAX} tags`)
    .optional(),
});
export type ArticleEdit = z.infer<typeof ArticleEdit>;

/** One article as staff see it: every language version, and the booths that answer from it. */
export interface ArticleEntry {
  id: string;
  versions: Partial<Record<ArticleLang, ArticleRecord>>;
  /** `scene.booths[].id` whose `kbArticleId` is this article: deleting it is refused while any do. */
  boothIds: string[];
}

export interface KnowledgeApiDeps {
  storage: Pick<Storage, "halls" | "knowledge">;
  roles: RoleGuard;
  /** To tell a customer's hall token (403) from no credential at all (401). */
  tokens: GuestTokens;
  findScene(id: string): Scene | undefined;
  /** The halls open in this process: an open one's concierge re-indexes after an edit. */
  halls?: Pick<HallDirectory, "get">;
  log: Logger;
}

const ROUTE = /^\/api\/halls\/([^/]+)\/articles(?:\/([^/]+)(?:\/([^/]+))?)?\/?$/;

/**
 * A hall's knowledge base for the staff who maintain it:
 * `GET /api/halls/:hallId/articles`, `GET …/articles/:id` (admin, marketer, supervisor),
 * `PUT …/articles/:id/:lang` and `DELETE …/articles/:id[/:lang]` (admin). Each write is durable
 * before it is answered, and the hall's concierge answers from it by then.
 * Returns false when the request is not one of these routes.
 */
export function createKnowledgeApi(deps: KnowledgeApiDeps) {
  /** Re-indexes run one after another per hall, so an older one can never finish last. */
  const reindexing = new Map<string, Promise<void>>();

  return async function handleKnowledgeApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const match = ROUTE.exec(url.pathname);
    if (!match) return false;
    const [hallSegment, idSegment, langSegment] = match.slice(1).map((s) => (s === undefined ? undefined : decodeSegment(s)));
    const method = req.method ?? "GET";
    const allowed = !idSegment ? ["GET"] : !langSegment ? ["GET", "DELETE"] : ["PUT", "DELETE"];
    if (!allowed.includes(method)) {
      res.setHeader("allow", allowed.join(", "));
      throw new HttpError(405, `${method} is not allowed here; use ${allowed.join(" or ")}`);
    }
    // Who asks comes first: someone without the role learns nothing, not even which halls exist.
    await requireStaff(req, method === "GET" ? KNOWLEDGE_READERS : KNOWLEDGE_WRITERS, hallSegment!);
    const hall = await hallOf(hallSegment!);
    const scene = deps.findScene(hall.sceneId);
    if (!scene) throw new HttpError(404, `hall "${hall.id}" has no scene`);
    const id = idSegment === undefined ? undefined : parse(ArticleId, idSegment);
    const lang = langSegment === undefined ? undefined : parse(Lang, langSegment, `language must be "en" or "zh-CN"`);

    if (method === "GET" && id === undefined) {
      const byId = new Map<string, ArticleRecord[]>();
      for (const record of await deps.storage.knowledge.list(hall.id)) byId.set(record.id, [...(byId.get(record.id) ?? []), record]);
      sendJson(res, 200, { hallId: hall.id, articles: [...byId].map(([articleId, records]) => entry(articleId, records, scene)) });
      return true;
    }
    if (method === "GET") {
      const records = (await Promise.all(Lang.options.map((l) => deps.storage.knowledge.get(hall.id, id!, l)))).filter((r) => r !== undefined);
      if (records.length === 0) throw new HttpError(404, `hall "${hall.id}" has no article "${id}"`);
      sendJson(res, 200, entry(id!, records, scene));
      return true;
    }
    if (method === "PUT") {
      // Read the body only from an admin of a real hall, with a valid id and language.
      const edit = parse(ArticleEdit, await readJson(req, ARTICLE_REQUEST_LIMIT));
      const stored = await deps.storage.knowledge.put({ hallId: hall.id, id: id!, lang: lang!, title: edit.title, body: edit.body, tags: edit.tags ?? [] });
      await reindex(hall.id);
      deps.log.info("knowledge article saved", { hallId: hall.id, articleId: id, lang });
      sendJson(res, 200, stored);
      return true;
    }
    // DELETE
    const booths = scene.booths.filter((b) => b.kbArticleId === id).map((b) => b.id);
    if (booths.length > 0) {
      throw new HttpError(
        409,
        `article "${id}" is what booth ${booths.map((b) => `"${b}"`).join(", ")} answers from; deleting it would leave the booth without answers. Edit it instead.`,
      );
    }
    const removed = await deps.storage.knowledge.remove(hall.id, id!, lang);
    if (removed === 0) throw new HttpError(404, `hall "${hall.id}" has no article "${id}"${lang ? ` in ${lang}` : ""}`);
    await reindex(hall.id);
    deps.log.info("knowledge article deleted", { hallId: hall.id, articleId: id, lang: lang ?? "all", removed });
    res.writeHead(204, { "cache-control": "no-store" }).end();
    return true;
  };

  /** 401 without a staff sign-in (403 for a customer's hall token), 403 for another role or another hall's staff. */
  async function requireStaff(req: IncomingMessage, roles: readonly StaffRole[], hallId: string): Promise<void> {
    const staff = await deps.roles.signedIn(req);
    if (!staff) {
      if (await isCustomer(req)) throw new HttpError(403, "customers cannot use the knowledge base's admin routes");
      throw new HttpError(401, "sign in as staff first");
    }
    await deps.roles.requireRole(req, roles);
    // Admins look after every hall; other staff only the halls their account names.
    if (staff.role !== "admin" && !staff.hallIds.includes(hallId)) throw new HttpError(403, `you are not staff of hall "${hallId}"`);
  }

  async function isCustomer(req: IncomingMessage): Promise<boolean> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (!bearer) return false;
    const claims = await deps.tokens.verify(bearer).catch(() => undefined);
    return claims !== undefined;
  }

  async function hallOf(hallId: string): Promise<HallRecord> {
    const hall = /^[a-z0-9-]{1,40}$/.test(hallId) ? await deps.storage.halls.get(hallId) : undefined;
    if (!hall) throw new HttpError(404, `no hall "${hallId}"`);
    return hall;
  }

  /**
   * An open hall's concierge answers from storage again before the edit is acknowledged; a
   * hall with no open instance reads storage when it next opens. (One process only: with
   * several behind Redis presence, the others keep their index until their hall reopens.)
   */
  async function reindex(hallId: string): Promise<void> {
    const run = (reindexing.get(hallId) ?? Promise.resolve()).then(async () => {
      const place = deps.halls?.get(hallId);
      if (!place) return;
      try {
        await place.service<ConciergeService>("concierge").reindex();
      } catch (error) {
        // The edit is stored; the hall picks it up when it reopens. Operators should know why it did not now.
        deps.log.error("concierge re-index after a knowledge edit failed", { hallId, error });
      }
    });
    reindexing.set(hallId, run);
    await run;
    if (reindexing.get(hallId) === run) reindexing.delete(hallId);
  }
}

function entry(id: string, records: readonly ArticleRecord[], scene: Scene): ArticleEntry {
  return {
    id,
    versions: Object.fromEntries(records.map((r) => [r.lang, r])),
    boothIds: scene.booths.filter((b) => b.kbArticleId === id).map((b) => b.id),
  };
}

function parse<T>(schema: z.ZodType<T>, value: unknown, message?: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, message ?? (issue ? `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}` : "invalid request"));
  }
  return parsed.data;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, "the path is not valid percent-encoding");
  }
}
