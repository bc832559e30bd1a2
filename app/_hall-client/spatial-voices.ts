import { mouthOpenFromLevel, rmsOf } from "./mouth-level.ts";
import { VisemeSmoother, visemesOf, VISEME_NOISE_FLOOR, type Visemes } from "./viseme-analyser.ts";
import type { Pose } from "./presence-client.ts";

/** Ear and mouth height: voices come from heads, not feet. */
const HEAD_HEIGHT = 1.6;
/** Samples the mouth follows: 1024 at 48 kHz is ~21 ms, about a quarter of a syllable. */
const MOUTH_WINDOW = 1024;

interface Voice {
  peerId: string;
  element: HTMLAudioElement;
  source: MediaStreamAudioSourceNode;
  panner: PannerNode;
  analyser: AnalyserNode;
  /** The voice as it arrives, before the panner, over ~21 ms: what moves the speaker's mouth. */
  mouth: AnalyserNode;
}

/**
 * Every remote voice goes through its own HRTF PannerNode placed at the speaker's avatar, and
 * the AudioListener follows our avatar's position and facing: people to your left sound left,
 * people far away sound quiet.
 */
export class SpatialVoices {
  readonly #context: AudioContext;
  readonly #voices = new Map<string, Voice>();
  /** ~340 ms at 48 kHz: long enough that a short syllable (or a test beep) is never missed. */
  readonly #samples = new Float32Array(16384);
  readonly #mouthSamples = new Float32Array(MOUTH_WINDOW);
  readonly #mouthSpectrum = new Float32Array(MOUTH_WINDOW / 2);
  /** Per speaker: smoothed visemes, when they were last read, and whether their last window was silent. */
  readonly #lips = new Map<string, { smoother: VisemeSmoother; at: number; silent: boolean }>();

  constructor(context = new AudioContext({ latencyHint: "interactive" })) {
    this.#context = context;
  }

  /** Plays the hall through the speaker chosen on /check, where the browser can choose one. */
  async useSpeaker(deviceId: string): Promise<boolean> {
    const context = this.#context as AudioContext & { setSinkId?: (id: string) => Promise<void> };
    if (!context.setSinkId) return false;
    await context.setSinkId(deviceId);
    return true;
  }

  /** Browsers start audio suspended until a user gesture; call from one (the Enter click). */
  async resume(): Promise<void> {
    if (this.#context.state !== "running") await this.#context.resume();
  }

  add(consumerId: string, peerId: string, track: MediaStreamTrack): void {
    const stream = new MediaStream([track]);
    // Chrome only pulls remote WebRTC audio into Web Audio while a media element plays it too.
    const element = new Audio();
    element.srcObject = stream;
    element.muted = true;
    void element.play().catch(() => undefined);
    const source = this.#context.createMediaStreamSource(stream);
    const panner = new PannerNode(this.#context, {
      panningModel: "HRTF",
      distanceModel: "inverse",
      refDistance: 1.5,
      rolloffFactor: 1.5,
      maxDistance: 40,
      positionY: HEAD_HEIGHT,
    });
    const analyser = new AnalyserNode(this.#context, { fftSize: 16384 });
    source.connect(panner).connect(analyser).connect(this.#context.destination);
    const mouth = new AnalyserNode(this.#context, { fftSize: MOUTH_WINDOW });
    source.connect(mouth);
    this.#voices.set(consumerId, { peerId, element, source, panner, analyser, mouth });
  }

  remove(consumerId: string): void {
    const voice = this.#voices.get(consumerId);
    if (!voice) return;
    voice.source.disconnect();
    voice.panner.disconnect();
    voice.analyser.disconnect();
    voice.mouth.disconnect();
    voice.element.pause();
    voice.element.srcObject = null;
    this.#voices.delete(consumerId);
  }

  /** Called every frame with our pose and a lookup of where each speaker stands now. */
  update(listener: Pose, speakerPose: (peerId: string) => Pose | undefined): void {
    const l = this.#context.listener;
    const t = this.#context.currentTime;
    l.positionX.setTargetAtTime(listener.x, t, 0.02);
    l.positionY.setTargetAtTime(HEAD_HEIGHT, t, 0.02);
    l.positionZ.setTargetAtTime(listener.z, t, 0.02);
    l.forwardX.setTargetAtTime(Math.sin(listener.ry), t, 0.02);
    l.forwardY.setTargetAtTime(0, t, 0.02);
    l.forwardZ.setTargetAtTime(Math.cos(listener.ry), t, 0.02);
    l.upX.value = 0;
    l.upY.value = 1;
    l.upZ.value = 0;
    for (const voice of this.#voices.values()) {
      const pose = speakerPose(voice.peerId);
      if (!pose) continue;
      voice.panner.positionX.setTargetAtTime(pose.x, t, 0.02);
      voice.panner.positionZ.setTargetAtTime(pose.z, t, 0.02);
    }
  }

  /**
   * The last node a peer's voice passes before the speakers (after spatialisation), or
   * undefined while we receive nothing from them: meters and latency measurements tap it.
   */
  output(peerId: string): AudioNode | undefined {
    for (const voice of this.#voices.values()) if (voice.peerId === peerId) return voice.analyser;
    return undefined;
  }

  /**
   * How open a speaker's mouth should be now, from the last ~21 ms of their voice as it arrives;
   * undefined while we receive no voice from them (their avatar then falls back on the speaking flag).
   */
  mouthOpen(peerId: string): number | undefined {
    for (const voice of this.#voices.values()) {
      if (voice.peerId !== peerId) continue;
      voice.mouth.getFloatTimeDomainData(this.#mouthSamples);
      return mouthOpenFromLevel(rmsOf(this.#mouthSamples));
    }
    return undefined;
  }

  /**
   * The speaker's lips now (the 15 `viseme_*` weights, smoothed), from the same ~21 ms of their
   * voice the jaw uses; undefined while we receive no voice from them. Called once a frame per avatar.
   */
  visemes(peerId: string, now = performance.now()): Visemes | undefined {
    for (const voice of this.#voices.values()) {
      if (voice.peerId !== peerId) continue;
      voice.mouth.getFloatTimeDomainData(this.#mouthSamples);
      voice.mouth.getFloatFrequencyData(this.#mouthSpectrum);
      const rms = rmsOf(this.#mouthSamples);
      let lips = this.#lips.get(peerId);
      if (!lips) this.#lips.set(peerId, (lips = { smoother: new VisemeSmoother(), at: now, silent: true }));
      const target = visemesOf({ db: this.#mouthSpectrum, sampleRate: this.#context.sampleRate, rms }, lips.silent);
      const dt = Math.min(0.1, Math.max(0, (now - lips.at) / 1000));
      lips.at = now;
      lips.silent = rms <= VISEME_NOISE_FLOOR;
      return lips.smoother.update(target, dt);
    }
    this.#lips.delete(peerId);
    return undefined;
  }

  /** RMS level after spatialisation, per speaking peer: what this listener actually hears. */
  levels(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const voice of this.#voices.values()) {
      voice.analyser.getFloatTimeDomainData(this.#samples);
      let sum = 0;
      for (const v of this.#samples) sum += v * v;
      out[voice.peerId] = Math.max(out[voice.peerId] ?? 0, Math.sqrt(sum / this.#samples.length));
    }
    return out;
  }

  close(): void {
    for (const id of [...this.#voices.keys()]) this.remove(id);
    void this.#context.close();
  }
}
