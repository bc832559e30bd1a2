/** Mono 16-bit PCM and its sample rate. */
export interface Pcm {
  sampleRate: number;
  samples: Int16Array;
}

/**
 * Reads a 16-bit PCM WAV (what `espeak-ng --stdout` writes) into mono samples. espeak-ng
 * streaming to a pipe cannot seek back to fill in the sizes, so its RIFF and data sizes read
 * 0x7ffffff0: the data chunk is taken to run to the end of what was written.
 */
export function parseWav(bytes: Uint8Array): Pcm {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || text(0) !== "RIFF" || text(8) !== "WAVE") throw new Error("not a WAV file");
  let offset = 12;
  let format: { channels: number; sampleRate: number; bits: number; tag: number } | undefined;
  while (offset + 8 <= bytes.length) {
    const id = text(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === "fmt ") {
      format = { tag: view.getUint16(body, true), channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
    } else if (id === "data") {
      if (!format) throw new Error("WAV data before its format");
      if (format.tag !== 1 || format.bits !== 16) throw new Error(`WAV is not 16-bit PCM (format ${format.tag}, ${format.bits} bits)`);
      const end = Math.min(bytes.length, body + size);
      const frames = Math.floor((end - body) / (2 * format.channels));
      const samples = new Int16Array(frames);
      // Several channels are mixed down: the concierge is one voice at one place.
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < format.channels; c++) sum += view.getInt16(body + (i * format.channels + c) * 2, true);
        samples[i] = Math.round(sum / format.channels);
      }
      return { sampleRate: format.sampleRate, samples };
    }
    offset = body + size + (size & 1);
  }
  throw new Error("WAV has no data");
}
