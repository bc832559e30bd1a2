import pg from "pg";

/**
 * A pool of connections to the PostgreSQL server at `connectionString` (a `postgres://` URL; its
 * `options=-c search_path=…` may pick a schema). Every connection starts with
 * `synchronous_commit = on` — PostgreSQL's default, set again here (last, so it wins over the
 * URL's own options and the server's configuration): COMMIT returns only once the commit record
 * is flushed to the WAL on disk, so a write this storage acknowledges survives a crash of the
 * database server or of Atrium.
 */
export function openPostgresPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: withSynchronousCommit(connectionString), max });
  // An idle connection the server dropped (restart, failover) is discarded by the pool and the
  // next query opens a fresh one; without a listener the 'error' event would end the process.
  pool.on("error", () => {});
  return pool;
}

/** The URL with `-c synchronous_commit=on` appended to its startup options (sent when connecting, so no query can run before it). */
function withSynchronousCommit(connectionString: string): string {
  const url = new URL(connectionString);
  const options = url.searchParams.get("options");
  url.searchParams.set("options", `${options ? `${options} ` : ""}-c synchronous_commit=on`);
  return url.toString();
}

/** Runs `work` in one transaction on one connection: committed (durably) if it resolves, rolled back if it rejects. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** A Date read from a timestamptz column as the ISO string the storage interfaces speak. */
export const iso = (value: Date): string => value.toISOString();

/** The same for a nullable column. */
export const isoOrNull = (value: Date | null): string | null => (value === null ? null : value.toISOString());
