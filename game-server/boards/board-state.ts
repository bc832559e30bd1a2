import { BoardLimits, elementWins, type BoardElement } from "../protocol/board.ts";

/** An element as the board keeps it: the winning put and the clock it was accepted at. */
interface Kept {
  element: BoardElement;
  clock: number;
}

export class BoardFull extends Error {
  override name = "BoardFull";
}

/**
 * One board in memory, pure: every element's winning put (deleted ones too, so a late put of an
 * old version cannot bring an element back) and the board's clock — one step per accepted op.
 * `BoardService` stores an op before it calls `commit`, so what this holds is what storage holds.
 */
export class BoardState {
  readonly #elements = new Map<string, Kept>();
  #clock: number;
  #live = 0;
  locked: boolean;

  constructor(options: { clock?: number; locked?: boolean; elements?: readonly BoardElement[] } = {}) {
    this.#clock = options.clock ?? 0;
    this.locked = options.locked ?? false;
    for (const e of options.elements ?? []) this.#keep(e, this.#clock);
  }

  get clock(): number {
    return this.#clock;
  }

  /** Elements not deleted. */
  get live(): number {
    return this.#live;
  }

  get size(): number {
    return this.#elements.size;
  }

  /**
   * Which of these puts win over what the board has (the rest are stale: a newer version is
   * here). Throws `BoardFull` if the winners would take the board past its element limit.
   * Changes nothing: `commit` applies the winners once they are stored.
   */
  winners(elements: readonly BoardElement[]): { winners: BoardElement[]; stale: string[] } {
    const byId = new Map<string, BoardElement>();
    // Within one message the last put of an id that wins is the one that counts.
    for (const e of elements) if (elementWins(e, byId.get(e.id))) byId.set(e.id, e);
    const winners: BoardElement[] = [];
    const stale: string[] = [];
    let live = this.#live;
    for (const e of byId.values()) {
      const current = this.#elements.get(e.id)?.element;
      if (!elementWins(e, current)) {
        stale.push(e.id);
        continue;
      }
      live += (e.isDeleted ? 0 : 1) - (current && !current.isDeleted ? 1 : 0);
      winners.push(e);
    }
    if (live > BoardLimits.elementsPerBoard && live > this.#live) {
      throw new BoardFull(`the board is full (${BoardLimits.elementsPerBoard} elements): delete some first`);
    }
    return { winners, stale };
  }

  /** Applies an op that was stored with the next clock. */
  commit(winners: readonly BoardElement[]): number {
    this.#clock++;
    for (const e of winners) this.#keep(e, this.#clock);
    return this.#clock;
  }

  /** Deletes of every live element, one version up (a clear, as ordinary puts). */
  clearing(): BoardElement[] {
    const out: BoardElement[] = [];
    for (const { element } of this.#elements.values()) {
      if (element.isDeleted) continue;
      // The lowest nonce: a clear wins the tie with an edit made at the same moment.
      out.push({ ...element, isDeleted: true, version: element.version + 1, versionNonce: -(2 ** 31) });
    }
    return out;
  }

  /** Every element, deleted ones included (a snapshot). */
  all(): BoardElement[] {
    return [...this.#elements.values()].map((k) => k.element);
  }

  /** Elements not deleted, in the order they were first put. */
  visible(): BoardElement[] {
    return this.all().filter((e) => !e.isDeleted);
  }

  /** What changed after `clock` (deletes included), or null when that is too much and the whole board should go instead. */
  since(clock: number): BoardElement[] | null {
    if (clock > this.#clock) return null; // a clock from before a restart that lost nothing cannot be ahead: resend all
    const changed: BoardElement[] = [];
    for (const k of this.#elements.values()) {
      if (k.clock <= clock) continue;
      changed.push(k.element);
      if (changed.length > BoardLimits.catchUpMax) return null;
    }
    return changed;
  }

  #keep(e: BoardElement, clock: number): void {
    const before = this.#elements.get(e.id)?.element;
    this.#live += (e.isDeleted ? 0 : 1) - (before && !before.isDeleted ? 1 : 0);
    this.#elements.set(e.id, { element: e, clock });
  }
}
