/**
 * Who may receive whose media inside a hall's SFU room once some of its people are in a
 * private service session (a customer and an agent, say): a member's microphone, camera and
 * screen reach only the other members. Members still hear the open hall; the hall does not
 * hear them. A person is in at most one session at a time.
 */
export class PrivateSessions {
  readonly #members = new Map<string, Set<string>>();
  readonly #sessionOf = new Map<string, string>();

  /** Starts (or re-forms) a session with exactly these members; each leaves any other session. */
  open(sessionId: string, peerIds: readonly string[]): void {
    if (sessionId.length === 0) throw new Error("a private session needs an id");
    if (peerIds.length < 2) throw new Error("a private session needs at least two people");
    this.close(sessionId);
    for (const peerId of peerIds) this.leave(peerId);
    this.#members.set(sessionId, new Set(peerIds));
    for (const peerId of peerIds) this.#sessionOf.set(peerId, sessionId);
  }

  close(sessionId: string): void {
    for (const peerId of this.#members.get(sessionId) ?? []) this.#sessionOf.delete(peerId);
    this.#members.delete(sessionId);
  }

  /** The person left the hall (or the session); a session left with one member ends. */
  leave(peerId: string): void {
    const sessionId = this.#sessionOf.get(peerId);
    if (sessionId === undefined) return;
    this.#sessionOf.delete(peerId);
    const members = this.#members.get(sessionId)!;
    members.delete(peerId);
    if (members.size < 2) this.close(sessionId);
  }

  sessionOf(peerId: string): string | undefined {
    return this.#sessionOf.get(peerId);
  }

  /** Whether media sent by `senderId` may be delivered to `listenerId` at all. */
  mayReceive(listenerId: string, senderId: string): boolean {
    const session = this.#sessionOf.get(senderId);
    return session === undefined || this.#sessionOf.get(listenerId) === session;
  }

  /** Every open session and its members, to carry into a room rebuilt on another worker. */
  list(): { sessionId: string; peerIds: string[] }[] {
    return [...this.#members].map(([sessionId, members]) => ({ sessionId, peerIds: [...members] }));
  }
}
