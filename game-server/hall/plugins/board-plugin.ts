import type { Client } from "@colyseus/core";
import type { BoardEvent, BoardService } from "../../boards/board-service.ts";
import { BoardFull } from "../../boards/board-state.ts";
import { boardKind, BoardServerMessage, type BoardCursorView, type BoardMeta, type BoardSnapshot } from "../../protocol/board.ts";
import { ErrorCode, type ErrorPayload } from "../../protocol/errors.ts";
import { HallPlugin } from "../hall-plugin.ts";
import { MessageRejected } from "../message-guard.ts";
import type { RateRule } from "../rate-limits.ts";
import type { ServicePlugin } from "./service-plugin.ts";

const OPS: RateRule = { name: "board-ops", max: 40, windowMs: 1000, message: "you are drawing faster than the board takes it; slow down a little" };
const STROKE: RateRule = { name: "board-stroke", max: 40, windowMs: 1000, over: "drop" };
const CURSOR: RateRule = { name: "board-cursor", max: 25, windowMs: 1000, over: "drop" };
const OPEN: RateRule = { name: "board-open", max: 20, windowMs: 10_000, message: "you are opening boards too often" };
const MODERATE: RateRule = { name: "board-moderate", max: 6, windowMs: 10_000, message: "too many lock or clear requests; wait a few seconds" };

const STAFF = new Set(["agent", "supervisor", "admin"]);
/** Cursor colours: one per person, the same on every page (from their session id). */
const CURSOR_COLORS = ["#e8590c", "#1971c2", "#2f9e44", "#9c36b5", "#c2255c", "#0c8599", "#f08c00", "#5f3dc4"];

const refuse = (type: string, message: string, code: ErrorCode = ErrorCode.notAllowed): never => {
  throw new MessageRejected({ code, message, type });
};

/**
 * Whiteboards in a hall instance: its visitors open the hall's boards (the scene's whiteboards;
 * a service session's own board and the marks over its shared screen, for its two people only),
 * put elements, show strokes being drawn and their cursors; staff lock and clear. The boards
 * themselves belong to the hall (`BoardService`, shared by every instance); this plugin checks who
 * may do what and passes the hall's board events to its own visitors who have the board open.
 */
export class BoardPlugin extends HallPlugin {
  readonly pluginName = "boards" as const;
  #boards?: BoardService;
  #unwatch?: () => void;
  /** Who has which board open here: board id → session ids. */
  readonly #viewers = new Map<string, Set<string>>();

  protected override messages = this.rules({
    "board:open": {
      limits: [OPEN],
      handle: async (client, { boardId, since }) => {
        const title = this.#check(client, boardId, "board:open");
        const board = await this.#service().board(boardId);
        let viewers = this.#viewers.get(boardId);
        if (!viewers) this.#viewers.set(boardId, (viewers = new Set()));
        viewers.add(client.sessionId);
        const changed = since === undefined ? null : board.since(since);
        const snapshot: BoardSnapshot = {
          boardId,
          kind: boardKind(boardId),
          title,
          locked: board.locked,
          clock: board.clock,
          full: changed === null,
          elements: changed ?? board.visible(),
          canDraw: this.#canDraw(client, board.locked),
          canModerate: this.#isStaff(client),
          cursors: this.#service().cursors(boardId).filter((c) => c.sessionId !== client.sessionId),
        };
        return snapshot;
      },
    },
    "board:close": {
      limits: [OPEN],
      handle: (client, { boardId }) => {
        this.#viewers.get(boardId)?.delete(client.sessionId);
        this.#service().relay({ type: "left", boardId, sessionId: client.sessionId });
      },
    },
    "board:ops": {
      limits: [OPS],
      handle: async (client, { boardId, elements }) => {
        await this.#drawable(client, boardId, "board:ops");
        const visitor = this.room.visitor(client.sessionId)!;
        const { clock, stale } = await this.#service().put(boardId, elements, visitor.visitorId, client.sessionId);
        return { clock, stale };
      },
    },
    "board:stroke": {
      limits: [STROKE],
      handle: async (client, stroke) => {
        await this.#drawable(client, stroke.boardId, "board:stroke");
        this.#service().relay({ type: "stroke", stroke: { ...stroke, by: client.sessionId } });
      },
    },
    "board:cursor": {
      limits: [CURSOR],
      handle: (client, cursor) => {
        if (!this.#viewers.get(cursor.boardId)?.has(client.sessionId)) refuse("board:cursor", "open the board first", ErrorCode.notFound);
        const visitor = this.room.visitor(client.sessionId)!;
        const view: BoardCursorView = { ...cursor, sessionId: client.sessionId, name: visitor.name, color: cursorColor(client.sessionId) };
        this.#service().relay({ type: "cursor", cursor: view });
      },
    },
    "board:lock": {
      limits: [MODERATE],
      handle: async (client, { boardId, locked }) => {
        this.#moderator(client, boardId, "board:lock");
        await this.#service().lock(boardId, locked);
        return { ok: true as const };
      },
    },
    "board:clear": {
      limits: [MODERATE],
      handle: async (client, { boardId }) => {
        this.#moderator(client, boardId, "board:clear");
        await this.#service().clear(boardId, this.room.visitor(client.sessionId)!.visitorId);
        return { ok: true as const };
      },
    },
  });

  protected override onCreate(): void {
    try {
      this.#boards = this.room.hall.service<BoardService>("boards");
    } catch {
      this.room.services.log.warn("this hall has no boards", { hallId: this.room.hallId });
      return;
    }
    this.#unwatch = this.#boards.watch((event) => this.#deliver(event));
  }

  protected override onLeave(client: Client): void {
    for (const [boardId, viewers] of this.#viewers) {
      if (!viewers.delete(client.sessionId)) continue;
      this.#boards?.relay({ type: "left", boardId, sessionId: client.sessionId });
    }
  }

  protected override onDispose(): void {
    this.#unwatch?.();
  }

  override refusal(error: unknown, type: string): ErrorPayload | undefined {
    if (error instanceof BoardFull) return { code: ErrorCode.notAllowed, message: error.message, type };
    return undefined;
  }

  /** The hall's boards (`board:*` is refused in a hall without them). */
  #service(): BoardService {
    if (!this.#boards) refuse("board", "this hall has no whiteboards", ErrorCode.notFound);
    return this.#boards!;
  }

  #isStaff(client: Client): boolean {
    return STAFF.has(this.room.visitor(client.sessionId)?.role ?? "");
  }

  #canDraw(client: Client, locked: boolean): boolean {
    return !locked || this.#isStaff(client);
  }

  /** Whether this visitor may see the board at all; its title if so. */
  #check(client: Client, boardId: string, type: string): string {
    const kind = boardKind(boardId);
    const id = boardId.slice(kind.length + 1);
    if (kind === "surface") {
      const surface = this.room.scene.whiteboards.find((w) => w.id === id);
      if (!surface) refuse(type, `this hall has no whiteboard "${id}"`, ErrorCode.notFound);
      return surface!.label ?? surface!.id;
    }
    // A session's board and marks: only its customer and the agent serving them, in this instance.
    const desk = (this.room.plugins.service as ServicePlugin | undefined)?.desk;
    const contact = desk?.contact(id);
    if (!contact || (contact.customer.sessionId !== client.sessionId && contact.agentSessionId !== client.sessionId)) {
      refuse(type, "this board belongs to a service session you are not part of");
    }
    return kind === "screen" ? `#${contact!.ticketNumber} screen` : `#${contact!.ticketNumber}`;
  }

  async #drawable(client: Client, boardId: string, type: string): Promise<void> {
    if (!this.#viewers.get(boardId)?.has(client.sessionId)) refuse(type, "open the board first", ErrorCode.notFound);
    // Session boards: still a participant (the session may have been handed to someone else since).
    if (boardKind(boardId) !== "surface") this.#check(client, boardId, type);
    const board = await this.#service().board(boardId);
    if (!this.#canDraw(client, board.locked)) refuse(type, "the board is locked: only the agent can draw on it now");
  }

  #moderator(client: Client, boardId: string, type: string): void {
    if (!this.#isStaff(client)) refuse(type, "only staff can lock or clear a board");
    if (!this.#viewers.get(boardId)?.has(client.sessionId)) refuse(type, "open the board first", ErrorCode.notFound);
    if (boardKind(boardId) !== "surface") this.#check(client, boardId, type);
  }

  /** A hall board event, to this instance's visitors who have the board open (never back to the one who drew a stroke or moved a cursor). */
  #deliver(event: BoardEvent): void {
    const send = (boardId: string, type: string, payload: unknown, except?: string) => {
      for (const sessionId of this.#viewers.get(boardId) ?? []) {
        if (sessionId !== except) this.room.clients.getById(sessionId)?.send(type, payload);
      }
    };
    switch (event.type) {
      case "changed":
        send(event.change.boardId, BoardServerMessage.changed, event.change);
        break;
      case "stroke":
        send(event.stroke.boardId, BoardServerMessage.stroke, event.stroke, event.stroke.by);
        break;
      case "cursor":
        send(event.cursor.boardId, BoardServerMessage.cursor, event.cursor, event.cursor.sessionId);
        break;
      case "left":
        send(event.boardId, BoardServerMessage.left, { boardId: event.boardId, sessionId: event.sessionId }, event.sessionId);
        break;
      case "locked":
        for (const sessionId of this.#viewers.get(event.boardId) ?? []) {
          const client = this.room.clients.getById(sessionId);
          if (!client) continue;
          const meta: BoardMeta & { canDraw: boolean } = { boardId: event.boardId, kind: boardKind(event.boardId), title: "", locked: event.locked, canDraw: this.#canDraw(client, event.locked) };
          client.send(BoardServerMessage.meta, meta);
        }
        break;
    }
  }
}

function cursorColor(sessionId: string): string {
  let h = 0;
  for (let i = 0; i < sessionId.length; i++) h = (h * 31 + sessionId.charCodeAt(i)) >>> 0;
  return CURSOR_COLORS[h % CURSOR_COLORS.length]!;
}
