/**
 * How the 3D hall asks for a whiteboard to open: a click on a whiteboard's face
 * (`_components/scene/display-surfaces.tsx`) sends this event with the surface id; the HUD's
 * whiteboard launcher (`whiteboard-launcher.tsx`) opens that board (`surface:<id>`) in the editor.
 * An event, so the scene needs nothing of the HUD and loads nothing of the editor.
 */
export const OPEN_WHITEBOARD_EVENT = "atrium:open-whiteboard";

export interface OpenWhiteboardDetail {
  surfaceId: string;
}

export function requestWhiteboard(surfaceId: string): void {
  window.dispatchEvent(new CustomEvent<OpenWhiteboardDetail>(OPEN_WHITEBOARD_EVENT, { detail: { surfaceId } }));
}

/** The board of a scene's whiteboard surface. */
export function surfaceBoardId(surfaceId: string): string {
  return `surface:${surfaceId}`;
}

/** The private board of a service session (both sides open the same one). */
export function sessionBoardId(contactId: string): string {
  return `session:${contactId}`;
}
