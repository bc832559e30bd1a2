import type pg from "pg";
import { inTransaction } from "./database.ts";

/**
 * The PostgreSQL schema, as ordered migrations: migration N is `postgresMigrations[N - 1]`. The
 * tables and their meaning match the SQLite migrations (same names, same columns), with
 * PostgreSQL's types: times as `timestamptz`, lists as `text[]`, order of writing as a `bigserial`
 * `seq`. Databases depend on this list: only ever append to it, never edit an entry.
 */
export const postgresMigrations: readonly string[] = [
  `CREATE TABLE halls (id text PRIMARY KEY, name text NOT NULL, scene_id text NOT NULL, created_at timestamptz NOT NULL);
   CREATE TABLE visitors (id text PRIMARY KEY, name text NOT NULL, role text NOT NULL, created_at timestamptz NOT NULL);
   CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);`,
  `CREATE TABLE chat_messages (seq bigserial PRIMARY KEY, id text NOT NULL UNIQUE, hall_id text NOT NULL, visitor_id text NOT NULL,
     name text NOT NULL, role text NOT NULL, scope text NOT NULL, text text NOT NULL, created_at timestamptz NOT NULL);
   CREATE INDEX chat_messages_by_hall ON chat_messages (hall_id, scope, seq);`,
  `CREATE TABLE call_quality (seq bigserial PRIMARY KEY, call_id text NOT NULL, room_id text NOT NULL, hall_id text NOT NULL,
     session_id text NOT NULL, visitor_id text NOT NULL, at timestamptz NOT NULL, source text NOT NULL CHECK (source IN ('client', 'server')),
     rtt_ms double precision, jitter_ms double precision, loss_in_pct double precision, loss_out_pct double precision,
     kbps_in double precision, kbps_out double precision, freezes integer, conceal_pct double precision,
     score integer, level text NOT NULL, ladder text NOT NULL);
   CREATE INDEX call_quality_by_call ON call_quality (call_id, seq);
   CREATE INDEX call_quality_by_visitor ON call_quality (visitor_id, seq);`,
  `CREATE TABLE staff (seq bigserial PRIMARY KEY, id text NOT NULL UNIQUE, email text NOT NULL UNIQUE, display_name text NOT NULL,
     role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'marketer', 'admin')), password_hash text NOT NULL,
     hall_ids text[] NOT NULL, skills text[] NOT NULL, languages text[] NOT NULL, disabled boolean NOT NULL,
     failed_logins integer NOT NULL DEFAULT 0, locked_until timestamptz, created_at timestamptz NOT NULL);
   CREATE TABLE knowledge_articles (hall_id text NOT NULL, id text NOT NULL, lang text NOT NULL CHECK (lang IN ('en', 'zh-CN')),
     title text NOT NULL, body text NOT NULL, tags text[] NOT NULL, updated_at timestamptz NOT NULL, PRIMARY KEY (hall_id, id, lang));
   CREATE TABLE conversation_turns (seq bigserial PRIMARY KEY, id text NOT NULL UNIQUE, conversation_id text NOT NULL,
     hall_id text NOT NULL, visitor_id text NOT NULL, role text NOT NULL CHECK (role IN ('customer', 'concierge')), text text NOT NULL,
     lang text NOT NULL CHECK (lang IN ('en', 'zh-CN')), sources text[] NOT NULL, confidence double precision, created_at timestamptz NOT NULL);
   CREATE INDEX conversation_turns_by_conversation ON conversation_turns (conversation_id, seq);`,
  // Tickets and their timelines, as in SQLite. `number` comes from the column's own sequence, starting at 1001 (distinct
  // under concurrent creates; a rolled-back create may leave a gap). An entry's kind has no CHECK: later features add kinds.
  `CREATE TABLE tickets (number integer GENERATED ALWAYS AS IDENTITY (START WITH 1001) PRIMARY KEY, id text NOT NULL UNIQUE,
     hall_id text NOT NULL, status text NOT NULL CHECK (status IN ('open', 'pending', 'resolved', 'closed')),
     priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')), category text NOT NULL, subject text NOT NULL,
     summary text NOT NULL, lang text NOT NULL CHECK (lang IN ('en', 'zh-CN')), customer_id text NOT NULL, customer_name text NOT NULL,
     agent_id text, agent_name text, conversation_id text, disposition text, csat integer CHECK (csat BETWEEN 1 AND 5), csat_comment text,
     follow_up_at timestamptz, queued_at timestamptz, answered_at timestamptz, first_response_at timestamptz, abandoned_at timestamptz,
     resolved_at timestamptz, closed_at timestamptz, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, search_terms text NOT NULL);
   CREATE INDEX tickets_by_hall ON tickets (hall_id, created_at);
   CREATE INDEX tickets_by_customer ON tickets (customer_id);
   CREATE INDEX tickets_by_agent ON tickets (agent_id);
   CREATE INDEX tickets_by_status ON tickets (status);
   CREATE TABLE ticket_events (seq bigserial PRIMARY KEY, id text NOT NULL UNIQUE, ticket_id text NOT NULL REFERENCES tickets (id),
     at timestamptz NOT NULL, kind text NOT NULL, author_id text, author_name text, text text NOT NULL, data jsonb NOT NULL);
   CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, seq);`,
  // Whiteboards: a row per board (lock, snapshot) and its op log.
  `CREATE TABLE boards (hall_id text NOT NULL, board_id text NOT NULL, locked boolean NOT NULL DEFAULT false, snapshot_clock integer NOT NULL DEFAULT 0,
     snapshot jsonb NOT NULL DEFAULT '[]', created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, PRIMARY KEY (hall_id, board_id));
   CREATE TABLE board_ops (hall_id text NOT NULL, board_id text NOT NULL, clock integer NOT NULL CHECK (clock > 0), at timestamptz NOT NULL,
     actor text NOT NULL, elements jsonb NOT NULL, PRIMARY KEY (hall_id, board_id, clock));`,
  // Files shared in service sessions, as in SQLite.
  `CREATE TABLE files (seq bigserial PRIMARY KEY, id text NOT NULL UNIQUE, ticket_id text NOT NULL REFERENCES tickets (id),
     hall_id text NOT NULL, contact_id text, name text NOT NULL, mime text NOT NULL, size bigint NOT NULL CHECK (size > 0),
     sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
     sender_role text NOT NULL CHECK (sender_role IN ('customer', 'agent', 'system')), sender_id text, sender_name text NOT NULL,
     created_at timestamptz NOT NULL);
   CREATE INDEX files_by_ticket ON files (ticket_id, seq);
   CREATE INDEX files_by_contact ON files (contact_id, seq);`,
  // The studio, as in SQLite.
  `CREATE TABLE scenes (seq bigserial PRIMARY KEY, id text NOT NULL UNIQUE, name text NOT NULL, draft jsonb NOT NULL,
     revision integer NOT NULL CHECK (revision > 0), live_version integer, latest_version integer NOT NULL DEFAULT 0,
     created_by text NOT NULL, created_by_name text NOT NULL, created_at timestamptz NOT NULL,
     updated_by text NOT NULL, updated_by_name text NOT NULL, updated_at timestamptz NOT NULL,
     lock_by text, lock_by_name text, lock_until timestamptz);
   CREATE TABLE scene_versions (scene_id text NOT NULL REFERENCES scenes (id), version integer NOT NULL CHECK (version > 0), name text NOT NULL,
     document jsonb NOT NULL, published_by text NOT NULL, published_by_name text NOT NULL, published_at timestamptz NOT NULL, PRIMARY KEY (scene_id, version));
   CREATE FUNCTION scene_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'a published scene version is immutable'; END $$;
   CREATE TRIGGER scene_versions_immutable BEFORE UPDATE ON scene_versions FOR EACH ROW EXECUTE FUNCTION scene_versions_immutable();
   CREATE TABLE scene_history (seq bigserial PRIMARY KEY, scene_id text NOT NULL REFERENCES scenes (id),
     kind text NOT NULL CHECK (kind IN ('create', 'import', 'save', 'publish', 'rollback')), revision integer, version integer,
     by_id text NOT NULL, by_name text NOT NULL, at timestamptz NOT NULL, document jsonb);
   CREATE INDEX scene_history_by_scene ON scene_history (scene_id, seq);
   CREATE TABLE scene_assets (seq bigserial PRIMARY KEY, id text NOT NULL UNIQUE, name text NOT NULL, description text NOT NULL,
     price text, kb_article_ids jsonb NOT NULL, sha256 text NOT NULL CHECK (length(sha256) = 64), bytes bigint NOT NULL CHECK (bytes > 0),
     original_bytes bigint NOT NULL, triangles integer NOT NULL, created_by text NOT NULL, created_by_name text NOT NULL, created_at timestamptz NOT NULL);`,
];

/** Arbitrary first half of the advisory lock's key, so that it does not collide with other applications' locks. */
const MIGRATION_LOCK = 0x41747269; // "Atri"

/**
 * Applies the migrations this schema has not had yet, in order, all in one transaction: an
 * upgrade happens whole or not at all, and a failing migration is reported with its number.
 * The transaction first takes an advisory lock keyed by the schema, so that servers starting at
 * once over the same database apply each migration once: the second waits, then finds nothing to do.
 */
export async function migratePostgres(pool: pg.Pool, migrations: readonly string[] = postgresMigrations): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", [MIGRATION_LOCK]);
    await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)");
    const { rows } = await client.query<{ v: number }>("SELECT COALESCE(MAX(version), 0)::integer AS v FROM schema_migrations");
    for (let version = rows[0]!.v + 1; version <= migrations.length; version++) {
      try {
        await client.query(migrations[version - 1]!);
        await client.query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())", [version]);
      } catch (error) {
        throw new Error(`migration ${version} failed: ${(error as Error).message}`, { cause: error });
      }
    }
  });
}
