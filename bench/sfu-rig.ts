import { randomBytes } from "node:crypto";
import { createWorker, type types } from "mediasoup";
import { mediaCodecs } from "../sfu/media-config.ts";

/**
 * Ports for the rig's PlainTransports: clear of the product's default RTC range
 * (40000–40999), so a benchmark can run beside a dev server or the integration tests.
 */
const PORT_RANGE = { min: 20000, max: 29999 };
const LOOPBACK = "127.0.0.1";

/**
 * The SRTP suite mediasoup prefers in DTLS-SRTP and Chrome offers, so listener transports
 * encrypt each forwarded packet as a browser's WebRTC transport would.
 */
const SRTP_SUITE: types.SrtpCryptoSuite = "AEAD_AES_256_GCM";
const SRTP_KEY_BYTES: Record<types.SrtpCryptoSuite, number> = {
  AEAD_AES_256_GCM: 44,
  AEAD_AES_128_GCM: 28,
  AES_CM_128_HMAC_SHA1_80: 30,
  AES_CM_128_HMAC_SHA1_32: 30,
};

export interface RigProducer {
  producer: types.Producer;
  ssrc: number;
  payloadType: number;
  /** Where the synthetic sender aims this producer's RTP. */
  port: number;
}

export interface RigListener {
  transport: types.PlainTransport;
  consumers: types.Consumer[];
}

/**
 * One real mediasoup worker and one router with the hall's codecs, fed and drained through
 * PlainTransports on loopback: the SFU's forwarding path without browsers or ICE/DTLS.
 */
export class SfuRig {
  readonly worker: types.Worker;
  readonly router: types.Router;
  readonly #opus: types.RtpCodecCapability;

  private constructor(worker: types.Worker, router: types.Router) {
    this.worker = worker;
    this.router = router;
    const opus = router.rtpCapabilities.codecs?.find((c) => c.mimeType.toLowerCase() === "audio/opus");
    if (!opus) throw new Error("the hall's router offers no Opus");
    this.#opus = opus;
  }

  static async start(): Promise<SfuRig> {
    const worker = await createWorker({ logLevel: "warn" });
    try {
      return new SfuRig(worker, await worker.createRouter({ mediaCodecs }));
    } catch (error) {
      worker.close();
      throw error;
    }
  }

  get opusClockRate(): number {
    return this.#opus.clockRate;
  }

  /**
   * A microphone's producer on its own transport. comedia: the transport learns the sender's
   * address from its first packet, as there is no signalling to tell it.
   */
  async addProducer(ssrc: number): Promise<RigProducer> {
    const transport = await this.router.createPlainTransport({ listenInfo: { protocol: "udp", ip: LOOPBACK, portRange: PORT_RANGE }, rtcpMux: true, comedia: true });
    const payloadType = this.#opus.preferredPayloadType;
    if (payloadType === undefined) throw new Error("router gave Opus no payload type");
    const producer = await transport.produce({
      kind: "audio",
      rtpParameters: {
        codecs: [{ mimeType: this.#opus.mimeType, payloadType, clockRate: this.#opus.clockRate, channels: this.#opus.channels, parameters: this.#opus.parameters, rtcpFeedback: [] }],
        encodings: [{ ssrc }],
        rtcp: { cname: `bench-${ssrc}`, reducedSize: true },
      },
    });
    return { producer, ssrc, payloadType, port: transport.tuple.localPort };
  }

  /** A listener's receive transport sending to `sinkPort`, SRTP-encrypted when `srtp`. */
  async addListener(sinkPort: number, srtp: boolean): Promise<RigListener> {
    const transport = await this.router.createPlainTransport({
      listenInfo: { protocol: "udp", ip: LOOPBACK, portRange: PORT_RANGE },
      rtcpMux: true,
      comedia: false,
      enableSrtp: srtp,
      srtpCryptoSuite: SRTP_SUITE,
    });
    // Our key only matters for decrypting RTCP the sink never sends; the worker encrypts with its own.
    const srtpParameters = srtp ? { cryptoSuite: SRTP_SUITE, keyBase64: randomBytes(SRTP_KEY_BYTES[SRTP_SUITE]).toString("base64") } : undefined;
    await transport.connect({ ip: LOOPBACK, port: sinkPort, srtpParameters });
    return { transport, consumers: [] };
  }

  /** Consumes as a browser would (the router's capabilities: Opus plus its header extensions). */
  async consume(listener: RigListener, from: RigProducer, paused: boolean): Promise<types.Consumer> {
    const consumer = await listener.transport.consume({ producerId: from.producer.id, rtpCapabilities: this.router.rtpCapabilities, paused });
    listener.consumers.push(consumer);
    return consumer;
  }

  close(): void {
    this.worker.close();
  }
}
