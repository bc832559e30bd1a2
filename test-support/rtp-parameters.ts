import type { types } from "mediasoup";

/**
 * The RTP parameters a browser would send for each kind of media, minus the SDP, for tests
 * that produce into a real worker without a browser. SSRCs are the caller's, so producers differ.
 */
const vp8: types.RtpCodecParameters = {
  mimeType: "video/VP8",
  payloadType: 101,
  clockRate: 90000,
  rtcpFeedback: [{ type: "nack" }, { type: "nack", parameter: "pli" }, { type: "ccm", parameter: "fir" }, { type: "goog-remb" }],
};

/** A microphone: Opus with in-band FEC. */
export const opusVoice = (ssrc: number): types.RtpParameters => ({
  mid: "0",
  codecs: [{ mimeType: "audio/opus", payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 } }],
  headerExtensions: [],
  encodings: [{ ssrc }],
  rtcp: { cname: `mic-${ssrc}` },
});

/** A webcam in 3-layer simulcast (180p/360p/720p). */
export const simulcastCamera = (ssrc: number): types.RtpParameters => ({
  mid: "1",
  codecs: [vp8],
  headerExtensions: [{ uri: "urn:ietf:params:rtp-hdrext:sdes:mid", id: 1 }],
  encodings: [0, 1, 2].map((i) => ({ ssrc: ssrc + i, scalabilityMode: "L1T3" })),
  rtcp: { cname: `cam-${ssrc}` },
});

/** A single-layer video, as a screen share is sent. */
export const singleVideo = (ssrc: number): types.RtpParameters => ({ mid: "2", codecs: [vp8], headerExtensions: [], encodings: [{ ssrc }], rtcp: { cname: `video-${ssrc}` } });
