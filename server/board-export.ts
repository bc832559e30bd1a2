import { renderAsync } from "@resvg/resvg-js";
import { loadBoard } from "../game-server/boards/board-service.ts";
import { boardSvg } from "../game-server/boards/board-svg.ts";
import type { Logger } from "../game-server/logging/logger.ts";
import type { Storage } from "../game-server/storage/storage.ts";

/** A file Atrium made itself, attached to a ticket (stored and on its timeline before this resolves). */
export type AttachFile = (file: { name: string; mime: string; bytes: Uint8Array }) => Promise<{ id: string }>;

export interface EndedSession {
  hallId: string;
  contactId: string;
  ticketId: string;
  ticketNumber: number;
}

/**
 * The session's board rasterised, off the event loop (resvg's own thread: loading the system fonts
 * and drawing take ~200 ms that the halls' ticks must not wait for). CJK text needs a CJK font on
 * the server (Debian's fonts-noto-cjk, installed by setup).
 */
export async function boardPng(svg: string): Promise<Uint8Array> {
  const png = (await renderAsync(svg, { background: "#ffffff", font: { loadSystemFonts: true, defaultFontFamily: "Noto Sans CJK SC" } })).asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/**
 * When a service session ends, what its two people drew on their board goes onto the ticket: an
 * SVG and a PNG of the board as it ended (files, downloadable by staff handling the ticket), and a
 * "board" timeline entry with how many elements and ops it had — the op log itself stays in
 * storage with its server times, so the session can be replayed with its recording later. A board
 * nobody drew on adds nothing.
 */
export async function exportSessionBoard(deps: { storage: Pick<Storage, "boards" | "tickets">; attach: AttachFile; log: Logger }, session: EndedSession): Promise<{ svgId: string; pngId: string } | null> {
  const boardId = `session:${session.contactId}`;
  const { board } = await loadBoard(deps.storage.boards, session.hallId, boardId);
  const visible = board.visible();
  if (visible.length === 0) return null;
  const title = `Ticket #${session.ticketNumber} — whiteboard`;
  const { svg, width, height } = boardSvg(visible, title);
  const name = `ticket-${session.ticketNumber}-whiteboard`;
  const svgFile = await deps.attach({ name: `${name}.svg`, mime: "image/svg+xml", bytes: new TextEncoder().encode(svg) });
  const pngFile = await deps.attach({ name: `${name}.png`, mime: "image/png", bytes: await boardPng(svg) });
  await deps.storage.tickets.append({
    ticketId: session.ticketId,
    kind: "board",
    authorId: null,
    authorName: null,
    text: `Whiteboard: ${visible.length} element${visible.length === 1 ? "" : "s"} (${board.clock} changes)`,
    data: { boardId, elements: visible.length, clock: board.clock, width, height, svgFileId: svgFile.id, pngFileId: pngFile.id },
  });
  return { svgId: svgFile.id, pngId: pngFile.id };
}
