import type { types } from "mediasoup";

/** Codecs every hall router offers. Opus carries in-band FEC and DTX for weak networks. */
export const mediaCodecs: types.RouterRtpCodecCapability[] = [
  {
    kind: "audio",
    mimeType: "audio/opus",
    clockRate: 48000,
    channels: 2,
    parameters: { useinbandfec: 1, usedtx: 1 },
  },
  { kind: "video", mimeType: "video/VP8", clockRate: 90000, parameters: { "x-google-start-bitrate": 600 } },
  {
    kind: "video",
    mimeType: "video/H264",
    clockRate: 90000,
    parameters: { "packetization-mode": 1, "profile-level-id": "42e01f", "level-asymmetry-allowed": 1 },
  },
];

export interface SfuSettings {
  /** Number of mediasoup workers (processes); default one per core. */
  workers: number;
  /** Address the worker listens on. */
  listenIp: string;
  /** Address put in ICE candidates, for hosts behind NAT; defaults to listenIp. */
  announcedAddress?: string;
  /** UDP/TCP port range the workers' WebRTC servers bind in. */
  rtcMinPort: number;
  rtcMaxPort: number;
  logLevel: "debug" | "warn" | "error" | "none";
  /** Consumers one worker carries before a hall's new listeners are served from another worker (pipeToRouter). */
  consumersPerWorker?: number;
}
