import { z } from "zod";

/**
 * Who someone is to Atrium. `customer` is the anonymous guest of the hall page; the rest are
 * staff, who sign in with a password. (The hall state's role string may also be `concierge` for
 * the server's own bot, which never holds a token, so it is not a Role.)
 */
export const Role = z.enum(["customer", "agent", "supervisor", "marketer", "admin"]);
export type Role = z.infer<typeof Role>;

/** The roles a staff account can have: every role but the anonymous customer. */
export const StaffRole = Role.exclude(["customer"]);
export type StaffRole = z.infer<typeof StaffRole>;

export function isStaffRole(role: string): role is StaffRole {
  return StaffRole.safeParse(role).success;
}
