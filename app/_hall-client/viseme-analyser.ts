/**
 * Visemes from a voice as it arrives, for lip-sync without a camera: every voice heard — people
 * and the concierge's synthesised speech — moves the avatar's 15 Oculus `viseme_*` targets.
 *
 * Our own analysis of one short spectrum (≈ 21 ms): how loud it is, whether its energy sits in
 * the hiss above 4 kHz (fricatives: SS, and FF/TH/CH softer), and for voiced sound where its
 * first two formants lie, read from the energy in the F1 (300–1000 Hz) and F2 (1000–3000 Hz)
 * regions — open vowels (aa) have a high F1, front vowels (E, I) a high F2, rounded ones (O, U)
 * keep both low. A sudden onset after silence reads as a closed-lip burst (PP). Not phoneme
 * recognition: enough that lips round, spread and open with the sound, as a listener expects.
 */

export type Visemes = Readonly<Record<string, number>>;

export const VISEME_NAMES = ["viseme_sil", "viseme_PP", "viseme_FF", "viseme_TH", "viseme_DD", "viseme_kk", "viseme_CH", "viseme_SS", "viseme_nn", "viseme_RR", "viseme_aa", "viseme_E", "viseme_I", "viseme_O", "viseme_U"] as const;

/** Below this RMS the mouth rests (the same floor the jaw uses). */
export const VISEME_NOISE_FLOOR = 0.008;

export interface Spectrum {
  /** Magnitudes in dB per bin (an AnalyserNode's `getFloatFrequencyData`). */
  db: Float32Array;
  sampleRate: number;
  /** RMS of the same window's samples. */
  rms: number;
}

function bandEnergy(s: Spectrum, fromHz: number, toHz: number): number {
  const binHz = s.sampleRate / (2 * s.db.length);
  const from = Math.max(1, Math.floor(fromHz / binHz));
  const to = Math.min(s.db.length - 1, Math.ceil(toHz / binHz));
  let sum = 0;
  for (let i = from; i <= to; i++) {
    const db = s.db[i]!;
    if (Number.isFinite(db)) sum += 10 ** (db / 10);
  }
  return sum;
}

/** Where in [fromHz, toHz] the energy is centred (Hz). */
function centroid(s: Spectrum, fromHz: number, toHz: number): number {
  const binHz = s.sampleRate / (2 * s.db.length);
  const from = Math.max(1, Math.floor(fromHz / binHz));
  const to = Math.min(s.db.length - 1, Math.ceil(toHz / binHz));
  let sum = 0;
  let weighted = 0;
  for (let i = from; i <= to; i++) {
    const db = s.db[i]!;
    if (!Number.isFinite(db)) continue;
    const e = 10 ** (db / 10);
    sum += e;
    weighted += e * i * binHz;
  }
  return sum > 0 ? weighted / sum : (fromHz + toHz) / 2;
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/**
 * One window's visemes (weights 0…1, the strongest scaled by loudness). `wasSilent`: the window
 * before was below the floor, so a loud start is a lip burst.
 */
export function visemesOf(s: Spectrum, wasSilent = false): Visemes {
  if (!(s.rms > VISEME_NOISE_FLOOR)) return { viseme_sil: 1 };
  const loud = clamp01((s.rms - VISEME_NOISE_FLOOR) * 9);
  const low = bandEnergy(s, 80, 1000);
  const mid = bandEnergy(s, 1000, 3000);
  const hiss = bandEnergy(s, 4000, 9000);
  const total = low + mid + hiss || 1;
  const out: Record<string, number> = {};
  const hissShare = hiss / total;
  if (hissShare > 0.45) {
    // Fricatives: a sharp hiss is SS; a softer, lower one reads as FF / CH.
    const high = centroid(s, 4000, 9000);
    out.viseme_SS = loud * clamp01((hissShare - 0.35) * 2.5) * (high > 5500 ? 1 : 0.5);
    out.viseme_FF = loud * 0.35 * (high > 5500 ? 0.4 : 1);
    out.viseme_CH = loud * 0.25;
    return out;
  }
  if (wasSilent && loud > 0.5) out.viseme_PP = 0.6;
  const f1 = centroid(s, 250, 1000);
  const f2 = centroid(s, 1000, 3000);
  const midShare = mid / (low + mid || 1);
  // Open vowels: F1 high. Front vowels: F2 high (I more than E). Rounded: both low (U more than O).
  const open = clamp01((f1 - 450) / 350);
  const front = clamp01((f2 - 1500) / 900) * clamp01(midShare * 2.2);
  const round = clamp01(1 - open - front);
  out.viseme_aa = loud * open * (1 - front * 0.5);
  out.viseme_E = loud * front * (1 - clamp01((f2 - 2000) / 600)) * 0.9;
  out.viseme_I = loud * front * clamp01((f2 - 1800) / 600);
  out.viseme_O = loud * round * clamp01((f1 - 300) / 250);
  out.viseme_U = loud * round * (1 - clamp01((f1 - 300) / 250));
  // Consonant colour in voiced speech: a little DD / nn keeps the tongue moving.
  out.viseme_DD = loud * 0.15 * (1 - open);
  out.viseme_nn = loud * 0.1 * round;
  return out;
}

/**
 * Smooths visemes frame to frame, as lips move: a shape comes in fast and leaves more slowly,
 * and every shape not named this frame fades out.
 */
export class VisemeSmoother {
  readonly #current = new Map<string, number>();

  update(target: Visemes, dt: number): Visemes {
    const out: Record<string, number> = {};
    for (const name of VISEME_NAMES) {
      const want = name === "viseme_sil" ? 0 : (target[name] ?? 0);
      const now = this.#current.get(name) ?? 0;
      const next = now + (want - now) * Math.min(1, dt * (want > now ? 28 : 14));
      this.#current.set(name, next);
      out[name] = next < 0.005 ? 0 : next;
    }
    return out;
  }
}
