import { seededRandom } from "./seed-hash.ts";
/**
 * Eyes that look alive without any tracking: blinks every few seconds (sometimes doubled) and
 * quick gaze jumps (saccades) between fixations, as ARKit-named morph weights. Seeded, so a
 * test or a replay sees the same eyes.
 */
export type EyeMorphWeights = Record<
  | "eyeBlinkLeft" | "eyeBlinkRight"
  | "eyeLookUpLeft" | "eyeLookUpRight" | "eyeLookDownLeft" | "eyeLookDownRight"
  | "eyeLookInLeft" | "eyeLookInRight" | "eyeLookOutLeft" | "eyeLookOutRight",
  number
>;

const CLOSE = 0.07;
const HOLD = 0.03;
const OPEN = 0.11;

export class BlinkSaccadeDriver {
  private random: () => number;
  private untilBlink: number;
  private blinkAge = -1;
  private untilSaccade: number;
  private gaze = { yaw: 0, pitch: 0 };
  private target = { yaw: 0, pitch: 0 };

  constructor(seed = 1) {
    this.random = seededRandom(seed);
    this.untilBlink = 1 + this.random() * 3;
    this.untilSaccade = 0.5 + this.random() * 1.5;
  }

  /** Starts a blink now (e.g. on a cut or when the avatar starts talking). */
  blink(): void {
    if (this.blinkAge < 0) this.blinkAge = 0;
  }

  /** Advances by `dt` seconds and returns the eye weights for this frame. */
  update(dt: number): EyeMorphWeights {
    this.untilBlink -= dt;
    if (this.blinkAge < 0 && this.untilBlink <= 0) {
      this.blinkAge = 0;
      // Roughly one blink in six comes as a quick double blink.
      this.untilBlink = this.random() < 0.15 ? 0.35 : 2 + this.random() * 4;
    }
    let closed = 0;
    if (this.blinkAge >= 0) {
      this.blinkAge += dt;
      const a = this.blinkAge;
      if (a < CLOSE) closed = easeInOut(a / CLOSE);
      else if (a < CLOSE + HOLD) closed = 1;
      else if (a < CLOSE + HOLD + OPEN) closed = 1 - easeInOut((a - CLOSE - HOLD) / OPEN);
      else this.blinkAge = -1;
    }

    this.untilSaccade -= dt;
    if (this.untilSaccade <= 0) {
      this.untilSaccade = 0.4 + this.random() * 2.2;
      // Mostly small jumps around the centre, now and then a look away.
      const far = this.random() < 0.2;
      const range = far ? 0.7 : 0.25;
      this.target = { yaw: (this.random() * 2 - 1) * range, pitch: (this.random() * 2 - 1) * range * 0.6 };
    }
    const follow = 1 - Math.exp(-35 * dt);
    this.gaze.yaw += (this.target.yaw - this.gaze.yaw) * follow;
    this.gaze.pitch += (this.target.pitch - this.gaze.pitch) * follow;

    // Positive yaw looks toward the avatar's left: the left eye looks out, the right eye in.
    const left = Math.max(0, this.gaze.yaw);
    const right = Math.max(0, -this.gaze.yaw);
    const up = Math.max(0, this.gaze.pitch);
    const down = Math.max(0, -this.gaze.pitch);
    // Looking down drops the lids a little, as real lids follow the eye.
    const blink = Math.min(1, closed + down * 0.25);
    return {
      eyeBlinkLeft: blink,
      eyeBlinkRight: blink,
      eyeLookUpLeft: up,
      eyeLookUpRight: up,
      eyeLookDownLeft: down,
      eyeLookDownRight: down,
      eyeLookOutLeft: left,
      eyeLookInRight: left,
      eyeLookInLeft: right,
      eyeLookOutRight: right,
    };
  }
}

function easeInOut(t: number): number {
  return t * t * (3 - 2 * t);
}
