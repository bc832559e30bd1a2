"use client";
import { useEffect, useRef, useState } from "react";
import styles from "./check.module.css";

/** dBFS shown at the left end of the meter; quieter counts as silence. */
const floorDb = -60;

/**
 * A live level meter for one microphone track: an AnalyserNode's RMS, in dBFS, drawn every
 * frame straight onto the DOM (no React render per frame). Not connected to the speakers,
 * so the visitor never hears themselves.
 */
export function MicMeter({ track, context }: { track: MediaStreamTrack; context: AudioContext }) {
  const fill = useRef<HTMLDivElement>(null);
  const meter = useRef<HTMLDivElement>(null);
  const [heard, setHeard] = useState(false);

  useEffect(() => {
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let shown = floorDb;
    let frame = 0;
    let heardOnce = false;
    const draw = () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      const db = Math.max(floorDb, 20 * Math.log10(Math.sqrt(sum / samples.length) || 1e-9));
      // Rise at once, fall gently: how a VU meter reads, and easier on the eye.
      shown = db > shown ? db : shown + (db - shown) * 0.15;
      const fraction = (shown - floorDb) / -floorDb;
      if (fill.current) fill.current.style.clipPath = `inset(0 ${(100 - fraction * 100).toFixed(1)}% 0 0)`;
      meter.current?.setAttribute("data-level-db", shown.toFixed(1));
      meter.current?.setAttribute("aria-valuenow", String(Math.round(fraction * 100)));
      if (!heardOnce && db > -45) {
        heardOnce = true;
        setHeard(true);
      }
      frame = requestAnimationFrame(draw);
    };
    void context.resume();
    frame = requestAnimationFrame(draw);
    return () => {
      cancelAnimationFrame(frame);
      source.disconnect();
    };
  }, [track, context]);

  return (
    <div className={styles.meterBlock}>
      <div ref={meter} className={styles.meter} role="meter" aria-label="Microphone level" aria-valuemin={0} aria-valuemax={100} aria-valuenow={0} data-testid="mic-meter" data-level-db={floorDb}>
        <div ref={fill} className={styles.meterFill} style={{ clipPath: "inset(0 100% 0 0)" }} />
      </div>
      <p className={styles.hint}>{heard ? "We can hear you. Speak at your normal volume: the bar should reach the middle." : "Say something — the bar should move."}</p>
    </div>
  );
}
