import type { CallQualitySample } from "./storage.ts";

/** The quality record of each call: the windows pages report and the SFU's own view. */
export interface CallQualityRepository {
  /** Stores a batch in one transaction (all of it or nothing); resolves once it is durable. */
  append(samples: readonly CallQualitySample[]): Promise<void>;
  /** A call's samples, oldest first (in the order they were appended): the latest `limit` of them (default 1000). */
  forCall(callId: string, limit?: number): Promise<CallQualitySample[]>;
}
