/**
 * The devices a visitor picked on /check, remembered in this browser so the hall can open the
 * same microphone, camera and speaker. Only explicit choices are stored: an unset key means
 * "the system default", which follows the visitor when they plug in a headset.
 */
export const devicePreferenceKeys = {
  microphone: "atrium.devices.microphone",
  camera: "atrium.devices.camera",
  speaker: "atrium.devices.speaker",
} as const;

export type PreferredDevice = keyof typeof devicePreferenceKeys;

/** Each value is a `MediaDeviceInfo.deviceId`; absent when the visitor left the default. */
export type DevicePreferences = Partial<Record<PreferredDevice, string>>;

type KeyValueStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** A device id is an opaque token of at most a few hundred characters; anything else is ignored. */
const plausibleId = (value: string | null): value is string => value !== null && value.length > 0 && value.length <= 256;

/** What the visitor chose on /check. Safe anywhere: without storage (server render, blocked cookies) it is empty. */
export function readDevicePreferences(store: KeyValueStore | undefined = browserStorage()): DevicePreferences {
  const out: DevicePreferences = {};
  if (!store) return out;
  for (const kind of Object.keys(devicePreferenceKeys) as PreferredDevice[]) {
    try {
      const value = store.getItem(devicePreferenceKeys[kind]);
      if (plausibleId(value)) out[kind] = value;
    } catch {
      // storage can throw when the browser blocks it; no preference then
    }
  }
  return out;
}

/** Remembers a choice; an empty id (or "default") forgets it, so the system default is used again. */
export function saveDevicePreference(kind: PreferredDevice, deviceId: string, store: KeyValueStore | undefined = browserStorage()): void {
  if (!store) return;
  try {
    if (deviceId === "" || deviceId === "default") store.removeItem(devicePreferenceKeys[kind]);
    else if (plausibleId(deviceId)) store.setItem(devicePreferenceKeys[kind], deviceId);
  } catch {
    // a full or blocked storage only costs the visitor the memory of this choice
  }
}

/** getUserMedia constraints that prefer the remembered device but fall back when it is gone. */
export function preferredConstraint(deviceId: string | undefined): MediaTrackConstraints | true {
  return deviceId ? { deviceId: { ideal: deviceId } } : true;
}

function browserStorage(): KeyValueStore | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
