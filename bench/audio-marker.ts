import type { Page } from "playwright-core";

/**
 * Page-side pieces for timing audio through a browser: a microphone that plays a short tone
 * burst (a marker) when told to, an onset detector on a received voice, and the mapping
 * between an AudioContext's clock and the shared wall clock. Both ends are timed on their
 * audio graph's sample clock (exact to a frame); only the graph-to-wall-clock mapping has
 * slack, about one audio callback (≈ 10 ms), which partly cancels between the two ends.
 *
 * Everything passed to `page.evaluate` / `addInitScript` is serialised, so each function here
 * is self-contained.
 */

interface MarkerWindow {
  __atriumMarker?: {
    context: AudioContext;
    gates: Record<string, GainNode>;
    streams: Record<string, MediaStream>;
    onsets: Record<string, number[]>;
    /** The in-page baseline's receiving side, for its jitter-buffer stats. */
    directReceiver?: RTCPeerConnection;
  };
}

/** The onset detector, an AudioWorklet: reports the context time of the first loud frame after ≥ 0.3 s of quiet. */
const ONSET_WORKLET = `
class AtriumOnset extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.threshold = options.processorOptions.threshold;
    this.armed = false;
    this.lastLoud = -1;
  }
  process(inputs) {
    const channels = inputs[0] || [];
    let loudAt = -1;
    for (const ch of channels) {
      for (let i = 0; i < ch.length; i++) {
        if (Math.abs(ch[i]) > this.threshold) { if (loudAt < 0 || i < loudAt) loudAt = i; break; }
      }
    }
    if (loudAt >= 0) {
      if (this.armed) { this.port.postMessage(currentTime + loudAt / sampleRate); this.armed = false; }
      this.lastLoud = currentTime;
    } else if (!this.armed && currentTime - this.lastLoud > 0.3) {
      this.armed = true;
    }
    return true;
  }
}
registerProcessor("atrium-onset", AtriumOnset);
`;

/**
 * Replaces the page's microphone with a silent tone generator whose bursts we trigger: the hall
 * sends it as the visitor's voice. A second source (`direct`) is kept for the in-page baseline.
 * Run before the page loads.
 */
export async function installMarkerMicrophone(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const media = navigator.mediaDevices;
    const original = media.getUserMedia.bind(media);
    const w = window as unknown as MarkerWindow;
    media.getUserMedia = async (constraints?: MediaStreamConstraints) => {
      if (!constraints?.audio || constraints.video) return original(constraints);
      if (!w.__atriumMarker) {
        const context = new AudioContext({ latencyHint: "interactive" });
        await context.resume();
        const tone = new OscillatorNode(context, { frequency: 1000 });
        tone.start();
        const gates: Record<string, GainNode> = {};
        const streams: Record<string, MediaStream> = {};
        for (const name of ["hall", "direct"]) {
          const gate = new GainNode(context, { gain: 0 });
          const out = context.createMediaStreamDestination();
          out.channelCount = 1;
          tone.connect(gate).connect(out);
          gates[name] = gate;
          streams[name] = out.stream;
        }
        w.__atriumMarker = { context, gates, streams, onsets: {} };
      }
      return w.__atriumMarker.streams.hall!.clone();
    };
  });
}

/** Schedules a 60 ms tone burst on the named source shortly ahead; returns its context time (s). */
export function fireMarker(page: Page, source: "hall" | "direct"): Promise<number> {
  return page.evaluate((name) => {
    const marker = (window as unknown as MarkerWindow).__atriumMarker!;
    const at = marker.context.currentTime + 0.05;
    const gain = marker.gates[name]!.gain;
    gain.setValueAtTime(0.5, at);
    gain.setValueAtTime(0, at + 0.06);
    return at;
  }, source);
}

/**
 * Wall-clock ms (performance.timeOrigin + now) minus context ms, estimated as the smallest
 * difference seen over ~60 ms of samples taken in separate tasks: the sample right after an
 * audio callback has advanced currentTime is the closest to the moment the frames were made.
 * `voiceOf` picks the context of a received voice (hall client); without it, the marker's.
 */
export function clockOffset(page: Page, voiceOf?: string): Promise<number> {
  return page.evaluate(async (peerId) => {
    const context = peerId
      ? window.atrium!.voices.output(peerId)!.context
      : (window as unknown as MarkerWindow).__atriumMarker!.context;
    let best = Infinity;
    const channel = new MessageChannel();
    const end = performance.now() + 60;
    await new Promise<void>((resolve) => {
      channel.port1.onmessage = () => {
        const offset = performance.timeOrigin + performance.now() - context.currentTime * 1000;
        if (offset < best) best = offset;
        if (performance.now() < end) channel.port2.postMessage(0);
        else resolve();
      };
      channel.port2.postMessage(0);
    });
    channel.port1.close();
    return best;
  }, voiceOf ?? null);
}

/**
 * Attaches an onset detector behind a received voice: the hall client's output for `peerId`
 * (after the panner, what the listener hears), or, for `direct`, the page's own loopback
 * RTCPeerConnection pair carrying the marker's second source with no SFU in between.
 */
export async function listenForMarkers(page: Page, target: { peerId: string } | "direct", threshold = 0.05): Promise<void> {
  await page.evaluate(
    async ([code, peerId, level]) => {
      const w = window as unknown as MarkerWindow;
      const marker = w.__atriumMarker;
      let context: BaseAudioContext;
      let node: AudioNode;
      if (peerId) {
        node = window.atrium!.voices.output(peerId)!;
        context = node.context;
      } else {
        // The browser's own WebRTC audio path (encoder, pacer, loopback UDP, jitter buffer,
        // decoder) without our SFU: two peer connections in this page.
        context = marker!.context;
        const send = new RTCPeerConnection();
        const receive = new RTCPeerConnection();
        send.onicecandidate = (e) => e.candidate && void receive.addIceCandidate(e.candidate);
        receive.onicecandidate = (e) => e.candidate && void send.addIceCandidate(e.candidate);
        const track = marker!.streams.direct!.getAudioTracks()[0]!;
        send.addTrack(track, marker!.streams.direct!);
        const arrived = new Promise<MediaStream>((resolve) => (receive.ontrack = (e) => resolve(e.streams[0] ?? new MediaStream([e.track]))));
        await send.setLocalDescription();
        await receive.setRemoteDescription(send.localDescription!);
        await receive.setLocalDescription();
        await send.setRemoteDescription(receive.localDescription!);
        const stream = await arrived;
        marker!.directReceiver = receive;
        // Chrome only feeds remote WebRTC audio to Web Audio while a media element plays it.
        const element = new Audio();
        element.srcObject = stream;
        element.muted = true;
        void element.play();
        node = (context as AudioContext).createMediaStreamSource(stream);
      }
      const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
      await context.audioWorklet.addModule(url);
      const detector = new AudioWorkletNode(context, "atrium-onset", { processorOptions: { threshold: level } });
      const sink = new GainNode(context, { gain: 0 });
      node.connect(detector).connect(sink).connect(context.destination);
      const key = peerId ?? "direct";
      const store = (w.__atriumMarker ??= { context: context as AudioContext, gates: {}, streams: {}, onsets: {} });
      store.onsets[key] = [];
      detector.port.onmessage = (e: MessageEvent<number>) => store.onsets[key]!.push(e.data);
    },
    [ONSET_WORKLET, typeof target === "string" ? null : target.peerId, threshold] as const,
  );
}

/** Waits for the next onset heard on `key` (a peer id or "direct"); its context time (s), or null after `timeoutMs`. */
export async function nextOnset(page: Page, key: string, seen: number, timeoutMs: number): Promise<number | null> {
  try {
    const handle = await page.waitForFunction(
      ([k, n]) => {
        const list = (window as unknown as MarkerWindow).__atriumMarker?.onsets[k as string] ?? [];
        return list.length > (n as number) ? list[n as number] : undefined;
      },
      [key, seen] as const,
      { timeout: timeoutMs, polling: 20 },
    );
    return (await handle.jsonValue()) as number;
  } catch {
    return null;
  }
}

/** Jitter-buffer totals of received audio (s held, samples let out): the hall's voices, or the in-page baseline's. */
export function jitterBufferTotals(page: Page, path: "hall" | "direct"): Promise<{ seconds: number; samples: number }> {
  return page.evaluate(async (which) => {
    if (which === "hall") {
      const s = await window.atrium!.media.stats();
      return { seconds: s.inboundAudioJitterBufferSeconds, samples: s.inboundAudioEmittedSamples };
    }
    const pc = (window as unknown as MarkerWindow).__atriumMarker!.directReceiver!;
    let seconds = 0;
    let samples = 0;
    (await pc.getStats()).forEach((s: { type: string; kind?: string; jitterBufferDelay?: number; jitterBufferEmittedCount?: number }) => {
      if (s.type !== "inbound-rtp" || s.kind !== "audio") return;
      seconds += s.jitterBufferDelay ?? 0;
      samples += s.jitterBufferEmittedCount ?? 0;
    });
    return { seconds, samples };
  }, path);
}
