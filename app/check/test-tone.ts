/** Whether this browser can send sound to a chosen output device (Chrome, Edge; not Safari or older Firefox). */
export function canChooseSpeaker(): boolean {
  return typeof AudioContext !== "undefined" && "setSinkId" in AudioContext.prototype;
}

/** A soft three-note chime (C5 E5 G5, then all three) — recognisable, and gentle at any volume. */
const notes = [
  { at: 0, freqs: [523.25] },
  { at: 0.22, freqs: [659.25] },
  { at: 0.44, freqs: [783.99] },
  { at: 0.7, freqs: [523.25, 659.25, 783.99] },
];
const length = 1.9;

/**
 * Plays the chime on `sinkId` (the default output when empty) and resolves when it has finished.
 * Its own AudioContext, so choosing a speaker never disturbs the microphone meter.
 */
export async function playTestTone(sinkId = ""): Promise<void> {
  const ctx = new AudioContext();
  try {
    if (sinkId && canChooseSpeaker()) await (ctx as AudioContext & { setSinkId(id: string): Promise<void> }).setSinkId(sinkId);
    await ctx.resume();
    const master = ctx.createGain();
    master.gain.value = 0.25;
    master.connect(ctx.destination);
    const start = ctx.currentTime + 0.05;
    for (const note of notes) {
      for (const freq of note.freqs) {
        const t = start + note.at;
        const end = note === notes.at(-1) ? length - note.at : 0.6;
        const osc = ctx.createOscillator();
        osc.type = "sine";
        osc.frequency.value = freq;
        const env = ctx.createGain();
        // 15 ms attack avoids a click; the exponential decay sounds like a struck bell.
        env.gain.setValueAtTime(0.0001, t);
        env.gain.exponentialRampToValueAtTime(1 / note.freqs.length, t + 0.015);
        env.gain.exponentialRampToValueAtTime(0.0001, t + end);
        osc.connect(env).connect(master);
        osc.start(t);
        osc.stop(t + end + 0.05);
      }
    }
    await new Promise((r) => setTimeout(r, (length + 0.2) * 1000));
  } finally {
    await ctx.close();
  }
}
