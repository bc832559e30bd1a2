import type { VisitorRecord } from "./storage.ts";

/** Everyone who has entered with a name; a visitor's id is made here. */
export interface VisitorRepository {
  /** Stores a new visitor under a fresh id. */
  create(visitor: Omit<VisitorRecord, "id" | "createdAt">): Promise<VisitorRecord>;
  get(id: string): Promise<VisitorRecord | undefined>;
}
