"use client";
import { useEffect, useState } from "react";

export interface DeviceLists {
  microphones: MediaDeviceInfo[];
  cameras: MediaDeviceInfo[];
  speakers: MediaDeviceInfo[];
}

const empty: DeviceLists = { microphones: [], cameras: [], speakers: [] };

/**
 * The devices the browser will name. Labels (and most outputs) only appear once the page holds
 * a permission, so the list is read again whenever `refreshKey` changes and on `devicechange`.
 */
export function useDeviceList(refreshKey: string): DeviceLists {
  const [lists, setLists] = useState<DeviceLists>(empty);
  useEffect(() => {
    const media = navigator.mediaDevices;
    if (!media?.enumerateDevices) return;
    let live = true;
    const read = () =>
      void media.enumerateDevices().then((all) => {
        if (!live) return;
        // Without permission the browser lists anonymous placeholders: nothing to choose from yet.
        const named = all.filter((d) => d.deviceId !== "" && d.label !== "");
        setLists({
          microphones: named.filter((d) => d.kind === "audioinput"),
          cameras: named.filter((d) => d.kind === "videoinput"),
          speakers: named.filter((d) => d.kind === "audiooutput"),
        });
      });
    read();
    media.addEventListener("devicechange", read);
    return () => {
      live = false;
      media.removeEventListener("devicechange", read);
    };
  }, [refreshKey]);
  return lists;
}
