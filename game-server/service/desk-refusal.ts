/** Why the desk refused a request: the sender's doing (bad id, not theirs, too late), never ours. */
export type DeskRefusalCode = "not_found" | "not_allowed" | "conflict" | "expired" | "invalid";

const STATUS: Record<DeskRefusalCode, number> = { not_found: 404, not_allowed: 403, conflict: 409, expired: 409, invalid: 400 };

/**
 * A refusal the hall plugin answers as an error message and the REST routes as a status
 * (`status`); thrown before anything changed, so the queue and tickets stay as they were.
 */
export class DeskRefusal extends Error {
  override readonly name = "DeskRefusal";
  readonly code: DeskRefusalCode;

  constructor(code: DeskRefusalCode, message: string) {
    super(message);
    this.code = code;
  }

  get status(): number {
    return STATUS[this.code];
  }
}
