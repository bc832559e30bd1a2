/**
 * A media request refused for a reason the sender can act on (no such transport, already
 * sending that source, not in this hall's media). Its message is written for them; any other
 * error from the SFU is ours, logged, and answered with a generic one.
 */
export class MediaRefused extends Error {
  override name = "MediaRefused";
}
