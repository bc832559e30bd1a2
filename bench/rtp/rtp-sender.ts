import { HelperProcess } from "./helper-process.ts";
import type { TalkPattern } from "./talk-pattern.ts";

/** One synthetic microphone: an RTP stream to a producer's PlainTransport port on loopback. */
export interface SenderStream {
  ssrc: number;
  payloadType: number;
  port: number;
  /** Where in the talk pattern's cycle this voice starts (with `talk` set). */
  talkPhaseMs?: number;
}

export interface SenderSettings {
  streams: SenderStream[];
  /** Packets per second per stream: 50 is Opus's usual 20 ms frames. */
  packetsPerSecond: number;
  /** RTP payload bytes per packet; ~80 is Opus voice at about 32 kbit/s. */
  payloadBytes: number;
  clockRate: number;
  /** Talk and pause, with DTX in the pauses; without it every voice talks all the time. */
  talk?: TalkPattern;
}

export type SenderApi = {
  start: { args: SenderSettings; reply: null };
  /** Sends `frames` frames of every stream in real time, answering when the last is out. */
  burst: { args: { frames: number }; reply: null };
  /** Packets sent so far, per stream, in the order given to `start`. */
  count: { args: object; reply: number[] };
};

/** The synthetic RTP sender, in its own process so its CPU is measured on its own. Silent until asked for a burst. */
export class RtpSender {
  readonly #helper: HelperProcess<SenderApi>;
  readonly #packetsPerSecond: number;

  private constructor(helper: HelperProcess<SenderApi>, packetsPerSecond: number) {
    this.#helper = helper;
    this.#packetsPerSecond = packetsPerSecond;
  }

  static async start(settings: SenderSettings): Promise<RtpSender> {
    const helper = HelperProcess.start<SenderApi>(new URL("./rtp-sender-main.ts", import.meta.url));
    const sender = new RtpSender(helper, settings.packetsPerSecond);
    try {
      await helper.request("start", settings);
    } catch (error) {
      await helper.stop();
      throw error;
    }
    return sender;
  }

  get pid(): number {
    return this.#helper.pid;
  }

  count(): Promise<number[]> {
    return this.#helper.request("count", {});
  }

  /**
   * Sends `seconds` of every stream, then falls silent. Traffic comes in bursts of known size
   * so that what the sinks receive can be counted to the last packet, however far behind a
   * starved process runs, and so the SFU is reconfigured while nothing flows: a saturated
   * worker answers control requests slowly.
   */
  async burst(seconds: number): Promise<void> {
    await this.#helper.request("burst", { frames: Math.round(seconds * this.#packetsPerSecond) });
  }

  stop(): Promise<void> {
    return this.#helper.stop();
  }
}
