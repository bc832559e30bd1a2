/**
 * A speech-like test signal as a 16-bit mono WAV, for Chromium's fake microphone
 * (`--use-file-for-fake-audio-capture`). Chromium's own fake tone beeps once a second and is
 * silent in between, so with DTX most of it would never be sent; this one never falls
 * silent: a voiced sound with a gliding pitch (110–220 Hz), a few formant-like harmonics and a
 * syllable rhythm (~4 Hz) whose quiet parts stay well above the noise floor. Stationary tones
 * get eaten by noise suppression; a moving pitch does not.
 */
export function speechLikeWav(seconds: number, sampleRate = 48_000): Buffer {
  const frames = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(frames * 2);
  let phase = 0;
  for (let i = 0; i < frames; i++) {
    const t = i / sampleRate;
    const pitch = 165 + 55 * Math.sin(2 * Math.PI * 0.37 * t) + 12 * Math.sin(2 * Math.PI * 2.9 * t);
    phase += (2 * Math.PI * pitch) / sampleRate;
    // Harmonics weighted like a rough vowel (formants near 500 Hz and 1.5 kHz).
    let v = 0;
    for (let h = 1; h <= 12; h++) {
      const f = h * pitch;
      const weight = Math.exp(-(((f - 500) / 300) ** 2)) + 0.6 * Math.exp(-(((f - 1500) / 500) ** 2)) + 0.15 / h;
      v += weight * Math.sin(h * phase);
    }
    const syllables = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4.1 * t) ** 2;
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, 0.22 * v * syllables)) * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16); // PCM chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
