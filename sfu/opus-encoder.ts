import OpusScript from "opusscript";
import { SERVER_OPUS } from "./server-peers.ts";

/**
 * Opus for server voices (libopus 1.4 compiled to WebAssembly, shipped in the `opusscript`
 * package: nothing is fetched at run time). 48 kHz mono PCM in 20 ms frames of 960 samples,
 * encoded for speech; each frame is one RTP payload for `ServerVoice.sendOpus`.
 */
export class OpusEncoder {
  readonly #opus = new OpusScript(SERVER_OPUS.clockRate, 1, OpusScript.Application.VOIP);

  encode(pcm: Int16Array): Buffer {
    if (pcm.length !== SERVER_OPUS.samplesPerFrame) throw new Error(`an Opus frame here is ${SERVER_OPUS.samplesPerFrame} samples`);
    return this.#opus.encode(Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength), pcm.length);
  }

  /** PCM back from one frame (for checks: what a listener would hear). */
  decode(frame: Buffer): Int16Array {
    const pcm = this.#opus.decode(frame);
    return new Int16Array(pcm.buffer, pcm.byteOffset, pcm.byteLength / 2);
  }

  close(): void {
    this.#opus.delete();
  }
}

/** `frames` 20 ms frames of a sine tone at `hz` (amplitude `level` of full scale), as PCM for `OpusEncoder`. */
export function* toneFrames(hz: number, frames: number, level = 0.25): Generator<Int16Array> {
  const n = SERVER_OPUS.samplesPerFrame;
  for (let f = 0; f < frames; f++) {
    const pcm = new Int16Array(n);
    for (let i = 0; i < n; i++) pcm[i] = Math.round(level * 32767 * Math.sin((2 * Math.PI * hz * (f * n + i)) / SERVER_OPUS.clockRate));
    yield pcm;
  }
}
