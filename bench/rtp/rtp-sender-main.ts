/**
 * Helper process: sends bursts of RTP for every stream from one UDP socket, paced in real
 * time (one frame per stream every 20 ms). Streams are spread evenly over the frame interval,
 * as independent microphones would be, instead of all firing on the same millisecond. A
 * late timer catches up instead of skipping frames, so a burst always carries exactly the
 * frames it was asked for.
 */
import { randomBytes } from "node:crypto";
import { createSocket } from "node:dgram";
import { serveRequests } from "./helper-process.ts";
import { opusLikePayload, timestampStep, writeRtpPacket } from "./rtp-packet.ts";
import type { SenderApi, SenderSettings } from "./rtp-sender.ts";
import { frameAt, type FrameKind } from "./talk-pattern.ts";

const TICK_MS = 5;
/** An Opus DTX frame is its TOC byte alone. */
const DTX_PAYLOAD_BYTES = 1;

interface StreamState {
  ssrc: number;
  payloadType: number;
  port: number;
  phaseMs: number;
  /** Frames sent or skipped so far: the position in the talk pattern. */
  frame: number;
  seq: number;
  ts: number;
  /** When (performance.now()) the next frame is due. */
  due: number;
  remaining: number;
}

const socket = createSocket("udp4");
const noise = randomBytes(4096);
let settings: SenderSettings | undefined;
let streams: StreamState[] = [];
let sent: number[] = [];
let burstDone: (() => void) | undefined;

function frameKind(s: StreamState, frameMs: number): FrameKind {
  return settings?.talk ? frameAt(settings.talk, s.phaseMs, s.frame * frameMs, frameMs) : "speech";
}

function tick(): void {
  if (!settings || !burstDone) return;
  const frameMs = 1000 / settings.packetsPerSecond;
  const step = timestampStep(settings.clockRate, settings.packetsPerSecond);
  const now = performance.now();
  let remaining = 0;
  streams.forEach((s, i) => {
    while (s.remaining > 0 && s.due <= now) {
      const frame = frameKind(s, frameMs);
      if (frame !== "none") {
        const payload = opusLikePayload(frame === "speech" ? settings!.payloadBytes : DTX_PAYLOAD_BYTES, noise, s.seq * 7);
        socket.send(writeRtpPacket({ payloadType: s.payloadType, sequenceNumber: s.seq, timestamp: s.ts, ssrc: s.ssrc, marker: false }, payload), s.port, "127.0.0.1");
        sent[i] = (sent[i] ?? 0) + 1;
        // Sequence numbers count packets sent; the timestamp counts frames, silent or not.
        s.seq = (s.seq + 1) & 0xffff;
      }
      s.ts = (s.ts + step) >>> 0;
      s.frame++;
      s.due += frameMs;
      s.remaining--;
    }
    remaining += s.remaining;
  });
  if (remaining === 0) {
    const done = burstDone;
    burstDone = undefined;
    done();
  }
}

serveRequests<SenderApi>({
  start(given) {
    settings = given;
    streams = given.streams.map((stream) => ({
      ssrc: stream.ssrc,
      payloadType: stream.payloadType,
      port: stream.port,
      phaseMs: stream.talkPhaseMs ?? 0,
      frame: 0,
      seq: Math.floor(Math.random() * 0x10000),
      ts: Math.floor(Math.random() * 0x1_0000_0000),
      due: 0,
      remaining: 0,
    }));
    sent = streams.map(() => 0);
    setInterval(tick, TICK_MS);
    return null;
  },
  burst({ frames }) {
    if (!settings) throw new Error("burst before start");
    if (burstDone) throw new Error("a burst is already running");
    const frameMs = 1000 / settings.packetsPerSecond;
    const now = performance.now();
    streams.forEach((s, i) => {
      s.due = now + (i / streams.length) * frameMs;
      s.remaining = frames;
    });
    return new Promise<null>((resolve) => {
      burstDone = () => resolve(null);
    });
  },
  count: () => sent,
});
