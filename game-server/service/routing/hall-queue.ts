import { compareServing, type InServingOrder } from "./priority.ts";

/**
 * One hall's waiting contacts, kept in serving order (`priority.ts`). The order of two waiting
 * contacts never changes, so the queue is sorted on insert and stays sorted: position is a
 * binary search, and the router reads it front to back. Sizes are bounded by the queue cap
 * (tens to a few hundred), where a splice beats any tree.
 */
export class HallQueue<T extends InServingOrder> {
  readonly #items: T[] = [];

  get size(): number {
    return this.#items.length;
  }

  /** The contact at 0-based `index` in serving order. */
  at(index: number): T | undefined {
    return this.#items[index];
  }

  /** In serving order. */
  items(): readonly T[] {
    return this.#items;
  }

  /** Adds a contact in its place; returns its 1-based position. */
  insert(item: T): number {
    const index = this.#lowerBound(item);
    this.#items.splice(index, 0, item);
    return index + 1;
  }

  remove(item: T): boolean {
    const index = this.#indexOf(item);
    if (index < 0) return false;
    this.#items.splice(index, 1);
    return true;
  }

  /** 1-based position, or undefined when the contact is not in this queue. */
  positionOf(item: T): number | undefined {
    const index = this.#indexOf(item);
    return index < 0 ? undefined : index + 1;
  }

  #indexOf(item: T): number {
    const index = this.#lowerBound(item);
    return this.#items[index] === item ? index : -1;
  }

  /** The first index whose contact is not served before `item`. */
  #lowerBound(item: T): number {
    let lo = 0;
    let hi = this.#items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareServing(this.#items[mid]!, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
