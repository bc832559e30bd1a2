import { open } from "node:fs/promises";

/**
 * Makes a file's creation or rename in `dir` durable: fsync on the file alone does not persist
 * the directory entry that names it (POSIX), so a crash could lose a file whose bytes were synced.
 */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
