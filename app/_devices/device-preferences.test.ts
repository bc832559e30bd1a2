import { describe, expect, it } from "vitest";
import { devicePreferenceKeys, preferredConstraint, readDevicePreferences, saveDevicePreference } from "./device-preferences.ts";

function memoryStore(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
  };
}

describe("device preferences", () => {
  it("remembers each choice under atrium.devices.* and reads them back for the hall", () => {
    const store = memoryStore();
    saveDevicePreference("microphone", "mic-123", store);
    saveDevicePreference("camera", "cam-9", store);
    saveDevicePreference("speaker", "out-2", store);
    expect(store.getItem("atrium.devices.microphone")).toBe("mic-123");
    expect(Object.values(devicePreferenceKeys).every((k) => k.startsWith("atrium.devices."))).toBe(true);
    expect(readDevicePreferences(store)).toEqual({ microphone: "mic-123", camera: "cam-9", speaker: "out-2" });
  });

  it("forgets a choice when the visitor goes back to the system default", () => {
    const store = memoryStore();
    saveDevicePreference("speaker", "out-2", store);
    saveDevicePreference("speaker", "default", store);
    saveDevicePreference("microphone", "mic-1", store);
    saveDevicePreference("microphone", "", store);
    expect(readDevicePreferences(store)).toEqual({});
  });

  it("ignores values nobody could have chosen, and works without storage", () => {
    const store = memoryStore();
    store.setItem("atrium.devices.camera", "x".repeat(5000));
    expect(readDevicePreferences(store)).toEqual({});
    expect(readDevicePreferences(undefined)).toEqual({});
    const throwing = { getItem: () => { throw new Error("blocked"); }, setItem: () => { throw new Error("full"); }, removeItem: () => {} };
    expect(readDevicePreferences(throwing)).toEqual({});
    expect(() => saveDevicePreference("camera", "cam", throwing)).not.toThrow();
  });

  it("asks for the remembered device without insisting on it", () => {
    expect(preferredConstraint("mic-1")).toEqual({ deviceId: { ideal: "mic-1" } });
    expect(preferredConstraint(undefined)).toBe(true);
  });
});
