import type { types } from "mediasoup";
import { MediaRefused } from "./media-refused.ts";

/** The data channels the SFU knows; a data producer with any other label is refused. */
export type DataLabel = "events" | "face" | "board" | "probe";

export interface DataLabelRule {
  /**
   * `hall`: a MediaRoom forwards it to the other peers of the hall that subscribed to the label
   * and may receive it (`canReceiveData`, private calls). `self`: never forwarded to anyone else —
   * the device check's echo, which a NetworkProbe sends back to its own sender on a router of its own.
   */
  fanOut: "hall" | "self";
  /**
   * `reliable`: ordered and retransmitted (SCTP defaults). `lossy`: unordered and given up after
   * `maxRetransmits` or `maxPacketLifeTime` — a late face frame is worth nothing.
   */
  delivery: "reliable" | "lossy";
}

export const DATA_LABELS: Readonly<Record<DataLabel, DataLabelRule>> = {
  /** Hall events between pages (today: the e2e's ping and pong); reach subscribers only. */
  events: { fanOut: "hall", delivery: "reliable" },
  /** Face frames (blendshape weights) for digital humans: to the people the hall says may see the face. */
  face: { fanOut: "hall", delivery: "lossy" },
  /** Whiteboard strokes: every stroke, in order. */
  board: { fanOut: "hall", delivery: "reliable" },
  /** The /check page's round-trip pings (NetworkProbe). */
  probe: { fanOut: "self", delivery: "lossy" },
};

/**
 * What a page receives when it joins with data channels on and names no labels: every channel
 * sent to the hall, as before labels had rules (still under `canReceiveData` and private calls).
 * A page that names the labels its features use receives nothing else.
 */
export const DEFAULT_DATA_LABELS: readonly DataLabel[] = (Object.keys(DATA_LABELS) as DataLabel[]).filter((label) => DATA_LABELS[label].fanOut === "hall");

export function isDataLabel(label: string): label is DataLabel {
  return Object.hasOwn(DATA_LABELS, label);
}

/**
 * The rule of a data producer's label, checked against how its channel is set up (SCTP only;
 * a server peer's direct channel has no stream parameters). Refuses unknown labels, a label
 * used where it is not forwarded (`fanOut`), and a channel of the wrong delivery.
 */
export function checkDataProducer(label: string, fanOut: DataLabelRule["fanOut"], sctp?: types.SctpStreamParameters): DataLabel {
  if (!isDataLabel(label)) throw new MediaRefused(`unknown data channel "${label}"; known: ${Object.keys(DATA_LABELS).join(", ")}`);
  const rule = DATA_LABELS[label];
  if (rule.fanOut !== fanOut) throw new MediaRefused(`data channel "${label}" is not sent ${fanOut === "hall" ? "to the hall" : "to oneself"}`);
  if (!sctp) return label;
  const lossy = sctp.ordered === false && (sctp.maxRetransmits !== undefined || sctp.maxPacketLifeTime !== undefined);
  const reliable = sctp.ordered !== false && sctp.maxRetransmits === undefined && sctp.maxPacketLifeTime === undefined;
  if (rule.delivery === "lossy" && !lossy) throw new MediaRefused(`data channel "${label}" must be unordered with maxRetransmits or maxPacketLifeTime`);
  if (rule.delivery === "reliable" && !reliable) throw new MediaRefused(`data channel "${label}" must be ordered and reliable`);
  return label;
}

/** Largest data-channel message by default, in bytes: the hall protocol's `Limits.maxDataMessageBytes`. */
export const DEFAULT_MAX_DATA_MESSAGE_BYTES = 4 * 1024;
