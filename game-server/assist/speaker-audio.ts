import OpusScript from "opusscript";

/** What recognition and recording take: 16 kHz mono, 16-bit. */
export const ASSIST_SAMPLE_RATE = 16_000;
/** Opus RTP timestamps count 48 kHz samples whatever the audio's own rate (RFC 7587). */
const RTP_CLOCK = 48_000;
/** Past this much disagreement between the RTP clock and arrival, the timeline is re-anchored. */
const REANCHOR_MS = 1_000;

export interface RtpHeader {
  sequence: number;
  timestamp: number;
  payloadType: number;
  payload: Buffer;
}

/** The fixed RTP header, CSRCs and header extension skipped, padding removed (RFC 3550 §5.1). */
export function parseRtp(packet: Buffer): RtpHeader | undefined {
  if (packet.length < 12 || packet[0]! >> 6 !== 2) return undefined;
  const csrcs = packet[0]! & 0x0f;
  let offset = 12 + csrcs * 4;
  if (packet[0]! & 0x10) {
    if (packet.length < offset + 4) return undefined;
    offset += 4 + packet.readUInt16BE(offset + 2) * 4;
  }
  let end = packet.length;
  if (packet[0]! & 0x20) end -= packet[packet.length - 1]!;
  if (offset > end) return undefined;
  return { sequence: packet.readUInt16BE(2), timestamp: packet.readUInt32BE(4), payloadType: packet[1]! & 0x7f, payload: packet.subarray(offset, end) };
}

/**
 * One speaker's voice as the server hears it: Opus RTP from a tap, decoded straight to 16 kHz
 * mono (libopus resamples inside the decoder; a stereo stream is mixed down), each frame placed
 * on the session's timeline by its RTP timestamp — so a muted or paused stretch leaves a gap of
 * the right length instead of pulling later words earlier. Late, duplicate and undecodable
 * packets are dropped and counted.
 */
export class SpeakerAudio {
  readonly #decoder = new OpusScript(ASSIST_SAMPLE_RATE, 1, OpusScript.Application.VOIP);
  readonly #sessionStart: number;
  readonly #now: () => number;
  readonly #onPcm: (pcm: Int16Array, atMs: number) => void;
  #anchor?: { timestamp: number; atMs: number };
  #lastSequence?: number;
  decoded = 0;
  dropped = 0;
  #closed = false;

  constructor(options: { sessionStart: number; now?: () => number; onPcm: (pcm: Int16Array, atMs: number) => void }) {
    this.#sessionStart = options.sessionStart;
    this.#now = options.now ?? Date.now;
    this.#onPcm = options.onPcm;
  }

  rtp(packet: Buffer): void {
    if (this.#closed) return;
    const rtp = parseRtp(packet);
    if (!rtp || rtp.payload.length === 0) return void this.dropped++;
    if (this.#lastSequence !== undefined) {
      const ahead = (rtp.sequence - this.#lastSequence) & 0xffff;
      // Older than the last one decoded (or the same): its moment has passed on a loopback tap.
      if (ahead === 0 || ahead > 0x8000) return void this.dropped++;
    }
    this.#lastSequence = rtp.sequence;
    const arrivedMs = this.#now() - this.#sessionStart;
    let atMs = this.#anchor ? this.#anchor.atMs + ((rtp.timestamp - this.#anchor.timestamp) >>> 0) / (RTP_CLOCK / 1000) : arrivedMs;
    if (!this.#anchor || Math.abs(atMs - arrivedMs) > REANCHOR_MS) {
      this.#anchor = { timestamp: rtp.timestamp, atMs: arrivedMs };
      atMs = arrivedMs;
    }
    let pcm: Buffer;
    try {
      pcm = this.#decoder.decode(rtp.payload);
    } catch {
      return void this.dropped++;
    }
    this.decoded++;
    this.#onPcm(new Int16Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength)), Math.max(0, Math.round(atMs)));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#decoder.delete();
  }
}
