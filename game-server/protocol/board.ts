import { z } from "zod";

/**
 * Shared whiteboards. A board belongs to a whole hall (every instance of it sees the same one):
 * one per whiteboard surface of the hall's scene (`surface:<surfaceId>`), one private board per
 * service session (`session:<contactId>`), and the guidance marks over a customer's shared
 * screen in a session (`screen:<contactId>`, coordinates 0…1 of the shared picture).
 *
 * The board is a set of versioned elements in Excalidraw's model (the 2D editor is Excalidraw);
 * adding, changing and deleting are all one op: "put this element" (deleting sets `isDeleted`).
 * The server is authoritative: it keeps, per element, the put with the higher `version`, on a
 * tie the lower `versionNonce` (Excalidraw's own rule), stamps each accepted put with the board's
 * clock, stores it before anyone hears of it, and sends every page the winner — so two people
 * editing one element end with the same element on every page. A page that reconnects asks for
 * what changed since the last clock it saw.
 *
 * A stroke being drawn travels as `board:stroke` (its new points, not stored) so others see it
 * grow; the finished stroke is a put. Cursors (and the laser pointer) are `board:cursor`.
 */

export const BoardLimits = {
  /** Points in one line, arrow or freehand stroke. */
  pointsPerElement: 2000,
  /** Points in one `board:stroke` message. */
  pointsPerStroke: 500,
  /** Elements in one `board:ops` message. */
  elementsPerMessage: 100,
  /** Elements a board keeps (deleted ones included until it is cleared). */
  elementsPerBoard: 20_000,
  /** Longest text in one element. */
  textMax: 4000,
  /** Largest `board:ops` payload, as JSON characters. */
  payloadChars: 48 * 1024,
  /** Coordinates stay within ± this (board units, Excalidraw pixels). */
  coordinateMax: 1_000_000,
  /** A page this many changes behind gets the whole board instead. */
  catchUpMax: 5000,
} as const;

const BOARD_KINDS = ["surface", "session", "screen"] as const;
export const BoardKind = z.enum(BOARD_KINDS);
export type BoardKind = z.infer<typeof BoardKind>;

export const BoardId = z
  .string()
  .max(80)
  .regex(/^(surface|session|screen):[A-Za-z0-9_-]{1,64}$/, "not a board id (surface:…, session:… or screen:…)");
export type BoardId = z.infer<typeof BoardId>;

export function boardKind(boardId: string): BoardKind {
  return boardId.slice(0, boardId.indexOf(":")) as BoardKind;
}

/** The element kinds a board takes: drawing only (no images, embeds or frames that could load outside content). */
export const ElementType = z.enum(["rectangle", "ellipse", "diamond", "line", "arrow", "freedraw", "text"]);
export type ElementType = z.infer<typeof ElementType>;

const coordinate = z.number().finite().min(-BoardLimits.coordinateMax).max(BoardLimits.coordinateMax);
const color = z.string().max(32).regex(/^(#[0-9a-fA-F]{3,8}|transparent)$/, "not a colour");
const Point = z.tuple([coordinate, coordinate]);
/** Excalidraw's other fields (seed, roundness, bindings, group ids, fractional index…), kept as plain JSON. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
function plainJson(value: unknown, depth: number): boolean {
  if (value === null || typeof value === "boolean" || typeof value === "string") return typeof value !== "string" || value.length <= 200;
  if (typeof value === "number") return Number.isFinite(value);
  if (depth >= 3) return false;
  if (Array.isArray(value)) return value.length <= BoardLimits.pointsPerElement && value.every((v) => plainJson(v, depth + 1));
  if (typeof value === "object") {
    const entries = Object.entries(value as object);
    return entries.length <= 32 && entries.every(([k, v]) => !FORBIDDEN_KEYS.has(k) && k.length <= 40 && plainJson(v, depth + 1));
  }
  return false;
}

export const BoardElement = z
  .object({
    id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "element id has other characters than letters, digits, - and _"),
    type: ElementType,
    version: z.number().int().min(1).max(2 ** 31),
    versionNonce: z.number().int().min(-(2 ** 31)).max(2 ** 32),
    isDeleted: z.boolean(),
    x: coordinate,
    y: coordinate,
    width: z.number().finite().min(0).max(BoardLimits.coordinateMax),
    height: z.number().finite().min(0).max(BoardLimits.coordinateMax),
    angle: z.number().finite().min(-100).max(100),
    strokeColor: color,
    backgroundColor: color,
    strokeWidth: z.number().finite().min(0).max(100),
    opacity: z.number().finite().min(0).max(100),
    points: z.array(Point).max(BoardLimits.pointsPerElement, `more than ${BoardLimits.pointsPerElement} points`).optional(),
    text: z.string().max(BoardLimits.textMax, `text longer than ${BoardLimits.textMax} characters`).optional(),
    originalText: z.string().max(BoardLimits.textMax).optional(),
    fontSize: z.number().finite().min(1).max(1000).optional(),
    /** Only web links: no `javascript:` or `data:` behind a click. */
    link: z.string().max(2000).regex(/^https?:\/\//i, "links must be http(s)").nullable().optional(),
  })
  .catchall(z.unknown())
  .superRefine((element, ctx) => {
    for (const [key, value] of Object.entries(element)) {
      if (key in KNOWN_KEYS) continue;
      if (FORBIDDEN_KEYS.has(key) || key.length > 40 || !plainJson(value, 0)) {
        ctx.addIssue({ code: "custom", message: `field "${key.slice(0, 40)}" is not plain data a board keeps`, path: [key] });
      }
    }
  });
export type BoardElement = z.infer<typeof BoardElement>;
const KNOWN_KEYS: Record<string, true> = Object.fromEntries(
  ["id", "type", "version", "versionNonce", "isDeleted", "x", "y", "width", "height", "angle", "strokeColor", "backgroundColor", "strokeWidth", "opacity", "points", "text", "originalText", "fontSize", "link"].map((k) => [k, true]),
);

/**
 * Whether `incoming` replaces `current` for the same id: the higher version, and on a tie the
 * lower versionNonce (then the lower JSON, so even a duplicated nonce has one answer everywhere).
 */
export function elementWins(incoming: BoardElement, current: BoardElement | undefined): boolean {
  if (!current) return true;
  if (incoming.version !== current.version) return incoming.version > current.version;
  if (incoming.versionNonce !== current.versionNonce) return incoming.versionNonce < current.versionNonce;
  return false;
}

export const BoardCursorTool = z.enum(["pointer", "laser"]);
export type BoardCursorTool = z.infer<typeof BoardCursorTool>;

// ─── Client → server ──────────────────────────────────────────────────────────────────────────

/** Start receiving a board; `since`: the last clock this page saw of it (a reconnect). */
export const BoardOpen = z.object({ boardId: BoardId, since: z.number().int().min(0).optional() });
export const BoardClose = z.object({ boardId: BoardId });
export const BoardOps = z.object({
  boardId: BoardId,
  elements: z.array(BoardElement).min(1, "no elements").max(BoardLimits.elementsPerMessage, `more than ${BoardLimits.elementsPerMessage} elements in one message`),
});
/** A stroke being drawn: its points from index `from` on (relayed, not stored; the finished stroke is a put). */
export const BoardStroke = z.object({
  boardId: BoardId,
  id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  type: z.enum(["freedraw", "line", "arrow"]),
  x: coordinate,
  y: coordinate,
  strokeColor: color,
  strokeWidth: z.number().finite().min(0).max(100),
  opacity: z.number().finite().min(0).max(100),
  from: z.number().int().min(0).max(BoardLimits.pointsPerElement),
  points: z.array(Point).min(1).max(BoardLimits.pointsPerStroke, `more than ${BoardLimits.pointsPerStroke} points in one message`),
});
export const BoardCursor = z.object({ boardId: BoardId, x: coordinate, y: coordinate, tool: BoardCursorTool, down: z.boolean() });
export const BoardLock = z.object({ boardId: BoardId, locked: z.boolean() });
export const BoardClear = z.object({ boardId: BoardId });

// ─── Server → client ──────────────────────────────────────────────────────────────────────────

export const BoardServerMessage = {
  /** `BoardChanged`: accepted puts (the winners), to everyone who has the board open. */
  changed: "board:changed",
  /** `BoardStrokeView`: a stroke growing, to everyone else who has the board open. */
  stroke: "board:stroke",
  /** `BoardCursorView`, to everyone else who has the board open. */
  cursor: "board:cursor",
  /** `BoardMeta`: locked / unlocked, to everyone who has the board open. */
  meta: "board:meta",
  /** `{ boardId, sessionId }`: someone closed the board or left (their cursor goes). */
  left: "board:left",
} as const;

export interface BoardMeta {
  boardId: string;
  kind: BoardKind;
  title: string;
  /** Locked: only staff draw; everyone else views. */
  locked: boolean;
}

/** The reply to `board:open`. */
export interface BoardSnapshot extends BoardMeta {
  /** The board's clock: pass it as `since` when reopening after a reconnect. */
  clock: number;
  /** True: `elements` is the whole board (deleted ones left out); false: only what changed since `since`. */
  full: boolean;
  elements: BoardElement[];
  /** What this page may do. */
  canDraw: boolean;
  canModerate: boolean;
  /** Where the others who have the board open last had their pointer (so a newcomer sees who is here). */
  cursors?: BoardCursorView[];
}

export interface BoardChanged {
  boardId: string;
  clock: number;
  /** Who put them (a session id; "server" for a clear). */
  by: string;
  elements: BoardElement[];
}

export interface BoardStrokeView extends z.infer<typeof BoardStroke> {
  by: string;
}

export interface BoardCursorView extends z.infer<typeof BoardCursor> {
  sessionId: string;
  name: string;
  /** A colour for this person's cursor, the same on every page. */
  color: string;
}

/** The reply to `board:ops`: the board's clock after them, and the ids of puts that lost to a newer version (the winner comes as `board:changed`). */
export interface BoardOpsReply {
  clock: number;
  stale: string[];
}
