import { rm } from "node:fs/promises";
import { join } from "node:path";

/** Ids become file names: anything but letters, digits, "-" and "_" could leave the folder or clash. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Where a session's recording lives: `<dir>/<ticketId>/<sessionId>.opus` (a ticket's recordings together, removed together). */
export function recordingPath(dir: string, ticketId: string, sessionId: string): string {
  for (const id of [ticketId, sessionId]) if (!SAFE_ID.test(id)) throw new Error(`not a usable id for a recording's file name: ${JSON.stringify(id)}`);
  return join(dir, ticketId, `${sessionId}.opus`);
}

/** Removes a recording; one already gone is not an error (a retry after a crash, or two purges racing). */
export async function deleteRecording(path: string): Promise<void> {
  await rm(path, { force: true });
}

/**
 * Deletes the recordings older than `retentionDays` (by the file's last write, which is the end
 * of its call) and the ticket folders left empty; returns how many went. Run at start and then
 * every few hours: a recording is never kept much past the deployment's retention period.
 */
export async function purgeExpiredRecordings(dir: string, retentionDays: number, now = Date.now()): Promise<number> {
  const { readdir, stat, rmdir } = await import("node:fs/promises");
  const cutoff = now - retentionDays * 24 * 3600_000;
  let removed = 0;
  const tickets = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const ticket of tickets) {
    if (!ticket.isDirectory() || !SAFE_ID.test(ticket.name)) continue;
    const folder = join(dir, ticket.name);
    const names = await readdir(folder).catch(() => [] as string[]);
    let left = names.length;
    for (const name of names) {
      const path = join(folder, name);
      const info = await stat(path).catch(() => undefined);
      if (info?.isFile() && name.endsWith(".opus") && info.mtimeMs < cutoff) {
        await deleteRecording(path);
        removed++;
        left--;
      }
    }
    if (left === 0) await rmdir(folder).catch(() => undefined);
  }
  return removed;
}
