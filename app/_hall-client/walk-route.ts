/** A spot on the hall's floor. */
export interface FloorSpot {
  x: number;
  z: number;
}

/**
 * Where the visitor's avatar is walking by itself: one spot (a click on the floor) or a list of
 * waypoints (the concierge's "take me there", a path around the booths). The render loop walks
 * towards `current` with the page's ordinary movement — so the server checks every step like any
 * other — and calls `reached()` at each waypoint; a walking key or the thumb stick `cancel()`s it.
 */
export class WalkRoute {
  #waypoints: FloorSpot[] = [];

  /** The waypoint being walked to now, or undefined when the avatar is not walking by itself. */
  get current(): FloorSpot | undefined {
    return this.#waypoints[0];
  }

  /** The waypoints still ahead, the current one first. */
  get remaining(): readonly FloorSpot[] {
    return this.#waypoints;
  }

  /** Walk along these waypoints in order, replacing any walk under way. */
  follow(path: readonly FloorSpot[]): void {
    // Copied: the caller's array (a server reply) is not ours to consume.
    this.#waypoints = path.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.z)).map((p) => ({ x: p.x, z: p.z }));
  }

  /** The avatar stands on the current waypoint: head for the next one (or stop after the last). */
  reached(): void {
    this.#waypoints.shift();
  }

  cancel(): void {
    this.#waypoints = [];
  }
}
