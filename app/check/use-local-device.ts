"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { mediaProblem, type LocalDeviceKind, type MediaProblem } from "../_devices/media-problem.ts";

export type LocalDeviceState =
  | { status: "idle" }
  | { status: "starting" }
  | { status: "live"; track: MediaStreamTrack; deviceId: string }
  | { status: "problem"; problem: MediaProblem; detail?: string };

/** The same processing the hall asks for, so the meter shows what others will hear. */
const audioProcessing: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
const videoSize: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 360 } };

/** Constraints for one kind of device: a chosen device is insisted on, a remembered one only preferred. */
export function constraintsFor(kind: LocalDeviceKind, deviceId: string | undefined, exact: boolean): MediaStreamConstraints {
  const base = kind === "microphone" ? audioProcessing : videoSize;
  const track = deviceId ? { ...base, deviceId: exact ? { exact: deviceId } : { ideal: deviceId } } : base;
  return kind === "microphone" ? { audio: track } : { video: track };
}

/** One microphone or camera track: opening it, switching devices, and why it failed. */
export function useLocalDevice(kind: LocalDeviceKind) {
  const [state, setState] = useState<LocalDeviceState>({ status: "idle" });
  const current = useRef<MediaStreamTrack | undefined>(undefined);
  /** Bumped by every open, so a slow, superseded request cannot overwrite a newer one. */
  const generation = useRef(0);

  const release = useCallback(() => {
    current.current?.stop();
    current.current = undefined;
  }, []);

  const adopt = useCallback(
    (track: MediaStreamTrack) => {
      release();
      current.current = track;
      // An unplugged device ends its track: say so instead of showing a frozen meter.
      track.addEventListener("ended", () => {
        if (current.current === track) setState({ status: "problem", problem: "missing", detail: "the device was disconnected" });
      });
      setState({ status: "live", track, deviceId: track.getSettings().deviceId ?? "" });
    },
    [release],
  );

  const fail = useCallback((error: unknown) => {
    setState({ status: "problem", problem: mediaProblem(error), detail: error instanceof Error ? error.message : undefined });
  }, []);

  const begin = useCallback(() => {
    generation.current++;
    setState({ status: "starting" });
  }, []);

  const open = useCallback(
    async (deviceId?: string, exact = false) => {
      const mine = ++generation.current;
      if (!navigator.mediaDevices?.getUserMedia) return setState({ status: "problem", problem: "insecure" });
      setState({ status: "starting" });
      release(); // some systems refuse a second capture of the same device while the first is open
      try {
        const stream = await navigator.mediaDevices.getUserMedia(constraintsFor(kind, deviceId, exact));
        const track = stream.getTracks()[0]!;
        if (mine !== generation.current) return track.stop();
        adopt(track);
      } catch (error) {
        if (mine === generation.current) fail(error);
      }
    },
    [kind, adopt, fail, release],
  );

  useEffect(() => release, [release]);

  return { state, open, adopt, fail, begin };
}
