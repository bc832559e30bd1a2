import { z } from "zod";

/**
 * Server → a hall instance's visitors: the hall they are in was published anew (or given another
 * scene). Nothing changes under them; the page says so gently and a reload brings the new hall.
 */
export const HALL_UPDATED = "hall:updated";
export interface HallUpdatedPayload {
  hallId: string;
  /** The live version now, when a scene was published or rolled back. */
  version?: number;
}

/** The room type of a studio preview: a private instance of a hall showing a draft (marketers and admins only). */
export const HALL_PREVIEW_ROOM = "hall-preview";

/** The options a preview join adds to a hall join: the scene whose draft is shown. */
export const PreviewJoin = z.object({ preview: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "a scene id") });
