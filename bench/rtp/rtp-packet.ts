/** The fixed RTP header (RFC 3550 §5.1) without CSRCs or extensions: what a plain sender writes. */
export interface RtpHeader {
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  marker: boolean;
}

export const RTP_HEADER_BYTES = 12;

export function writeRtpPacket(header: RtpHeader, payload: Uint8Array): Buffer {
  const packet = Buffer.allocUnsafe(RTP_HEADER_BYTES + payload.length);
  packet[0] = 0x80; // version 2, no padding, no extension, no CSRCs
  packet[1] = (header.marker ? 0x80 : 0) | (header.payloadType & 0x7f);
  packet.writeUInt16BE(header.sequenceNumber & 0xffff, 2);
  packet.writeUInt32BE(header.timestamp >>> 0, 4);
  packet.writeUInt32BE(header.ssrc >>> 0, 8);
  packet.set(payload, RTP_HEADER_BYTES);
  return packet;
}

export function readRtpHeader(packet: Uint8Array): RtpHeader | undefined {
  if (classifyPacket(packet) !== "rtp") return undefined;
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  return {
    marker: (view.getUint8(1) & 0x80) !== 0,
    payloadType: view.getUint8(1) & 0x7f,
    sequenceNumber: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
  };
}

/**
 * RTP or RTCP on one port (RFC 5761 §4): RTCP packet types 192–223 land where RTP's
 * marker bit and payload type would be, and no dynamic RTP payload type uses them.
 */
export function classifyPacket(packet: Uint8Array): "rtp" | "rtcp" | "other" {
  if (packet.length < RTP_HEADER_BYTES || packet[0]! >> 6 !== 2) return "other";
  const second = packet[1]!;
  return second >= 192 && second <= 223 ? "rtcp" : "rtp";
}

/** RTP timestamp step for one frame: 20 ms at Opus's 48 kHz clock is 960. */
export function timestampStep(clockRate: number, packetsPerSecond: number): number {
  return Math.round(clockRate / packetsPerSecond);
}

/**
 * An Opus-shaped payload: a TOC byte for a 20 ms full-band hybrid frame, then noise. The SFU
 * does not decode audio, but it does read the TOC (DTX detection), so that byte is real.
 */
export function opusLikePayload(bytes: number, noise: Uint8Array, offset: number): Uint8Array {
  const payload = new Uint8Array(bytes);
  payload[0] = 0x78; // config 15 (hybrid FB, 20 ms), mono, one frame
  for (let i = 1; i < bytes; i++) payload[i] = noise[(offset + i) % noise.length]!;
  return payload;
}
