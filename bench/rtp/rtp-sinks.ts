import { HelperProcess } from "./helper-process.ts";

/** What the sinks have received so far, per socket (in the order they were opened). */
export interface SinkCounts {
  /** RTP packets (RTCP is counted apart). */
  packets: number[];
  /** RTP bytes: header, payload and, with SRTP, the auth tag; not IP/UDP headers. */
  bytes: number[];
  rtcpPackets: number;
  /**
   * Over all sockets and streams: sequence numbers that went by (first to highest seen)
   * and packets that arrived of them. Their difference is loss as RTP receivers count it,
   * from the packets themselves, so it does not depend on when the counters were read.
   */
  sequenceSpan: number;
  sequenceReceived: number;
}

export type SinksApi = {
  /** Opens `count` more sockets on 127.0.0.1 and answers their ports. */
  open: { args: { count: number }; reply: number[] };
  count: { args: object; reply: SinkCounts };
};

/**
 * UDP sockets standing in for listeners' browsers: each counts what an SFU transport sends
 * it. In their own process, so counting tens of thousands of packets a second is measured
 * apart and does not delay our requests to the worker.
 */
export class RtpSinks {
  readonly #helper: HelperProcess<SinksApi>;

  private constructor(helper: HelperProcess<SinksApi>) {
    this.#helper = helper;
  }

  static start(): RtpSinks {
    return new RtpSinks(HelperProcess.start<SinksApi>(new URL("./rtp-sinks-main.ts", import.meta.url)));
  }

  get pid(): number {
    return this.#helper.pid;
  }

  open(count: number): Promise<number[]> {
    return this.#helper.request("open", { count });
  }

  count(): Promise<SinkCounts> {
    return this.#helper.request("count", {});
  }

  stop(): Promise<void> {
    return this.#helper.stop();
  }
}
