import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { AppStore } from '../../src/store/open.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';

/**
 * Store fixtures for every test: a SQLite store in a temporary directory, seeding a data directory,
 * PostgreSQL test databases, and the stores the contract suite runs against.
 */

/** A SQLite store in a new temporary directory; `remove` closes it and deletes the directory. */
export interface TemporaryStore {
  store: SqliteStore;
  dir: string;
  remove(): Promise<void>;
}

export async function temporarySqliteStore(
  prefix = 'careerbot-test-',
  options: { now?: () => number } = {},
): Promise<TemporaryStore> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const store = openSqliteStore(dir, options.now ? { now: options.now } : {});
  return {
    store,
    dir,
    async remove() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Open the SQLite store in `dir` (created when missing), run `use` on it, and close it: seeding or reading a data directory. */
export async function withSqliteStore<T>(dir: string, use: (store: SqliteStore) => Promise<T>): Promise<T> {
  const store = openSqliteStore(dir);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/**
 * The stores the contract suite runs against. SQLite on a temporary directory per test; PostgreSQL on
 * a fresh database per test file, created on the server named by CAREERBOT_TEST_PG_URL (an admin URL;
 * `npm test` starts a throwaway cluster and sets it, see scripts/with-postgres.sh), with the schema
 * dropped before each test so every test starts from an empty store.
 */

export const PG_ADMIN_URL = process.env.CAREERBOT_TEST_PG_URL?.trim() || undefined;
export const NO_PG_REASON = 'no PostgreSQL: set CAREERBOT_TEST_PG_URL or install PostgreSQL binaries';

/** Say once per file why the PostgreSQL cases are skipped. */
export function reportPgSkip(): void {
  if (!PG_ADMIN_URL) console.log(`${NO_PG_REASON} (PostgreSQL store tests skipped)`);
}

export interface StoreHarness {
  name: 'sqlite' | 'postgres';
  /** Why this store's cases are skipped; undefined when they run. */
  skip: string | undefined;
  /** Once per file. */
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** An empty store (a new directory, or a dropped and re-created schema). */
  fresh(now?: () => number): Promise<AppStore>;
  /** Another store on the data of the last `fresh` one: a restart, or a second replica. */
  another(now?: () => number): Promise<AppStore>;
  /** Close every store this harness opened in the current test. */
  closeAll(): Promise<void>;
}

export function sqliteHarness(): StoreHarness {
  let dir: string | undefined;
  const open: AppStore[] = [];
  const track = (store: AppStore) => (open.push(store), store);
  return {
    name: 'sqlite',
    skip: undefined,
    async setup() {},
    async teardown() {},
    async fresh(now) {
      if (dir) await rm(dir, { recursive: true, force: true });
      dir = await mkdtemp(path.join(os.tmpdir(), 'careerbot-contract-'));
      return track(openSqliteStore(dir, now ? { now } : {}));
    },
    async another(now) {
      return track(openSqliteStore(dir!, now ? { now } : {}));
    },
    async closeAll() {
      for (const store of open.splice(0)) await store.close();
      if (dir) await rm(dir, { recursive: true, force: true });
      dir = undefined;
    },
  };
}

/** The admin URL with another database name. */
export function pgUrlFor(database: string): string {
  const url = new URL(PG_ADMIN_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A new, empty database on the test server; `drop` removes it (even with connections left open). */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `careerbot_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: pgUrlFor(name),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Run SQL on a database directly, beside the store. */
export async function onDatabase<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Empty the database: what a new deployment starts from. */
export async function emptyDatabase(url: string): Promise<void> {
  await onDatabase(url, (client) => client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public'));
}

export function postgresHarness(): StoreHarness {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  const open: AppStore[] = [];
  const track = (store: AppStore) => (open.push(store), store);
  return {
    name: 'postgres',
    skip: PG_ADMIN_URL ? undefined : NO_PG_REASON,
    async setup() {
      database = await createTestDatabase();
    },
    async teardown() {
      await database?.drop();
    },
    async fresh(now) {
      await emptyDatabase(database!.url);
      return track(await openPostgresStore(database!.url, now ? { now } : {}));
    },
    async another(now) {
      return track(await openPostgresStore(database!.url, now ? { now } : {}));
    },
    async closeAll() {
      for (const store of open.splice(0)) await store.close();
    },
  };
}

/** Wait until `check` holds (an event from another connection), failing after `timeoutMs`. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
