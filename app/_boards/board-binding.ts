import type { BoardElement } from "../../game-server/protocol/index.ts";
import type { BoardHandle, BoardStrokePreview, BoardView } from "../_hall-client/board-client.ts";
import { RequestError } from "../_hall-client/room-request.ts";
import {
  collaboratorsOf, cursorOf, editingIds, mergeRemote, previewElement, REFUSED_TOOLS, strokeInProgress, StrokeTracker, SyncLedger, Throttle, toBoardElement, toSceneElement,
  type CollaboratorEntry, type EditingState, type Versioned,
} from "./excalidraw-sync.ts";

/** An element as the editor holds it. */
export type SceneElement = Versioned & Readonly<Record<string, unknown>>;

/**
 * What the binding needs of the editor: Excalidraw's imperative API satisfies it (its element
 * types are richer, so the editor passes it with a cast).
 */
export interface SceneApi {
  updateScene(scene: { elements?: readonly SceneElement[]; collaborators?: Map<string, CollaboratorEntry>; captureUpdate?: "NEVER" | "IMMEDIATELY" | "EVENTUALLY" }): void;
  getSceneElementsIncludingDeleted(): readonly SceneElement[];
  getAppState(): EditorState;
  setActiveTool(tool: { type: "selection" }): void;
}

export type EditorState = EditingState & { activeTool: { type: string }; newElement: SceneElement | null; multiElement: SceneElement | null };

/** Something the person drawing should be told (the editor words it in their language). */
export type BoardNotice =
  /** The server refused a change (locked board, too fast, too big…): it was taken back. `code`: the server's error code. */
  | { kind: "refused"; code?: string; message: string }
  /** An element this board cannot take (an image, an embed, text too long): it was taken away. */
  | { kind: "element"; reason: "type" | "text" | "invalid"; message: string }
  /** A tool that makes such elements was picked: back to selection. */
  | { kind: "tool"; tool: string }
  /** The server did not answer: the change is sent again. */
  | { kind: "retrying"; message: string };

export interface BindingOptions {
  onNotice?: (notice: BoardNotice) => void;
  /** A CSS colour name → hex (the page uses a canvas). */
  resolveColor?: (color: string) => string | undefined;
  /** Normalises an incoming element for the editor (Excalidraw's `restoreElements`: fills fields an SDK client may leave out). */
  restore?: (element: SceneElement) => SceneElement;
  /** Finished changes go at most this often (ms). */
  putMs?: number;
  /** A stroke's new points, at most this often (ms): ~30 a second. */
  strokeMs?: number;
  /** Our pointer, at most this often (ms): ~20 a second. */
  cursorMs?: number;
  /** How long before remote changes are drawn (ms): they are gathered, then drawn at once. */
  applyMs?: number;
}

/**
 * Binds one Excalidraw editor to one open board, both ways:
 *   board → editor: the handle's elements merged into the scene by version (never under the local
 *   user's hands), others' strokes in progress as temporary freehand lines, others' pointers (and
 *   laser) as collaborators — drawn at most once a frame, never in the local undo history;
 *   editor → board: what changed here (by version, against what was last sent or received) put
 *   every `putMs` — at once when a stroke is released — the points of a stroke being drawn as
 *   `board:stroke` ~30/s, our pointer as `board:cursor` ~20/s. A put the server refuses is taken
 *   back in the editor and said (`onNotice`); one that got no answer is sent again.
 */
export class BoardBinding {
  readonly handle: BoardHandle;
  readonly api: SceneApi;
  readonly #options: BindingOptions;
  readonly #ledger = new SyncLedger();
  readonly #strokes = new StrokeTracker();
  readonly #previewCache = new WeakMap<BoardStrokePreview, SceneElement>();
  #previews = new Set<string>();
  /** Our puts the server refused: their versions in the handle are not the board's. */
  readonly #refused = new Map<string, { version: number; versionNonce: number }>();
  #seen: { elements?: BoardView["elements"]; strokes?: BoardView["strokes"]; cursors?: BoardView["cursors"] } = {};
  #mergeAgain = false;
  #drawing: string | undefined;
  #editingKey = "";
  #putting = false;
  #putAgain = false;
  #pointer: { x: number; y: number; tool: "pointer" | "laser"; down: boolean } | undefined;
  #sentPointer = "";
  #applyTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #unsubscribe: (() => void) | undefined;
  readonly #putThrottle: Throttle;
  readonly #strokeThrottle: Throttle;
  readonly #cursorThrottle: Throttle;
  stopped = false;

  constructor(handle: BoardHandle, api: SceneApi, options: BindingOptions = {}) {
    this.handle = handle;
    this.api = api;
    this.#options = options;
    this.#putThrottle = new Throttle(() => void this.#flush(), options.putMs ?? 100);
    this.#strokeThrottle = new Throttle(() => this.#sendStroke(), options.strokeMs ?? 33);
    this.#cursorThrottle = new Throttle(() => this.#sendCursor(), options.cursorMs ?? 50);
  }

  /** Starts following the board (the scene may already hold the board's elements from `initialData`). */
  start(): void {
    for (const e of this.handle.view.elements.values()) this.#ledger.note(e);
    this.#unsubscribe = this.handle.subscribe(() => this.#schedule());
    this.#apply();
  }

  stop(): void {
    this.stopped = true;
    this.#unsubscribe?.();
    clearTimeout(this.#applyTimer);
    clearTimeout(this.#retryTimer);
    // What is finished goes out before the editor closes.
    this.#putThrottle.cancel();
    this.#strokeThrottle.cancel();
    this.#cursorThrottle.cancel();
    void this.#flush(true);
  }

  /** Excalidraw's `onChange`: every change of the scene or the app state (often: kept cheap). */
  onChange = (): void => {
    if (this.stopped) return;
    const state = this.api.getAppState();
    if (REFUSED_TOOLS.has(state.activeTool.type)) {
      this.api.setActiveTool({ type: "selection" });
      this.#options.onNotice?.({ kind: "tool", tool: state.activeTool.type });
      return;
    }
    const drawing = strokeInProgress(state);
    if (this.#drawing && this.#drawing !== drawing?.id) {
      // Released: the finished stroke goes now.
      this.#strokes.finish(this.#drawing);
      this.#drawing = undefined;
      this.#putThrottle.flush();
    }
    if (drawing && this.handle.view.canDraw) {
      this.#drawing = drawing.id;
      this.#strokeThrottle.request();
    }
    // An edit that ended may have remote changes waiting for it.
    const editing = [...editingIds(state)].join(",");
    if (editing !== this.#editingKey) {
      if (this.#editingKey) {
        this.#mergeAgain = true;
        this.#schedule();
      }
      this.#editingKey = editing;
    }
    this.#putThrottle.request();
  };

  /** Excalidraw's `onPointerUpdate`: our pointer (and laser) in board coordinates. */
  onPointerUpdate = (payload: { pointer: { x: number; y: number; tool: "pointer" | "laser" }; button: "down" | "up" }): void => {
    if (this.stopped) return;
    this.#pointer = cursorOf(payload.pointer, payload.button);
    this.#cursorThrottle.request();
  };

  /** Sends what changed now (before closing, or a test that does not want to wait). */
  flush(): Promise<void> {
    return this.#flush(true);
  }

  #schedule(): void {
    if (this.#applyTimer !== undefined || this.stopped) return;
    this.#applyTimer = setTimeout(() => {
      this.#applyTimer = undefined;
      this.#apply();
    }, this.#options.applyMs ?? 16);
  }

  /** The board as the handle has it → the editor (one `updateScene`, not undoable). */
  #apply(): void {
    if (this.stopped) return;
    const view = this.handle.view;
    const patch: { elements?: readonly SceneElement[]; collaborators?: Map<string, CollaboratorEntry> } = {};
    if (view.elements !== this.#seen.elements || view.strokes !== this.#seen.strokes || this.#mergeAgain) {
      this.#mergeAgain = false;
      for (const [id, refused] of this.#refused) {
        const now = view.elements.get(id);
        if (!now || now.version !== refused.version || now.versionNonce !== refused.versionNonce) this.#refused.delete(id);
      }
      const result = mergeRemote<SceneElement>({
        local: this.api.getSceneElementsIncludingDeleted(),
        remote: view.elements,
        strokes: view.strokes,
        editing: editingIds(this.api.getAppState()),
        previews: this.#previews,
        known: (id) => this.#ledger.knows(id),
        ignore: (e) => this.#isRefused(e),
        toScene: (e) => this.#toScene(e),
        toPreview: (s) => this.#preview(s),
      });
      for (const e of result.applied) this.#ledger.note(e);
      this.#previews = result.previews;
      if (result.changed) patch.elements = result.elements;
    }
    if (view.cursors !== this.#seen.cursors) patch.collaborators = collaboratorsOf(view.cursors);
    this.#seen = { elements: view.elements, strokes: view.strokes, cursors: view.cursors };
    if (patch.elements || patch.collaborators) this.api.updateScene({ ...patch, captureUpdate: "NEVER" });
  }

  #isRefused(e: BoardElement): boolean {
    const refused = this.#refused.get(e.id);
    return refused !== undefined && refused.version === e.version && refused.versionNonce === e.versionNonce;
  }

  #toScene(e: BoardElement): SceneElement {
    const copy = toSceneElement<SceneElement>(e);
    if (!this.#options.restore) return copy;
    try {
      return this.#options.restore(copy);
    } catch {
      return copy;
    }
  }

  #preview(stroke: BoardStrokePreview): SceneElement {
    let element = this.#previewCache.get(stroke);
    if (!element) {
      element = previewElement(stroke);
      this.#previewCache.set(stroke, element);
    }
    return element;
  }

  #sendStroke(): void {
    if (this.stopped || !this.handle.view.canDraw) return;
    const drawing = strokeInProgress(this.api.getAppState());
    if (!drawing) return;
    const message = this.#strokes.next(drawing as unknown as Parameters<StrokeTracker["next"]>[0]);
    if (message) this.handle.stroke(message);
  }

  #sendCursor(): void {
    const p = this.#pointer;
    if (!p || this.stopped) return;
    const key = `${p.x},${p.y},${p.tool},${p.down}`;
    if (key === this.#sentPointer) return;
    this.#sentPointer = key;
    this.handle.cursor(p.x, p.y, p.tool, p.down);
  }

  /** Puts what changed here since it was last sent or received (one put in flight at a time). */
  async #flush(final = false): Promise<void> {
    if (this.#putting) {
      this.#putAgain = true;
      return;
    }
    if (!this.handle.view.canDraw || this.handle.closed) return;
    const state = this.api.getAppState();
    const skip = new Set(this.#previews);
    // A shape still being made goes when it is finished (a stroke's points go as `board:stroke` meanwhile).
    if (state.newElement && !final) skip.add(state.newElement.id);
    if (state.multiElement && !final) skip.add(state.multiElement.id);
    const changed = this.#ledger.changed(this.api.getSceneElementsIncludingDeleted(), skip);
    if (!changed.length) return;

    const out: BoardElement[] = [];
    const rewritten: BoardElement[] = [];
    const takeBack: string[] = [];
    for (const e of changed) {
      const s = toBoardElement(e, this.#options.resolveColor);
      if (s.ok) {
        out.push(s.element);
        if (s.rewritten) rewritten.push(s.element);
      } else {
        takeBack.push(e.id);
        this.#options.onNotice?.({ kind: "element", reason: s.reason, message: s.message });
      }
    }
    if (takeBack.length || rewritten.length) this.#replaceInScene(new Map([...takeBack.map((id) => [id, this.handle.view.elements.get(id)] as const), ...rewritten.map((e) => [e.id, e] as const)]));
    if (!out.length) return;

    const before = new Map(out.map((e) => [e.id, this.handle.view.elements.get(e.id)]));
    for (const e of out) this.#ledger.note(e);
    this.#putting = true;
    try {
      await this.handle.put(out);
    } catch (error) {
      this.#putFailed(out, before, error);
    } finally {
      this.#putting = false;
      if (this.#putAgain && !this.stopped) {
        this.#putAgain = false;
        this.#putThrottle.request();
      }
    }
  }

  #putFailed(out: BoardElement[], before: Map<string, BoardElement | undefined>, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RequestError && error.refused) {
      // Taken back: each element as the board had it before (or gone, if it was new).
      for (const e of out) this.#refused.set(e.id, { version: e.version, versionNonce: e.versionNonce });
      const back = new Map<string, BoardElement | undefined>();
      for (const e of out) {
        const was = before.get(e.id);
        back.set(e.id, was && !this.#isRefused(was) ? was : undefined);
      }
      this.#replaceInScene(back);
      this.#options.onNotice?.({ kind: "refused", code: error.code, message });
      return;
    }
    // No answer (a dropped connection): send them again in a moment.
    for (const e of out) this.#ledger.forget(e.id);
    this.#options.onNotice?.({ kind: "retrying", message });
    if (this.stopped) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#putThrottle.request(), 1000);
  }

  /** Replaces elements of the scene by id (undefined: removes it), without touching undo. */
  #replaceInScene(replace: Map<string, BoardElement | undefined>): void {
    if (this.stopped) return;
    const next: SceneElement[] = [];
    for (const e of this.api.getSceneElementsIncludingDeleted()) {
      if (!replace.has(e.id)) {
        next.push(e);
        continue;
      }
      const r = replace.get(e.id);
      if (r) {
        next.push(this.#toScene(r));
        this.#ledger.note(r);
      } else {
        this.#ledger.forget(e.id);
      }
    }
    this.api.updateScene({ elements: next, captureUpdate: "NEVER" });
  }
}
