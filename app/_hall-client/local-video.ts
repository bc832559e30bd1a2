import type { types } from "mediasoup-client";
import { readDevicePreferences } from "../_devices/device-preferences.ts";
import { mediaProblem, problemText } from "../_devices/media-problem.ts";

/**
 * The webcam is sent as VP8 simulcast in three layers so the SFU can forward each viewer
 * only what their distance needs (`game-server/hall/video-visibility.ts`): 180p for the far
 * hall, 360p for the room, 720p up close. Three temporal layers each let it also drop frame
 * rate under congestion. Bitrates are ~Chrome's own simulcast defaults, a little lower at
 * the top: a 0.64 m panel never needs a conference-room 720p.
 */
export const CAMERA_ENCODINGS: types.RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: "L1T3" },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: "L1T3" },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000, scalabilityMode: "L1T3" },
];

/**
 * A screen share is one layer: text must stay sharp, so under congestion the browser drops
 * frames rather than resolution (`contentHint = "detail"`).
 */
export const SCREEN_ENCODINGS: types.RtpEncodingParameters[] = [{ maxBitrate: 1_500_000, maxFramerate: 15 }];

/** Asks for the VP8 codec by name: simulcast layers need a codec every browser encodes in layers. */
export function vp8Of(device: types.Device): types.RtpCodecCapability | undefined {
  return device.rtpCapabilities.codecs?.find((c) => c.mimeType.toLowerCase() === "video/vp8");
}

/**
 * Opens the webcam (the one chosen on /check if it is still there) at 720p, or throws an
 * Error whose message the HUD can show as it is.
 */
export async function openCamera(): Promise<MediaStreamTrack> {
  const chosen = readDevicePreferences().camera;
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 24, max: 30 }, ...(chosen ? { deviceId: { ideal: chosen } } : {}) },
    });
    const track = stream.getVideoTracks()[0];
    if (!track) throw Object.assign(new Error("no video track"), { name: "NotFoundError" });
    track.contentHint = "motion";
    return track;
  } catch (error) {
    const { title } = problemText("camera", mediaProblem(error));
    throw new Error(`${title}.`);
  }
}

/** Asks the browser to share a screen or window. Throws a readable Error when refused or unavailable. */
export async function openScreen(): Promise<MediaStreamTrack> {
  if (!navigator.mediaDevices?.getDisplayMedia) throw new Error("This browser cannot share the screen.");
  try {
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15, max: 30 }, width: { max: 1920 }, height: { max: 1080 } }, audio: false });
    const track = stream.getVideoTracks()[0];
    if (!track) throw Object.assign(new Error("no video track"), { name: "NotFoundError" });
    track.contentHint = "detail";
    return track;
  } catch (error) {
    const name = (error as { name?: string }).name;
    // Cancelling the browser's picker is a NotAllowedError too: say it plainly, no alarm.
    throw new Error(name === "NotAllowedError" ? "Screen sharing was cancelled or blocked." : `Screen sharing failed${name ? ` (${name})` : ""}.`);
  }
}
