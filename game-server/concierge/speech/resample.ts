import type { Pcm } from "./wav.ts";

/**
 * Changes a voice's sample rate (espeak-ng's 22,050 Hz to Opus' 48,000 Hz). Upsampling by
 * linear interpolation adds images only above the voice's own 11 kHz band, where Opus' speech
 * mode does not spend bits; downsampling first averages the samples each output one covers.
 */
export function resample(pcm: Pcm, sampleRate: number): Pcm {
  const { samples } = pcm;
  if (pcm.sampleRate === sampleRate || samples.length === 0) return { sampleRate, samples: samples.slice() };
  const ratio = pcm.sampleRate / sampleRate;
  const out = new Int16Array(Math.max(1, Math.round(samples.length / ratio)));
  const last = samples.length - 1;
  for (let i = 0; i < out.length; i++) {
    const at = i * ratio;
    if (ratio > 1) {
      const from = Math.floor(at);
      const to = Math.min(last + 1, Math.max(from + 1, Math.floor(at + ratio)));
      let sum = 0;
      for (let k = from; k < to; k++) sum += samples[k]!;
      out[i] = Math.round(sum / (to - from));
    } else {
      const k = Math.min(last, Math.floor(at));
      const t = at - k;
      out[i] = Math.round(samples[k]! * (1 - t) + samples[Math.min(last, k + 1)]! * t);
    }
  }
  return { sampleRate, samples: out };
}
