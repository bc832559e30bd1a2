import { createSocket, type Socket } from "node:dgram";
import type { AddressInfo } from "node:net";
import type { types } from "mediasoup";
import type { MediaSource } from "../game-server/protocol/media.ts";

/**
 * Peers that are not browsers, after mediasoup-demo's broadcaster (PlainTransport) and Bot
 * (DirectTransport). Their RTP travels over loopback between a UDP socket of this process and
 * a PlainTransport of the room's router: no ICE, no DTLS, nothing leaves the machine.
 */
const LOOPBACK = "127.0.0.1";

/** Opus as a server voice sends it: mono speech at 48 kHz, 20 ms frames. */
export const SERVER_OPUS = { mimeType: "audio/opus", clockRate: 48000, channels: 2, samplesPerFrame: 960 } as const;

export interface ServerVoiceOptions {
  /** RTP SSRC of the stream (random by default). */
  ssrc?: number;
  /** RTP payload type of Opus in what we send (default 100). */
  payloadType?: number;
}

/** RTCP packet types are 200–207; in the second byte without the marker bit they read 72–79. */
export const isRtcp = (packet: Buffer): boolean => packet.length >= 2 && (packet[1]! & 0x7f) >= 72 && (packet[1]! & 0x7f) <= 79;

/** The payload of an RTP packet: after the fixed header, CSRCs and any header extension, without padding. */
export function rtpPayload(packet: Buffer): Buffer {
  let offset = 12 + 4 * (packet[0]! & 0x0f);
  if (packet[0]! & 0x10) offset += 4 + 4 * packet.readUInt16BE(offset + 2);
  const padding = packet[0]! & 0x20 ? packet[packet.length - 1]! : 0;
  return packet.subarray(offset, packet.length - padding);
}

async function loopbackSocket(): Promise<Socket> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, LOOPBACK, () => {
      socket.off("error", reject);
      resolve();
    });
  });
  // A connected UDP socket hears ICMP "port unreachable" as an error when the transport at the
  // other end closed first (a worker replaced, a call ended): nothing to do — the peer is being
  // closed or reopened — but without a listener it would end the process.
  socket.on("error", () => undefined);
  return socket;
}

/** A PlainTransport on loopback for a server peer, in this room's port range. */
export function createLoopbackTransport(router: types.Router, comedia: boolean, appData: Record<string, unknown>): Promise<types.PlainTransport> {
  return router.createPlainTransport({ listenInfo: { protocol: "udp", ip: LOOPBACK }, rtcpMux: true, comedia, appData });
}

/**
 * A voice produced by the server (the concierge's synthesised speech): Opus RTP written to a
 * UDP socket of ours, received by a PlainTransport (comedia: it answers to wherever the first
 * packet came from) and produced in the room as its peer's `mic`, so every hall rule — hearing,
 * private calls, the degradation ladder — applies to it as to a browser's microphone.
 */
export class ServerVoice {
  readonly peerId: string;
  readonly ssrc: number;
  readonly payloadType: number;
  #producer?: types.Producer;
  readonly #transport: types.PlainTransport;
  readonly #socket: Socket;
  #sequence = Math.floor(Math.random() * 0x10000);
  #timestamp = Math.floor(Math.random() * 0x100000000);
  #first = true;

  private constructor(peerId: string, transport: types.PlainTransport, socket: Socket, options: ServerVoiceOptions) {
    this.peerId = peerId;
    this.#transport = transport;
    this.#socket = socket;
    this.ssrc = options.ssrc ?? 1 + Math.floor(Math.random() * 0xfffffffe);
    this.payloadType = options.payloadType ?? 100;
    transport.observer.once("close", () => this.#socket.close());
  }

  /** Opens the transport and socket; `produce` makes the producer in the room (MediaRoom's rules). */
  static async open(router: types.Router, peerId: string, options: ServerVoiceOptions, produce: (transport: types.PlainTransport, rtpParameters: types.RtpParameters) => Promise<types.Producer>): Promise<ServerVoice> {
    const transport = await createLoopbackTransport(router, true, { direction: "send", server: "voice", routerId: router.id });
    try {
      const socket = await loopbackSocket();
      socket.connect(transport.tuple.localPort, LOOPBACK);
      await new Promise((resolve) => socket.once("connect", resolve));
      const voice = new ServerVoice(peerId, transport, socket, options);
      voice.#producer = await produce(transport, {
        codecs: [{ mimeType: SERVER_OPUS.mimeType, payloadType: voice.payloadType, clockRate: SERVER_OPUS.clockRate, channels: SERVER_OPUS.channels, parameters: { useinbandfec: 1 } }],
        encodings: [{ ssrc: voice.ssrc }],
        rtcp: { cname: `server-${peerId}` },
      });
      return voice;
    } catch (error) {
      transport.close();
      throw error;
    }
  }

  get producerId(): string {
    return this.#producer!.id;
  }

  get closed(): boolean {
    return this.#transport.closed;
  }

  /** Sends one Opus frame as the next RTP packet (`samples` at 48 kHz: 960 for 20 ms). */
  sendOpus(frame: Uint8Array, samples: number = SERVER_OPUS.samplesPerFrame): void {
    if (this.closed) return;
    const header = Buffer.alloc(12);
    header[0] = 0x80; // version 2, no padding, extension or CSRCs
    header[1] = (this.#first ? 0x80 : 0) | this.payloadType; // marker on the first packet of a talkspurt
    header.writeUInt16BE(this.#sequence, 2);
    header.writeUInt32BE(this.#timestamp >>> 0, 4);
    header.writeUInt32BE(this.ssrc >>> 0, 8);
    this.#socket.send(Buffer.concat([header, frame]));
    this.#first = false;
    this.#sequence = (this.#sequence + 1) & 0xffff;
    this.#timestamp = (this.#timestamp + samples) >>> 0;
  }

  close(): void {
    this.#transport.close();
  }
}

/**
 * A server-side tap of one producer (for transcription or recording): a PlainTransport consumer
 * that sends the producer's RTP to a UDP socket of ours. Made only on request; closed with its
 * producer, and with its private call — or as soon as the producer would be kept from it.
 */
export class ServerTap {
  readonly fromPeerId: string;
  readonly source: MediaSource;
  /** The private call the tap belongs to; undefined: a tap of the open hall. */
  readonly callId?: string;
  /** RTP packets and payload bytes received so far (RTCP not counted). */
  packets = 0;
  bytes = 0;
  readonly #transport: types.PlainTransport;
  readonly #socket: Socket;
  #consumer?: types.Consumer;
  readonly #listeners = new Set<(packet: Buffer) => void>();

  private constructor(fromPeerId: string, source: MediaSource, callId: string | undefined, transport: types.PlainTransport, socket: Socket) {
    this.fromPeerId = fromPeerId;
    this.source = source;
    this.callId = callId;
    this.#transport = transport;
    this.#socket = socket;
    socket.on("message", (packet) => {
      if (isRtcp(packet)) return;
      this.packets++;
      this.bytes += packet.length;
      for (const listener of this.#listeners) listener(packet);
    });
    transport.observer.once("close", () => this.#socket.close());
  }

  static async open(router: types.Router, producer: types.Producer, from: { peerId: string; source: MediaSource }, callId: string | undefined): Promise<ServerTap> {
    const transport = await createLoopbackTransport(router, false, { direction: "recv", server: "tap", routerId: router.id });
    try {
      const socket = await loopbackSocket();
      const tap = new ServerTap(from.peerId, from.source, callId, transport, socket);
      await transport.connect({ ip: LOOPBACK, port: (socket.address() as AddressInfo).port });
      // Plain RTP: the codec only, no header extensions (nobody here estimates bandwidth).
      const rtpCapabilities = { codecs: router.rtpCapabilities.codecs, headerExtensions: [] };
      const consumer = (tap.#consumer = await transport.consume({ producerId: producer.id, rtpCapabilities, appData: { fromPeerId: from.peerId, source: from.source, tap: true } }));
      consumer.on("producerclose", () => tap.close());
      return tap;
    } catch (error) {
      transport.close();
      throw error;
    }
  }

  /** What the RTP carries: mime type and payload type of its one codec. */
  get codec(): types.RtpCodecParameters {
    return this.#consumer!.rtpParameters.codecs[0]!;
  }

  get producerId(): string {
    return this.#consumer!.producerId;
  }

  get closed(): boolean {
    return this.#transport.closed;
  }

  /** Every RTP packet as it arrives; returns the way to stop listening. */
  onRtp(listener: (packet: Buffer) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onClose(listener: () => void): void {
    this.#transport.observer.once("close", listener);
  }

  close(): void {
    this.#listeners.clear();
    this.#transport.close();
  }
}
