/**
 * Who may receive whose media inside a hall's SFU room once some of its people are in a
 * private call (a service call: a customer and an agent, say): a member's microphone, camera,
 * screen and data reach only the other members. Members still receive the open hall; the
 * hall does not receive them. A person is in at most one call at a time.
 */
export class PrivateCalls {
  readonly #members = new Map<string, Set<string>>();
  readonly #callOf = new Map<string, string>();

  /** Starts (or re-forms) a call with exactly these members; each leaves any other call. */
  open(callId: string, peerIds: readonly string[]): void {
    if (callId.length === 0) throw new Error("a private call needs an id");
    if (peerIds.length < 2) throw new Error("a private call needs at least two people");
    this.close(callId);
    for (const peerId of peerIds) this.leave(peerId);
    this.#members.set(callId, new Set(peerIds));
    for (const peerId of peerIds) this.#callOf.set(peerId, callId);
  }

  close(callId: string): void {
    for (const peerId of this.#members.get(callId) ?? []) this.#callOf.delete(peerId);
    this.#members.delete(callId);
  }

  /** The person left the hall (or the call); a call left with one member ends. */
  leave(peerId: string): void {
    const callId = this.#callOf.get(peerId);
    if (callId === undefined) return;
    this.#callOf.delete(peerId);
    const members = this.#members.get(callId)!;
    members.delete(peerId);
    if (members.size < 2) this.close(callId);
  }

  callOf(peerId: string): string | undefined {
    return this.#callOf.get(peerId);
  }

  /** Whether media sent by `senderId` may be delivered to `receiverId` at all. */
  mayReceive(receiverId: string, senderId: string): boolean {
    const callId = this.#callOf.get(senderId);
    return callId === undefined || this.#callOf.get(receiverId) === callId;
  }

  /** Every open call and its members, to carry into a room rebuilt on another worker. */
  list(): { callId: string; peerIds: string[] }[] {
    return [...this.#members].map(([callId, members]) => ({ callId, peerIds: [...members] }));
  }
}
