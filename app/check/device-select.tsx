"use client";
import { useId } from "react";
import styles from "./check.module.css";

/** A labelled device picker; the browser's "default" entry stands for "follow the system". */
export function DeviceSelect({ label, devices, value, onChange, disabled }: { label: string; devices: MediaDeviceInfo[]; value: string; onChange: (deviceId: string) => void; disabled?: boolean }) {
  const id = useId();
  const known = devices.some((d) => d.deviceId === value);
  return (
    <div className={styles.select}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={known ? value : ""} onChange={(e) => onChange(e.target.value)} disabled={disabled || devices.length === 0}>
        {!known && <option value="">{devices.length === 0 ? "Nothing to choose yet" : "System default"}</option>}
        {devices.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || `${label} ${i + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}
