"use client";
import { CaptureUpdateAction, convertToExcalidrawElements, Excalidraw, MainMenu, restoreElements, ROUNDNESS, viewportCoordsToSceneCoords } from "@excalidraw/excalidraw";
import "@excalidraw/excalidraw/index.css";
import type { ExcalidrawElement } from "@excalidraw/excalidraw/element/types";
import type { AppState, ExcalidrawImperativeAPI, ExcalidrawInitialDataState } from "@excalidraw/excalidraw/types";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { BoardHandle } from "../_hall-client/board-client.ts";
import type { Lang } from "../_i18n/lang.ts";
import { BoardBinding, type BoardNotice, type SceneApi, type SceneElement } from "./board-binding.ts";
import styles from "./board-editor.module.css";
import { toSceneElement } from "./excalidraw-sync.ts";

declare global {
  interface Window {
    /** Where Excalidraw loads its fonts from: our own origin (scripts/excalidraw-assets.ts copies them), never its CDN. */
    EXCALIDRAW_ASSET_PATH?: string | string[];
  }
}
// Before the editor first draws text (this module is loaded only in the browser: board-editor.tsx imports it with ssr: false).
window.EXCALIDRAW_ASSET_PATH = "/excalidraw/";

/** What the frame around the editor can do with it (presets Excalidraw lacks), and the live API for tests. */
export interface EditorControls {
  api: ExcalidrawImperativeAPI;
  binding: BoardBinding;
  pen(): void;
  highlighter(): void;
  stickyNote(): void;
}

interface Props {
  handle: BoardHandle;
  lang: Lang;
  title: string;
  canDraw: boolean;
  onReady: (controls: EditorControls | undefined) => void;
  onNotice: (notice: BoardNotice) => void;
}

/** Excalidraw's options for a shared board: no images, no files in or out (a picture export stays), no canvas reset (clearing is the staff's). */
const UI_OPTIONS = {
  tools: { image: false },
  canvasActions: { loadScene: false, saveToActiveFile: false, clearCanvas: false, changeViewBackgroundColor: false, export: false, saveAsImage: true, toggleTheme: true },
} as const;

const HIGHLIGHTER = { currentItemStrokeColor: "#fab005", currentItemStrokeWidth: 6, currentItemOpacity: 40 } as const;
const STICKY = { width: 220, height: 170, backgroundColor: "#ffec99", strokeColor: "#f08c00" } as const;

/** A CSS colour (a name, rgb()) as hex, by the canvas's own parser; undefined when it is not a colour. */
function resolveColor(color: string): string | undefined {
  const ctx = document.createElement("canvas").getContext("2d");
  if (!ctx) return undefined;
  ctx.fillStyle = "#010203";
  ctx.fillStyle = color;
  const parsed = ctx.fillStyle;
  if (parsed === "#010203" && color.toLowerCase() !== "#010203") return undefined;
  if (parsed.startsWith("#")) return parsed;
  const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(parsed);
  if (!m) return undefined;
  const hex = (v: number) => Math.round(v).toString(16).padStart(2, "0");
  return `#${hex(+m[1]!)}${hex(+m[2]!)}${hex(+m[3]!)}${m[4] !== undefined ? hex(+m[4] * 255) : ""}`;
}

/** Excalidraw's own repair of an element from elsewhere (fields an SDK client left out), keeping it when it has nothing to say. */
function restore(element: SceneElement): SceneElement {
  return (restoreElements([element as unknown as ExcalidrawElement], null)[0] as unknown as SceneElement | undefined) ?? element;
}

/**
 * Excalidraw itself, bound to one board (board-binding.ts). Images, embeds and frames are off
 * (the tool is hidden, pasting or dropping a file is refused, and any such element is taken
 * away); the main menu keeps only what makes sense on a shared board (export a picture, find,
 * help, theme). Loaded only in the browser.
 */
export default function ExcalidrawCanvas({ handle, lang, title, canDraw, onReady, onNotice }: Props) {
  const [api, setApi] = useState<ExcalidrawImperativeAPI | null>(null);
  const binding = useRef<BoardBinding | undefined>(undefined);
  const host = useRef<HTMLDivElement>(null);
  const notice = useRef(onNotice);
  notice.current = onNotice;
  /** The style before the highlighter, put back when another tool is picked. */
  const beforeHighlighter = useRef<Pick<AppState, "currentItemStrokeColor" | "currentItemStrokeWidth" | "currentItemOpacity"> | undefined>(undefined);

  // The board as it is when the editor opens (then the binding keeps it in step).
  const initialData = useMemo<ExcalidrawInitialDataState>(
    () => ({
      elements: [...handle.view.elements.values()].filter((e) => !e.isDeleted).map((e) => toSceneElement<ExcalidrawElement>(e)),
      appState: { viewBackgroundColor: "#ffffff", currentItemRoughness: 0, currentItemStrokeColor: "#1e1e1e", name: title },
      scrollToContent: true,
    }),
    // Only the first view: later changes come through the binding.
    [handle],
  );

  useEffect(() => {
    if (!api) return;
    const b = new BoardBinding(handle, api as unknown as SceneApi, { onNotice: (n) => notice.current(n), resolveColor, restore });
    binding.current = b;
    b.start();

    const restoreStyle = () => {
      if (!beforeHighlighter.current) return;
      api.updateScene({ appState: beforeHighlighter.current, captureUpdate: CaptureUpdateAction.NEVER });
      beforeHighlighter.current = undefined;
    };
    const controls: EditorControls = {
      api,
      binding: b,
      pen() {
        restoreStyle();
        if (api.getAppState().currentItemOpacity < 100) api.updateScene({ appState: { currentItemOpacity: 100 }, captureUpdate: CaptureUpdateAction.NEVER });
        api.setActiveTool({ type: "freedraw" });
      },
      highlighter() {
        const s = api.getAppState();
        beforeHighlighter.current ??= { currentItemStrokeColor: s.currentItemStrokeColor, currentItemStrokeWidth: s.currentItemStrokeWidth, currentItemOpacity: s.currentItemOpacity };
        api.updateScene({ appState: { ...HIGHLIGHTER }, captureUpdate: CaptureUpdateAction.NEVER });
        api.setActiveTool({ type: "freedraw" });
      },
      stickyNote() {
        restoreStyle();
        const s = api.getAppState();
        const centre = viewportCoordsToSceneCoords({ clientX: s.offsetLeft + s.width / 2, clientY: s.offsetTop + s.height / 2 }, s);
        // A little off the middle each time, so notes added one after another do not hide each other.
        const shift = (api.getSceneElements().filter((e) => e.backgroundColor === STICKY.backgroundColor && e.type === "rectangle").length % 6) * 24;
        const [note] = convertToExcalidrawElements([
          {
            type: "rectangle",
            x: centre.x - STICKY.width / 2 + shift,
            y: centre.y - STICKY.height / 2 + shift,
            width: STICKY.width,
            height: STICKY.height,
            backgroundColor: STICKY.backgroundColor,
            strokeColor: STICKY.strokeColor,
            fillStyle: "solid",
            strokeWidth: 1,
            roughness: 0,
            roundness: { type: ROUNDNESS.ADAPTIVE_RADIUS },
          },
        ]);
        if (!note) return;
        api.setActiveTool({ type: "selection" });
        api.updateScene({ elements: [...api.getSceneElementsIncludingDeleted(), note], appState: { selectedElementIds: { [note.id]: true } }, captureUpdate: CaptureUpdateAction.IMMEDIATELY });
        // Write on it at once: Excalidraw's own Enter on a selected shape opens its text.
        requestAnimationFrame(() => host.current?.querySelector(".excalidraw")?.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true })));
      },
    };
    onReady(controls);
    const offChange = api.onChange((_elements, appState) => {
      // The highlighter's style is for the highlighter only.
      if (beforeHighlighter.current && appState.activeTool.type !== "freedraw") restoreStyle();
    });
    return () => {
      offChange();
      b.stop();
      binding.current = undefined;
      onReady(undefined);
    };
    // onReady is the frame's setter: stable.
  }, [api, handle]);

  // Stable props: Excalidraw is memoised on them, and the frame around it re-renders as people come and go.
  const onChange = useCallback(() => binding.current?.onChange(), []);
  const onPointerUpdate = useCallback((payload: Parameters<BoardBinding["onPointerUpdate"]>[0]) => binding.current?.onPointerUpdate(payload), []);
  const onPaste = useCallback((data: { files?: Record<string, unknown>; elements?: readonly { type: string }[] }) => {
    // Pasted pictures would become images: refused. Text and Excalidraw elements paste as usual.
    if (Object.keys(data.files ?? {}).length > 0 || data.elements?.some((e) => e.type === "image" || e.type === "embeddable" || e.type === "iframe")) {
      notice.current({ kind: "tool", tool: "image" });
      return false;
    }
    return true;
  }, []);
  const refuseFile = useCallback((): string => {
    notice.current({ kind: "tool", tool: "image" });
    throw new Error("whiteboards take drawings only");
  }, []);
  const menu = useMemo(
    () => (
      <MainMenu>
        <MainMenu.DefaultItems.SaveAsImage />
        <MainMenu.DefaultItems.SearchMenu />
        <MainMenu.DefaultItems.Help />
        <MainMenu.Separator />
        <MainMenu.DefaultItems.ToggleTheme />
      </MainMenu>
    ),
    [],
  );

  return (
    <div
      className={styles.canvas}
      ref={host}
      // Dropped files would become images, which a board does not take.
      onDropCapture={(e) => {
        if (e.dataTransfer.files.length > 0) {
          e.preventDefault();
          e.stopPropagation();
          notice.current({ kind: "tool", tool: "image" });
        }
      }}
    >
      <Excalidraw
        excalidrawAPI={setApi}
        initialData={initialData}
        onChange={onChange}
        onPointerUpdate={onPointerUpdate}
        isCollaborating
        viewModeEnabled={!canDraw}
        langCode={lang}
        name={title}
        aiEnabled={false}
        autoFocus
        handleKeyboardGlobally={false}
        UIOptions={UI_OPTIONS}
        onPaste={onPaste}
        generateIdForFile={refuseFile}
        validateEmbeddable={false}
      >
        {menu}
      </Excalidraw>
    </div>
  );
}
