/**
 * Whether the tracker has the person's face, from each frame's answer: "no-face" until a face
 * is first found, "running" while it is, "lost-face" once it has been gone for `lostAfterMs`
 * (a single missed frame — a blink of the detector, a hand passing — does not count).
 */
export type FacePresenceState = "no-face" | "running" | "lost-face";

export class FacePresence {
  private readonly lostAfterMs: number;
  private lastSeen: number | null = null;
  private current: FacePresenceState = "no-face";

  constructor(options: { lostAfterMs?: number } = {}) {
    this.lostAfterMs = options.lostAfterMs ?? 500;
  }

  get state(): FacePresenceState {
    return this.current;
  }

  /** One frame's answer at `now` (ms); returns the state after it. */
  update(face: boolean, now: number): FacePresenceState {
    if (face) {
      this.lastSeen = now;
      this.current = "running";
    } else if (this.lastSeen !== null && now - this.lastSeen >= this.lostAfterMs) {
      this.current = "lost-face";
    }
    return this.current;
  }
}
