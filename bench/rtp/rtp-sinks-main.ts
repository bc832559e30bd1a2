/** Helper process: UDP sockets on loopback that count the RTP and RTCP they receive. */
import { createSocket, type Socket } from "node:dgram";
import { once } from "node:events";
import { serveRequests } from "./helper-process.ts";
import { classifyPacket } from "./rtp-packet.ts";
import { SequenceTracker } from "./sequence-tracker.ts";
import type { SinkCounts, SinksApi } from "./rtp-sinks.ts";

/** Room for bursts while this process waits for a core; the kernel caps it at rmem_max. */
const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

const sockets: Socket[] = [];
const packets: number[] = [];
const bytes: number[] = [];
let rtcpPackets = 0;
const sequences = new SequenceTracker();

async function openOne(): Promise<number> {
  const index = sockets.length;
  const socket = createSocket({ type: "udp4", recvBufferSize: RECEIVE_BUFFER_BYTES });
  sockets.push(socket);
  packets[index] = 0;
  bytes[index] = 0;
  socket.on("message", (packet) => {
    const kind = classifyPacket(packet);
    if (kind === "rtp") {
      packets[index]! += 1;
      bytes[index]! += packet.length;
      sequences.record(packet.readUInt32BE(8), packet.readUInt16BE(2));
    } else if (kind === "rtcp") {
      rtcpPackets += 1;
    }
  });
  socket.bind(0, "127.0.0.1");
  await once(socket, "listening");
  return socket.address().port;
}

serveRequests<SinksApi>({
  async open({ count }) {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) ports.push(await openOne());
    return ports;
  },
  count: (): SinkCounts => ({ packets, bytes, rtcpPackets, sequenceSpan: sequences.span, sequenceReceived: sequences.received }),
});
