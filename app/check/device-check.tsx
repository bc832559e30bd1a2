"use client";
import Link from "next/link";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { CameraPreview } from "./camera-preview";
import styles from "./check.module.css";
import { readDevicePreferences, saveDevicePreference } from "../_devices/device-preferences.ts";
import { DeviceSelect } from "./device-select";
import { problemText, type LocalDeviceKind } from "../_devices/media-problem.ts";
import { MicMeter } from "./mic-meter";
import { NetworkCheck } from "./network-check";
import { SpeakerTest } from "./speaker-test";
import { useDeviceList } from "./use-device-list.ts";
import { constraintsFor, useLocalDevice, type LocalDeviceState } from "./use-local-device.ts";

/**
 * The pre-call check: microphone (level meter), camera (preview), speaker (test chime) and the
 * network path to the SFU. Choices are remembered for the hall (`device-preferences.ts`).
 */
export function DeviceCheck() {
  const mic = useLocalDevice("microphone");
  const camera = useLocalDevice("camera");
  const [asked, setAsked] = useState(false);
  const [speaker, setSpeaker] = useState("");
  const audio = useRef<AudioContext | undefined>(undefined);
  const lists = useDeviceList(`${mic.state.status}/${camera.state.status}`);

  useEffect(() => setSpeaker(readDevicePreferences().speaker ?? ""), []);
  useEffect(() => () => void audio.current?.close(), []);

  /** One prompt for both devices; only if that fails is each asked for alone, to learn which one is the trouble. */
  async function start() {
    wakeAudio();
    const saved = readDevicePreferences();
    if (!navigator.mediaDevices?.getUserMedia) {
      await Promise.all([mic.open(), camera.open()]); // each reports "needs a secure page"
      return;
    }
    mic.begin();
    camera.begin();
    try {
      const both = await navigator.mediaDevices.getUserMedia({
        ...constraintsFor("microphone", saved.microphone, false),
        ...constraintsFor("camera", saved.camera, false),
      });
      mic.adopt(both.getAudioTracks()[0]!);
      camera.adopt(both.getVideoTracks()[0]!);
    } catch (error) {
      if ((error as DOMException).name === "NotAllowedError") {
        mic.fail(error);
        camera.fail(error);
        return;
      }
      await mic.open(saved.microphone);
      await camera.open(saved.camera);
    }
  }

  /** Made inside a click, so the browser lets it run (autoplay policy); the meter needs it. */
  function wakeAudio() {
    audio.current ??= new AudioContext();
    void audio.current.resume();
    setAsked(true);
  }

  function choose(kind: LocalDeviceKind, deviceId: string) {
    wakeAudio();
    saveDevicePreference(kind, deviceId);
    void (kind === "microphone" ? mic : camera).open(deviceId, true);
  }

  function chooseSpeaker(deviceId: string) {
    saveDevicePreference("speaker", deviceId);
    setSpeaker(deviceId);
  }

  const retry = (kind: LocalDeviceKind) => () => {
    wakeAudio();
    void (kind === "microphone" ? mic : camera).open(readDevicePreferences()[kind]);
  };

  return (
    <main className={styles.page}>
      <nav>
        <Link href="/" className={styles.back}>
          ← Back to the halls
        </Link>
      </nav>
      <header className={styles.header}>
        <h1>Check your devices</h1>
        <p className={styles.lead}>Before you walk in: make sure others will hear and see you, that you can hear them, and that your connection is up to it.</p>
      </header>

      {!asked && (
        <section className={styles.start}>
          <div>
            <strong>Your browser will ask to use the camera and microphone.</strong>
            <p className={styles.hint}>Nothing is recorded, and nothing you say or show leaves this page during the check.</p>
          </div>
          <button type="button" onClick={() => void start()} data-testid="start-devices">
            Test camera and microphone
          </button>
        </section>
      )}

      <div className={styles.grid}>
        <Card title="Microphone" area={styles.micArea} state={mic.state} asked={asked}>
          <DeviceSelect label="Microphone" devices={lists.microphones} value={live(mic.state)?.deviceId ?? ""} onChange={(id) => choose("microphone", id)} />
          <DeviceBody kind="microphone" state={mic.state} asked={asked} onRetry={retry("microphone")}>
            {(track) => <MicMeter track={track} context={audio.current!} />}
          </DeviceBody>
        </Card>

        <Card title="Camera" area={styles.cameraArea} state={camera.state} asked={asked}>
          <DeviceSelect label="Camera" devices={lists.cameras} value={live(camera.state)?.deviceId ?? ""} onChange={(id) => choose("camera", id)} />
          <DeviceBody kind="camera" state={camera.state} asked={asked} onRetry={retry("camera")}>
            {(track) => <CameraPreview track={track} />}
          </DeviceBody>
        </Card>

        <section className={`${styles.card} ${styles.speakersArea}`} aria-labelledby="speakers-title">
          <h2 id="speakers-title">Speakers</h2>
          <SpeakerTest speakers={lists.speakers} value={speaker} onChange={chooseSpeaker} />
        </section>

        <section className={`${styles.card} ${styles.networkArea}`} aria-labelledby="network-title">
          <h2 id="network-title">Connection</h2>
          <NetworkCheck />
        </section>
      </div>

      <footer className={styles.footer}>
        <span className={styles.hint}>Your choices are remembered on this device and used in the hall.</span>
        <Link href="/hall/demo" className={styles.enter}>
          Enter the demo hall →
        </Link>
      </footer>
    </main>
  );
}

const live = (state: LocalDeviceState) => (state.status === "live" ? state : undefined);

const statusLabel = (state: LocalDeviceState, asked: boolean): [string, "ok" | "bad" | "wait"] => {
  if (state.status === "live") return ["Working", "ok"];
  if (state.status === "problem") return [{ denied: "Blocked", missing: "Not found", busy: "Busy", insecure: "Unavailable", failed: "Failed" }[state.problem], "bad"];
  return [state.status === "starting" ? "Starting…" : asked ? "Off" : "Not tested", "wait"];
};

function Card({ title, area, state, asked, children }: { title: string; area?: string; state: LocalDeviceState; asked: boolean; children: ReactNode }) {
  const [label, tone] = statusLabel(state, asked);
  const id = `${title.toLowerCase()}-title`;
  return (
    <section className={`${styles.card} ${area ?? ""}`} aria-labelledby={id} data-testid={`${title.toLowerCase()}-card`} data-status={state.status}>
      <h2 id={id}>
        {title} <span className={`${styles.pill} ${styles[tone]}`}>{label}</span>
      </h2>
      {children}
    </section>
  );
}

function DeviceBody({ kind, state, asked, onRetry, children }: { kind: LocalDeviceKind; state: LocalDeviceState; asked: boolean; onRetry: () => void; children: (track: MediaStreamTrack) => ReactNode }) {
  if (state.status === "live") return children(state.track);
  if (state.status === "problem") {
    const text = problemText(kind, state.problem, state.detail);
    return (
      <div className={styles.problem} role="alert" data-testid={`${kind}-problem`} data-problem={state.problem}>
        <strong>{text.title}</strong>
        <p>{text.help}</p>
        <button type="button" className="secondary" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  return <div className={`${styles.placeholder} ${kind === "camera" ? styles.placeholderVideo : ""}`}>{state.status === "starting" ? "Waiting for the browser…" : asked ? "" : `Press “Test camera and microphone” to try your ${kind}.`}</div>;
}
