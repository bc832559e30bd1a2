import { randomBytes } from "node:crypto";
import pg from "pg";

/** The PostgreSQL server tests use: `ATRIUM_TEST_DATABASE_URL`, else the one these machines and CI run. */
export const testDatabaseUrl = process.env.ATRIUM_TEST_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";

/** Why the PostgreSQL tests cannot run here (no server answers at `testDatabaseUrl`), or undefined when they can. */
export async function postgresUnavailable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (error) {
    return `no PostgreSQL answers at ${testDatabaseUrl} (${(error as Error).message}); set ATRIUM_TEST_DATABASE_URL to run these tests`;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface TestSchema {
  /** Its name, `atrium_t_<random>`. */
  name: string;
  /** `testDatabaseUrl` with every connection's search_path set to this schema: what the storage under test is given. */
  url: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/** A fresh, empty schema of its own for one test, so that tests (and parallel runs) never see each other's tables. */
export async function createTestSchema(): Promise<TestSchema> {
  const name = `atrium_t_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE SCHEMA ${name}`);
  const url = new URL(testDatabaseUrl);
  url.searchParams.set("options", `-c search_path=${name}`);
  return { name, url: url.toString(), drop: () => adminQuery(`DROP SCHEMA IF EXISTS ${name} CASCADE`) };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
