import { BoardElement, BoardLimits, ElementType, elementWins, type BoardCursorTool } from "../../game-server/protocol/index.ts";
import type { BoardCursorState, BoardHandle, BoardStrokePreview } from "../_hall-client/board-client.ts";

/**
 * The pure half of binding Excalidraw to a board (`board-binding.ts` is the other half): what
 * goes out (an Excalidraw element made fit for the protocol, only what changed, the new points
 * of a stroke being drawn) and what comes in (the server's elements merged into the scene by
 * version without touching what the local user is editing, others' strokes as temporary
 * freehand lines, others' pointers as Excalidraw collaborators). Nothing here needs a DOM.
 */

/** The fields sync reads of an Excalidraw element (the editor's elements have many more). */
export interface Versioned {
  readonly id: string;
  readonly type: string;
  readonly version: number;
  readonly versionNonce: number;
  readonly isDeleted: boolean;
  readonly index?: string | null;
}

/** A stroke message as `BoardHandle.stroke` takes it. */
export type StrokeMessage = Parameters<BoardHandle["stroke"]>[0];

/** Element kinds the board keeps (drawing only); images, embeds and frames never leave the page. */
export const DRAWABLE_TYPES: ReadonlySet<string> = new Set<string>(ElementType.options);
/** Kinds sent point by point while they are drawn. */
export const STROKE_TYPES: ReadonlySet<string> = new Set(["freedraw", "line", "arrow"]);
/** Excalidraw tools that would make elements a board refuses. */
export const REFUSED_TOOLS: ReadonlySet<string> = new Set(["image", "embeddable", "frame", "magicframe"]);

const COLOR = /^(#[0-9a-fA-F]{3,8}|transparent)$/;
const WEB_LINK = /^https?:\/\//i;
const REQUIRED = new Set(["id", "type", "version", "versionNonce", "isDeleted", "x", "y", "width", "height", "angle", "strokeColor", "backgroundColor", "strokeWidth", "opacity"]);
/** What a put message may hold besides the element (board id, the envelope). */
const ENVELOPE_CHARS = 1000;

const round2 = (v: number) => Math.round(v * 100) / 100;

export type Sanitized =
  | { ok: true; element: BoardElement; /** Something a person could see was changed (a colour, a link, fewer points): the page should show this copy too. */ rewritten: boolean }
  | { ok: false; reason: "type" | "text" | "invalid"; message: string };

/**
 * An Excalidraw element as a board takes it: a plain copy with coordinates rounded to 0.01,
 * at most `pointsPerElement` points (evenly thinned, ends kept) and a size that fits one message,
 * colours as hex, links only http(s), and any extra field the protocol would refuse dropped.
 * `resolveColor` turns a CSS colour name into hex (the page passes a canvas-based one).
 */
export function toBoardElement(element: object, resolveColor?: (color: string) => string | undefined): Sanitized {
  const source = element as Record<string, unknown>;
  if (typeof source.type !== "string" || !DRAWABLE_TYPES.has(source.type)) {
    return { ok: false, reason: "type", message: `a board does not take ${String(source.type)} elements` };
  }
  const copy = JSON.parse(JSON.stringify(element)) as Record<string, unknown>;
  let rewritten = false;

  for (const key of ["text", "originalText"]) {
    if (typeof copy[key] === "string" && (copy[key] as string).length > BoardLimits.textMax) {
      return { ok: false, reason: "text", message: `text longer than ${BoardLimits.textMax} characters` };
    }
  }
  for (const key of ["strokeColor", "backgroundColor"] as const) {
    const value = copy[key];
    if (typeof value === "string" && COLOR.test(value)) continue;
    const hex = typeof value === "string" ? resolveColor?.(value) : undefined;
    copy[key] = hex && COLOR.test(hex) ? hex : key === "strokeColor" ? "#1e1e1e" : "transparent";
    rewritten = true;
  }
  if (copy.link !== undefined && copy.link !== null && !(typeof copy.link === "string" && WEB_LINK.test(copy.link))) {
    copy.link = null;
    rewritten = true;
  }
  for (const key of ["x", "y", "width", "height"]) if (typeof copy[key] === "number") copy[key] = round2(copy[key] as number);

  if (Array.isArray(copy.points)) {
    let points = (copy.points as [number, number][]).map(([x, y]) => [round2(x), round2(y)] as [number, number]);
    let pressures = Array.isArray(copy.pressures) ? (copy.pressures as number[]).map(round2) : undefined;
    const fit = (max: number) => {
      const keep = evenIndices(points.length, max);
      if (pressures && pressures.length === points.length) pressures = keep.map((i) => pressures![i]!);
      else if (pressures && pressures.length > max) pressures = evenIndices(pressures.length, max).map((i) => pressures![i]!);
      points = keep.map((i) => points[i]!);
      rewritten = true;
    };
    if (points.length > BoardLimits.pointsPerElement) fit(BoardLimits.pointsPerElement);
    copy.points = points;
    if (pressures) copy.pressures = pressures;
    // One element must fit one message: thin a long freehand line until it does.
    while (JSON.stringify(copy).length > BoardLimits.payloadChars - ENVELOPE_CHARS && points.length > 8) {
      fit(Math.floor(points.length * 0.75));
      copy.points = points;
      if (pressures) copy.pressures = pressures;
    }
  }

  let parsed = BoardElement.safeParse(copy);
  if (!parsed.success) {
    // Drop the extra fields the board does not keep (e.g. an elbow arrow's fixed segments), then try once more.
    const extra = new Set(parsed.error.issues.map((i) => i.path[0]).filter((k): k is string => typeof k === "string" && !REQUIRED.has(k)));
    if (extra.size === 0) return { ok: false, reason: "invalid", message: parsed.error.issues[0]?.message ?? "not a board element" };
    for (const key of extra) delete copy[key];
    rewritten = true;
    parsed = BoardElement.safeParse(copy);
    if (!parsed.success) return { ok: false, reason: "invalid", message: parsed.error.issues[0]?.message ?? "not a board element" };
  }
  return { ok: true, element: copy as BoardElement, rewritten };
}

/** `count` indices spread evenly over `0…length-1`, the first and last included. */
export function evenIndices(length: number, count: number): number[] {
  if (length <= count) return Array.from({ length }, (_, i) => i);
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(Math.round((i * (length - 1)) / (count - 1)));
  return out;
}

/** A server element as the editor may hold it: a copy (Excalidraw mutates its elements in place; the board's own stay as the server said). */
export function toSceneElement<E>(element: BoardElement): E {
  const copy: Record<string, unknown> = { ...element };
  if (element.points) copy.points = element.points.map(([x, y]) => [x, y]);
  for (const key of ["groupIds", "boundElements", "pressures"]) if (Array.isArray(copy[key])) copy[key] = [...(copy[key] as unknown[])];
  return copy as E;
}

/**
 * What this page last sent or received of each element, by (version, versionNonce): an element
 * of the scene is a local change to put when it is new here or its version rose since.
 */
export class SyncLedger {
  readonly #known = new Map<string, { version: number; versionNonce: number }>();

  note(element: { id: string; version: number; versionNonce: number }): void {
    this.#known.set(element.id, { version: element.version, versionNonce: element.versionNonce });
  }

  knows(id: string): boolean {
    return this.#known.has(id);
  }

  forget(id: string): void {
    this.#known.delete(id);
  }

  /**
   * The scene's elements that changed here since they were last sent or received (`skip`: ids not
   * to send now — previews of others' strokes, what is still being drawn). An element made and
   * deleted here before anyone saw it is noted and not sent.
   */
  changed<E extends Versioned>(elements: readonly E[], skip: ReadonlySet<string>): E[] {
    const out: E[] = [];
    for (const e of elements) {
      if (skip.has(e.id)) continue;
      const known = this.#known.get(e.id);
      if (!known && e.isDeleted) {
        this.note(e);
        continue;
      }
      if (!known || e.version > known.version || (e.version === known.version && e.versionNonce !== known.versionNonce)) out.push(e);
    }
    return out;
  }
}

export interface MergeInput<E extends Versioned> {
  /** The scene now, deleted elements included. */
  local: readonly E[];
  /** The board as the page's handle has it (deleted included). */
  remote: ReadonlyMap<string, BoardElement>;
  /** Others' strokes in progress. */
  strokes: ReadonlyMap<string, BoardStrokePreview>;
  /** Ids the local user is editing right now: never replaced under them. */
  editing: ReadonlySet<string>;
  /** Ids in the scene that are previews of others' strokes. */
  previews: ReadonlySet<string>;
  /** Whether the element was once on the board as this page knew it (so its absence from `remote` means the server no longer has it). */
  known: (id: string) => boolean;
  /** Remote versions to leave out (this page's own puts that the server refused). */
  ignore?: (element: BoardElement) => boolean;
  toScene: (element: BoardElement) => E;
  toPreview: (stroke: BoardStrokePreview) => E;
}

export interface MergeResult<E> {
  /** The next scene, in z-order (fractional index, then id: Excalidraw's own order). */
  elements: E[];
  /** Whether it differs from `local` (else leave the scene alone). */
  changed: boolean;
  /** Server elements the scene now holds as the server has them (to note as received). */
  applied: BoardElement[];
  /** Ids that are previews in the next scene. */
  previews: Set<string>;
}

/**
 * The board's elements merged into the scene: the server's element replaces the local one when it
 * wins (higher version, then lower versionNonce — the server's rule, so every page ends alike),
 * except while the local user is editing it; a local element the server has not heard of stays (it
 * is on its way); previews of others' strokes come and go with the strokes and give way to the
 * finished element.
 */
export function mergeRemote<E extends Versioned>(input: MergeInput<E>): MergeResult<E> {
  const { local, remote, strokes, editing, previews, known, ignore, toScene, toPreview } = input;
  const out: E[] = [];
  const applied: BoardElement[] = [];
  const nextPreviews = new Set<string>();
  const localIds = new Set<string>();
  let changed = false;

  for (const l of local) {
    localIds.add(l.id);
    const r = remote.get(l.id);
    const isPreview = previews.has(l.id);
    if (r && !ignore?.(r)) {
      if (isPreview || (!editing.has(l.id) && elementWins(r, l as unknown as BoardElement))) {
        out.push(toScene(r));
        applied.push(r);
        changed = true;
      } else {
        if (r.version === l.version && r.versionNonce === l.versionNonce) applied.push(r);
        out.push(l);
      }
      continue;
    }
    if (isPreview) {
      const stroke = strokes.get(l.id);
      if (stroke) {
        const preview = toPreview(stroke);
        if (preview !== l) changed = true;
        out.push(preview);
        nextPreviews.add(l.id);
      } else {
        changed = true; // the stroke was abandoned (its author left): it goes
      }
      continue;
    }
    if (!r && known(l.id) && !editing.has(l.id)) {
      changed = true; // the server no longer has it (a full catch-up left it out: deleted there)
      continue;
    }
    out.push(l);
  }
  for (const [id, r] of remote) {
    if (localIds.has(id) || ignore?.(r)) continue;
    out.push(toScene(r));
    applied.push(r);
    changed = true;
  }
  for (const [id, stroke] of strokes) {
    if (localIds.has(id) || remote.has(id)) continue;
    out.push(toPreview(stroke));
    nextPreviews.add(id);
    changed = true;
  }
  if (changed) out.sort(byFractionalIndex);
  return { elements: out, changed, applied, previews: nextPreviews };
}

/** Excalidraw's z-order: by fractional index (plain string order), ties by id; elements without one last, in their order. */
export function byFractionalIndex(a: Versioned, b: Versioned): number {
  const ai = a.index ?? null;
  const bi = b.index ?? null;
  if (ai === null || bi === null) return ai === null ? (bi === null ? 0 : 1) : -1;
  if (ai !== bi) return ai < bi ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Ids the local user is working on now, by Excalidraw's app state: never replaced by a remote version under them. */
export function editingIds(state: EditingState): Set<string> {
  const ids = new Set<string>();
  for (const e of [state.newElement, state.multiElement, state.editingTextElement, state.resizingElement]) if (e) ids.add(e.id);
  if (state.editingLinearElement) ids.add(state.editingLinearElement.elementId);
  if (state.selectedElementsAreBeingDragged || state.isResizing || state.isRotating) {
    for (const [id, on] of Object.entries(state.selectedElementIds)) if (on) ids.add(id);
  }
  return ids;
}

/** The parts of Excalidraw's app state that say what is being edited. */
export interface EditingState {
  newElement: { id: string; type: string } | null;
  multiElement: { id: string } | null;
  editingTextElement: { id: string } | null;
  resizingElement: { id: string } | null;
  editingLinearElement: { elementId: string } | null;
  selectedElementsAreBeingDragged: boolean;
  isResizing: boolean;
  isRotating: boolean;
  selectedElementIds: Readonly<Record<string, true | boolean>>;
}

/** The element being drawn stroke by stroke right now (a freehand line, or a line or arrow being dragged or clicked out), if any. */
export function strokeInProgress<E extends { id: string; type: string }>(state: { newElement: E | null; multiElement: E | null }): E | undefined {
  const e = state.newElement ?? state.multiElement;
  return e && STROKE_TYPES.has(e.type) ? e : undefined;
}

/** What a stroke in progress carries: where it starts, its look and its points (relative to x, y). */
export interface StrokeSource {
  id: string;
  type: string;
  x: number;
  y: number;
  strokeColor: string;
  strokeWidth: number;
  opacity: number;
  points: readonly (readonly [number, number])[];
}

/**
 * The strokes this page is drawing, as sent: each message carries only the points that are new
 * or moved since the last one (a freehand line grows at its end; the last point of a line or
 * arrow moves), at most `pointsPerStroke` at a time and never past `pointsPerElement`.
 */
export class StrokeTracker {
  readonly #sent = new Map<string, { x: number; y: number; points: [number, number][] }>();

  next(stroke: StrokeSource): StrokeMessage | undefined {
    if (stroke.type !== "freedraw" && stroke.type !== "line" && stroke.type !== "arrow") return undefined;
    const points = stroke.points.map(([x, y]) => [round2(x), round2(y)] as [number, number]);
    const x = round2(stroke.x);
    const y = round2(stroke.y);
    const before = this.#sent.get(stroke.id);
    let from = 0;
    if (before && before.x === x && before.y === y) {
      const n = Math.min(before.points.length, points.length);
      from = n;
      for (let i = 0; i < n; i++) {
        if (before.points[i]![0] !== points[i]![0] || before.points[i]![1] !== points[i]![1]) {
          from = i;
          break;
        }
      }
      if (from === points.length) {
        if (points.length === before.points.length) return undefined; // nothing new
        from = Math.max(0, points.length - 1); // points were taken away: say where it ends now
      }
    }
    if (from >= BoardLimits.pointsPerElement) return undefined;
    const end = Math.min(points.length, from + BoardLimits.pointsPerStroke, BoardLimits.pointsPerElement);
    if (end <= from) return undefined;
    this.#sent.set(stroke.id, { x, y, points: points.slice(0, end) });
    return {
      id: stroke.id,
      type: stroke.type,
      x,
      y,
      strokeColor: COLOR.test(stroke.strokeColor) ? stroke.strokeColor : "#1e1e1e",
      strokeWidth: Math.min(100, Math.max(0, stroke.strokeWidth)),
      opacity: Math.min(100, Math.max(0, stroke.opacity)),
      from,
      points: points.slice(from, end),
    };
  }

  /** The stroke is finished (its put goes out) or abandoned. */
  finish(id: string): void {
    this.#sent.delete(id);
  }

  get drawing(): string[] {
    return [...this.#sent.keys()];
  }
}

/** A stable small number from an id (Excalidraw's `seed`: the same roughness on every page). */
function seedOf(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % 2 ** 31;
}

/** Someone else's stroke in progress as a temporary freehand element (locked, never sent), replaced by their finished element. */
export function previewElement(stroke: BoardStrokePreview): Record<string, unknown> & Versioned {
  let minX = 0;
  let minY = 0;
  let maxX = 0;
  let maxY = 0;
  for (const [x, y] of stroke.points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return {
    id: stroke.id,
    type: "freedraw",
    x: stroke.x,
    y: stroke.y,
    width: maxX - minX,
    height: maxY - minY,
    angle: 0,
    strokeColor: stroke.strokeColor,
    backgroundColor: "transparent",
    fillStyle: "solid",
    strokeWidth: stroke.strokeWidth,
    strokeStyle: "solid",
    roughness: 0,
    opacity: stroke.opacity,
    groupIds: [],
    frameId: null,
    index: null,
    roundness: null,
    seed: seedOf(stroke.id),
    // Below any real put: the finished element always replaces it.
    version: 1,
    versionNonce: 0,
    isDeleted: false,
    boundElements: null,
    updated: Date.now(),
    link: null,
    locked: true,
    points: stroke.points.map(([x, y]) => [x, y]),
    pressures: [],
    simulatePressure: true,
    lastCommittedPoint: null,
  };
}

/** Excalidraw's collaborator entry for someone's pointer on the board (their laser trail draws while `down`). */
export interface CollaboratorEntry {
  id: string;
  socketId: string;
  username: string;
  color: { background: string; stroke: string };
  pointer: { x: number; y: number; tool: BoardCursorTool };
  button: "up" | "down";
}

/** Others' pointers as Excalidraw collaborators, by session id. */
export function collaboratorsOf(cursors: ReadonlyMap<string, BoardCursorState>): Map<string, CollaboratorEntry> {
  const out = new Map<string, CollaboratorEntry>();
  for (const [sessionId, c] of cursors) {
    out.set(sessionId, {
      id: sessionId,
      socketId: sessionId,
      username: c.name,
      color: { background: c.color, stroke: c.color },
      pointer: { x: c.x, y: c.y, tool: c.tool },
      button: c.down ? "down" : "up",
    });
  }
  return out;
}

/** Our pointer as a cursor message: coordinates kept inside the board's bounds. */
export function cursorOf(pointer: { x: number; y: number; tool: BoardCursorTool }, button: "up" | "down"): { x: number; y: number; tool: BoardCursorTool; down: boolean } {
  const clamp = (v: number) => round2(Math.max(-BoardLimits.coordinateMax, Math.min(BoardLimits.coordinateMax, Number.isFinite(v) ? v : 0)));
  return { x: clamp(pointer.x), y: clamp(pointer.y), tool: pointer.tool === "laser" ? "laser" : "pointer", down: button === "down" };
}

/**
 * At most one call every `ms`: the first at once, later ones folded into one at the end of the
 * interval (the latest state is what goes). `flush` runs a pending call now.
 */
export class Throttle {
  readonly #run: () => void;
  readonly #ms: number;
  readonly #now: () => number;
  #last = -Infinity;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(run: () => void, ms: number, now: () => number = () => performance.now()) {
    this.#run = run;
    this.#ms = ms;
    this.#now = now;
  }

  request(): void {
    if (this.#timer !== undefined) return;
    const wait = this.#last + this.#ms - this.#now();
    if (wait <= 0) this.#fire();
    else this.#timer = setTimeout(() => this.#fire(), wait);
  }

  flush(): void {
    this.#fire();
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #fire(): void {
    this.cancel();
    this.#last = this.#now();
    this.#run();
  }
}
