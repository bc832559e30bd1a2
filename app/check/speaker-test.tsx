"use client";
import { useState } from "react";
import styles from "./check.module.css";
import { DeviceSelect } from "./device-select";
import { canChooseSpeaker, playTestTone } from "./test-tone.ts";

/** Speaker choice (where the browser allows one) and a chime to hear through it. */
export function SpeakerTest({ speakers, value, onChange }: { speakers: MediaDeviceInfo[]; value: string; onChange: (deviceId: string) => void }) {
  const [playing, setPlaying] = useState(false);
  const [played, setPlayed] = useState(false);
  const [error, setError] = useState<string>();
  const choosable = canChooseSpeaker();

  async function play() {
    setPlaying(true);
    setError(undefined);
    try {
      await playTestTone(choosable ? value : "");
      setPlayed(true);
    } catch (e) {
      setError(`The test sound could not play: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setPlaying(false);
    }
  }

  return (
    <>
      {choosable ? (
        <DeviceSelect label="Speaker" devices={speakers} value={value} onChange={onChange} />
      ) : (
        <p className={styles.note} data-testid="speaker-unsupported">
          This browser always plays sound on the system’s default output. To use other speakers or headphones, change the output in your system’s sound settings.
        </p>
      )}
      {choosable && speakers.length === 0 && <p className={styles.hint}>Outputs are listed once the microphone is allowed; until then the system default plays.</p>}
      <div className={styles.row}>
        <button type="button" onClick={() => void play()} disabled={playing} data-testid="play-tone">
          {playing ? "Playing…" : "Play test sound"}
        </button>
        {played && !playing && <span className={styles.hint}>Did you hear a soft three-note chime? If not, check the volume and the output.</span>}
      </div>
      {error && <p className={styles.problemText}>{error}</p>}
    </>
  );
}
