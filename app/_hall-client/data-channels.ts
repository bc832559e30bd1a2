import type { types } from "mediasoup-client";
import { Limits } from "../../game-server/protocol/limits.ts";

/**
 * How an outgoing data channel delivers: reliable and ordered (the default; a board's
 * strokes), or unordered with at most `maxRetransmits` resends (default 0, never — face
 * frames, where a late frame is worth less than the next one). `protocol` defaults to
 * `atrium-<label>`.
 */
export type DataChannelOptions = { ordered?: true; protocol?: string } | { ordered: false; maxRetransmits?: number; protocol?: string };

/** One of our outgoing data channels. It survives a media restart (reopened on the new transport) and lives until the page leaves. */
export interface DataChannel {
  readonly label: string;
  /** Whether a message sent now goes out (false while a media restart reopens it). */
  readonly open: boolean;
  /** Sends one message of at most `Limits.maxDataMessageBytes`; throws while the channel is not open. */
  send(data: string | ArrayBuffer): void;
}

/** What the channels need of the send transport (a mediasoup-client `Transport`). */
export interface SendTransport {
  produceData(options: types.DataProducerOptions): Promise<types.DataProducer>;
}

/**
 * The page's outgoing data channels, by label. None is opened at join: a feature opens its
 * own when it needs it ({@link open}), and every channel opened so far is opened again on
 * each new send transport (after a media restart).
 */
export class DataChannels {
  readonly #channels = new Map<string, OutgoingChannel>();
  #transport?: SendTransport;

  /** A new send transport: reopens, one after the other, every channel a feature has opened. */
  async attach(transport: SendTransport): Promise<void> {
    this.#transport = transport;
    for (const channel of this.#channels.values()) {
      // One channel that cannot reopen must not hold up the rest of the media.
      await this.#produce(channel).catch((error: unknown) => console.warn(`data channel "${channel.label}" could not reopen`, error));
    }
  }

  /** The send transport closed (and its data producers with it): channels wait for the next one. */
  detach(): void {
    this.#transport = undefined;
    for (const channel of this.#channels.values()) channel.producer = undefined;
  }

  get labels(): string[] {
    return [...this.#channels.keys()];
  }

  /** Opens (or returns) channel `label`, resolved once it is open. The first call's options stand. */
  async open(label: string, options: DataChannelOptions = {}): Promise<DataChannel> {
    let channel = this.#channels.get(label);
    if (!channel) {
      if (!this.#transport) throw new Error("Media is not connected yet.");
      if (label.length === 0 || label.length > 32) throw new RangeError(`a data channel label has 1 to 32 characters: "${label}"`);
      if (options.ordered === false && (options.maxRetransmits ?? 0) < 0) throw new RangeError("maxRetransmits cannot be negative");
      channel = new OutgoingChannel(label, options);
      this.#channels.set(label, channel);
    }
    await this.#produce(channel);
    await channel.opened();
    return channel;
  }

  /** The channel's data producer on the current transport, made once per transport (concurrent callers share it). */
  #produce(channel: OutgoingChannel): Promise<void> {
    const transport = this.#transport;
    if (!transport || (channel.producer && !channel.producer.closed)) return Promise.resolve();
    if (channel.producing?.transport === transport) return channel.producing.done;
    const { label, options } = channel;
    const done = transport
      .produceData({
        label,
        protocol: options.protocol ?? `atrium-${label}`,
        ...(options.ordered === false ? { ordered: false, maxRetransmits: options.maxRetransmits ?? 0 } : { ordered: true }),
      })
      .then((producer) => {
        // Made on a transport that has been replaced since: it closed with it.
        if (this.#transport === transport) channel.producer = producer;
      })
      .finally(() => {
        if (channel.producing?.done === done) channel.producing = undefined;
      });
    channel.producing = { transport, done };
    return done;
  }
}

class OutgoingChannel implements DataChannel {
  readonly label: string;
  readonly options: DataChannelOptions;
  /** On the current send transport; undefined between a restart's teardown and the reopening. */
  producer?: types.DataProducer;
  producing?: { transport: SendTransport; done: Promise<void> };

  constructor(label: string, options: DataChannelOptions) {
    this.label = label;
    this.options = options;
  }

  get open(): boolean {
    return this.producer?.readyState === "open";
  }

  send(data: string | ArrayBuffer): void {
    const producer = this.producer;
    if (!producer || producer.readyState !== "open") throw new Error(`data channel "${this.label}" is not open`);
    const bytes = typeof data === "string" ? new TextEncoder().encode(data).byteLength : data.byteLength;
    if (bytes > Limits.maxDataMessageBytes) throw new RangeError(`a data message has at most ${Limits.maxDataMessageBytes} bytes (this one: ${bytes})`);
    producer.send(data);
  }

  /** Resolves when the current producer's channel is open; rejects if it fails or closes first. */
  opened(): Promise<void> {
    const producer = this.producer;
    if (!producer) return Promise.reject(new Error(`data channel "${this.label}" is not connected`));
    if (producer.readyState === "open") return Promise.resolve();
    return new Promise((resolve, reject) => {
      producer.once("open", () => resolve());
      producer.once("error", (error) => reject(error));
      producer.once("transportclose", () => reject(new Error(`data channel "${this.label}" closed before it opened`)));
    });
  }
}
