import type { HallClient } from "../../_hall-client/hall-client.ts";

/**
 * Whose screen share is open in the full-screen view, if anyone's: shared by the HUD (which
 * opens it) and the 3D screen (which must then ask the SFU for the full picture, not pause
 * it because the in-world screen is off-screen). One per hall client.
 */
export class FullView {
  peerId: string | undefined;
  readonly #listeners = new Set<() => void>();

  open(peerId: string): void {
    this.peerId = peerId;
    for (const l of this.#listeners) l();
  }

  close(): void {
    this.peerId = undefined;
    for (const l of this.#listeners) l();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

const views = new WeakMap<HallClient, FullView>();

export function fullViewOf(client: HallClient): FullView {
  let view = views.get(client);
  if (!view) views.set(client, (view = new FullView()));
  return view;
}
