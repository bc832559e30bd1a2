import { Vector3 } from "three";
import { faceSurfaceZ } from "./head-shape.ts";
import { type MeshPart, type Rgb, scaleRgb } from "./mesh-part.ts";
import { addTube, type TubeStation } from "./primitive-shapes.ts";
import { seededRandom } from "./seed-hash.ts";
import { gauss2 } from "./shape-math.ts";

/**
 * Eyebrows as hairs, not a painted band: a few dozen short tapered strokes lying on the skin
 * along the brow's arch — rising at the inner end, sweeping outward along the body, the lower
 * ones tilted up and the upper ones down — over a soft tint painted on the skin (`browTint`).
 * Head-local metres; `side` +1 is the avatar's left (+X).
 */
const STROKES = 38;
const INNER_STROKES = 6;

/** The brow's centre line and half-height at u in [0, 1], inner end to tail. */
export function browCurve(u: number): { x: number; y: number; halfHeight: number } {
  const x = 0.0135 + 0.04 * u;
  const y = 0.0255 + 0.0055 * Math.sin(Math.PI * Math.min(1, u * 1.1)) - 0.0035 * u * u;
  const taper = u < 0.15 ? 0.8 + u * 1.3 : 1 - 0.6 * (u - 0.15);
  return { x, y, halfHeight: 0.0036 * taper };
}

/** How much brow colour to lay on the skin under the hairs at (x, y): a soft shadow of the brow. */
export function browTint(x: number, y: number): number {
  let best = 0;
  for (let i = 0; i <= 10; i++) {
    const c = browCurve(i / 10);
    best = Math.max(best, gauss2(Math.abs(x) - c.x, y - c.y, 0.004, c.halfHeight * 0.9));
  }
  return best;
}

export function addBrow(part: MeshPart, side: 1 | -1, color: Rgb): void {
  const random = seededRandom(side === 1 ? 0x5eed_b0 : 0x5eed_b1);
  const surface = (x: number, y: number, lift: number): Vector3 => new Vector3(x, y, faceSurfaceZ(x, y) + lift);
  for (let k = 0; k < STROKES; k++) {
    // Two rows of broad flat locks along the arch (the lower tilted up, the upper down, so they
    // converge on the centre line), and short upright ones at the inner end.
    const inner = k < INNER_STROKES;
    const layer = inner ? 0 : (k - INNER_STROKES) % 2;
    const u = inner ? (k + 0.5) / INNER_STROKES * 0.16 : 0.1 + 0.9 * ((Math.floor((k - INNER_STROKES) / 2) + 0.3 * layer + 0.2 * random()) / ((STROKES - INNER_STROKES) / 2));
    const v = inner ? (random() - 0.5) * 1.2 : layer === 0 ? -0.45 + 0.2 * random() : 0.3 + 0.2 * random();
    const c = browCurve(Math.min(1, u));
    const next = browCurve(Math.min(1, u + 0.02));
    const prev = browCurve(Math.max(0, u - 0.02));
    const along = Math.atan2(next.y - prev.y, next.x - prev.x);
    const tilt = inner ? 1.05 - 2 * u : layer === 0 ? 0.22 : -0.12;
    const angle = along + tilt + (random() - 0.5) * 0.12;
    const length = (inner ? 0.0052 : 0.0095 * (1 - 0.3 * u)) * (0.9 + 0.2 * random());
    const rootX = c.x + Math.cos(along + Math.PI / 2) * v * c.halfHeight - Math.cos(angle) * length * 0.4;
    const rootY = c.y + Math.sin(along + Math.PI / 2) * v * c.halfHeight - Math.sin(angle) * length * 0.4;
    // Each lock: a flat blade from a broad root to a point, a hair's breadth off the skin.
    const width = (inner ? 0.0009 : 0.0016) * (1 - 0.35 * u);
    const stations: TubeStation[] = [0, 1].map((s, i) => {
      const x = rootX + Math.cos(angle) * length * s;
      const y = rootY + Math.sin(angle) * length * s;
      const center = surface(side * x, y, 0.0005 + 0.0002 * s + 0.00015 * layer);
      const normal = new Vector3(side * x * 0.6, 0.1, center.z).normalize();
      const dir = new Vector3(side * Math.cos(angle), Math.sin(angle), 0);
      const across = new Vector3().crossVectors(normal, dir).normalize();
      return { center, u: across, v: normal, ru: [width, width * 0.15][i]!, rv: [0.0002, 0.00008][i]! };
    });
    const shade = 0.8 + 0.3 * random();
    addTube(part, {
      stations, segments: 3, color: (st) => scaleRgb(color, st === stations[0] ? shade * 0.8 : shade), skin: () => [["Head", 1]], capStart: true, capEnd: false,
    });
  }
}
