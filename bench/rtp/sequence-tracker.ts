interface Stream {
  /** Extended (unwrapped) sequence number of the first packet seen. */
  first: number;
  highest: number;
  received: number;
}

/**
 * Counts packets and sequence numbers per SSRC, the way an RTP receiver computes loss
 * (RFC 3550 §6.4.1, A.3): what arrived against the range from the first to the highest
 * sequence number seen, unwrapping the 16-bit counter. Late or repeated packets count as
 * received but do not move the range.
 */
export class SequenceTracker {
  readonly #streams = new Map<number, Stream>();
  #span = 0;
  #received = 0;

  record(ssrc: number, sequenceNumber: number): void {
    this.#received++;
    const stream = this.#streams.get(ssrc);
    if (!stream) {
      this.#streams.set(ssrc, { first: sequenceNumber, highest: sequenceNumber, received: 1 });
      this.#span++;
      return;
    }
    stream.received++;
    // The 16-bit step closest to the highest so far, forwards or backwards.
    const delta = ((sequenceNumber - (stream.highest & 0xffff) + 0x8000) & 0xffff) - 0x8000;
    if (delta > 0) {
      stream.highest += delta;
      this.#span += delta;
    }
  }

  /** Sequence numbers from first to highest, summed over streams. */
  get span(): number {
    return this.#span;
  }

  get received(): number {
    return this.#received;
  }
}
