import type { HallRecord } from "./storage.ts";

/** The halls a company has opened. */
export interface HallRepository {
  /** Every hall, oldest first (by creation time, then id). */
  list(): Promise<HallRecord[]>;
  get(id: string): Promise<HallRecord | undefined>;
  /** Creates the hall or updates its name and scene in place; `createdAt` stays that of the first put. */
  put(hall: Omit<HallRecord, "createdAt">): Promise<HallRecord>;
}
