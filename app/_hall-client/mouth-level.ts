/**
 * How open a speaker's mouth is, from the loudness of their voice as it arrives (before
 * spatialisation: a far speaker's lips move as much as a near one's). Speech RMS sits around
 * 0.02–0.25 of full scale; below the noise floor the mouth rests, and the curve saturates so a
 * shout does not unhinge the jaw.
 */
export const MOUTH_NOISE_FLOOR = 0.008;
export const MOUTH_MAX_OPEN = 0.55;

export function mouthOpenFromLevel(rms: number): number {
  if (!(rms > MOUTH_NOISE_FLOOR)) return 0;
  const x = (rms - MOUTH_NOISE_FLOOR) * 9;
  return MOUTH_MAX_OPEN * (1 - Math.exp(-x));
}

/** RMS of a block of samples. */
export function rmsOf(samples: Float32Array): number {
  let sum = 0;
  for (const v of samples) sum += v * v;
  return samples.length === 0 ? 0 : Math.sqrt(sum / samples.length);
}
