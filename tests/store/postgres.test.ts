import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CareerbotError } from '../../src/errors.js';
import { openStore, type AppStore } from '../../src/store/open.js';
import { openPostgresStore, PG_MIGRATIONS, PostgresStore, redactDatabaseUrl } from '../../src/store/postgres.js';
import { MIGRATIONS, SqliteStore } from '../../src/store/sqlite.js';
import { createAutoReply, DEFAULT_AUTO_REPLY_PER_HOUR } from '../../src/use-cases/auto-reply.js';
import {
  createTestDatabase,
  emptyDatabase,
  eventually,
  onDatabase,
  PG_ADMIN_URL,
  pgUrlFor,
  reportPgSkip,
} from '../support/store.js';

/**
 * What only the PostgreSQL store does: two replicas (two stores, two pools) on one database racing
 * for a cooldown and hearing each other's learned phrasings, migrations started by two processes at
 * once, and connection failures that name DATABASE_URL without its password.
 */

reportPgSkip();

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
const MINUTE = 60_000;

async function failure(open: () => Promise<unknown>): Promise<CareerbotError> {
  try {
    const store = await open();
    await (store as AppStore).close();
  } catch (error) {
    expect(error).toBeInstanceOf(CareerbotError);
    return error as CareerbotError;
  }
  throw new Error('expected the store to refuse to open');
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('without a server', () => {
  it('a server that refuses the connection: a coded error naming DATABASE_URL, never the password', async () => {
    const url = `postgres://careerbot:s3cret-pw@127.0.0.1:${await closedPort()}/careerbot`;
    const error = await failure(() => openPostgresStore(url, { connectTimeoutMs: 3_000 }));
    expect(error.code).toBe('careerbot_store_unavailable');
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).toMatch(/refused/);
    expect(error.message).toContain('127.0.0.1');
    expect(error.message).not.toContain('s3cret-pw');
  });

  it('shows a database URL without user name or password', () => {
    expect(redactDatabaseUrl('postgres://bot:pa%40ss@db.internal:5433/careerbot?sslmode=require&password=x')).toBe(
      'postgres://db.internal:5433/careerbot?sslmode=require&password=redacted',
    );
  });

  it('openStore opens the SQLite file when no DATABASE_URL is set', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'careerbot-open-'));
    try {
      const store = await openStore({ databaseUrl: undefined, dataDir: dir });
      expect(store).toBeInstanceOf(SqliteStore);
      expect(store.location).toBe(path.join(dir, 'careerbot.db'));
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('numbers its migrations like the SQLite store, one for one', () => {
    expect(PG_MIGRATIONS.map((m) => [m.version, m.description])).toEqual(MIGRATIONS.map((m) => [m.version, m.description]));
  });
});

describe.skipIf(!PG_ADMIN_URL)('PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const open: AppStore[] = [];
  async function replica(now?: () => number, onError?: (error: unknown) => void): Promise<PostgresStore> {
    const store = await openPostgresStore(database.url, { ...(now ? { now } : {}), ...(onError ? { onError } : {}) });
    open.push(store);
    return store;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  beforeEach(async () => {
    await emptyDatabase(database.url);
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('openStore opens PostgreSQL when DATABASE_URL is set; its location has no credentials', async () => {
    const store = await openStore({ databaseUrl: database.url, dataDir: '/nonexistent/never/used' });
    open.push(store);
    expect(store).toBeInstanceOf(PostgresStore);
    const password = new URL(database.url).password;
    expect(password).not.toBe('');
    expect(store.location).not.toContain(password);
    expect(store.location).toContain(database.name);
  });

  it('two replicas racing for the same cooldown: exactly one wins, and the other is refused afterwards', async () => {
    const [a, b] = [await replica(), await replica()];
    for (let round = 0; round < 5; round++) {
      const topic = `topic-${round}`;
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).claimCooldown('slack:C1', topic, MINUTE, T0)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await a.claimCooldown('slack:C1', topic, MINUTE, T0 + 1)).toBe(false);
      expect(await b.claimCooldown('slack:C1', topic, MINUTE, T0 + 1)).toBe(false);
    }
    expect(await b.claimCooldown('slack:C1', 'topic-0', MINUTE, T0 + MINUTE)).toBe(true);
  });

  it('two replicas share one rate limit and one set of settings', async () => {
    const [a, b] = [await replica(), await replica()];
    const decisions = await Promise.all(
      Array.from({ length: 9 }, (_, i) => (i % 2 === 0 ? a : b).takeRateLimit('slack:U1', 3, MINUTE, T0 + i)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(3);
    await a.setSetting('auto-reply:C1', { topics: ['apis'] });
    expect(await b.getSetting('auto-reply:C1')).toEqual({ topics: ['apis'] });
  });

  it('two replicas share the auto-reply limit per channel and hour: together they post no more than it allows', async () => {
    const [a, b] = [await replica(), await replica()];
    // What each replica's adapter builds (app/start.ts passes the store as `settings`), on one clock.
    let now = T0 + 5 * MINUTE;
    const setups = [a, b].map((store) => createAutoReply({ platform: 'slack', fixed: ['C1'], settings: store, now: () => now }));
    const takes = await Promise.all(
      Array.from({ length: 3 * DEFAULT_AUTO_REPLY_PER_HOUR }, (_, i) => setups[i % 2]!.channelLimit.take('slack:C1')),
    );
    expect(takes.filter((take) => take.allowed)).toHaveLength(DEFAULT_AUTO_REPLY_PER_HOUR);
    // Either replica is refused for the rest of the hour, told when it ends; another channel is not.
    expect(await setups[0]!.channelLimit.take('slack:C1')).toEqual({ allowed: false, retryAfterMs: 55 * MINUTE });
    expect((await setups[1]!.channelLimit.take('slack:C2')).allowed).toBe(true);
    now = T0 + 60 * MINUTE;
    expect((await setups[1]!.channelLimit.take('slack:C1')).allowed).toBe(true);
  });

  it('a learned phrasing taught on one replica is announced to the other, and so is a removal', async () => {
    const [a, b] = [await replica(), await replica()];
    let heardByB = 0;
    b.onLearnedChanged(() => heardByB++);
    await a.recordModeratorLink({ topicId: 'apis', moderatorId: 'U1', platform: 'slack', text: 'what is rest', learn: true });
    await eventually(() => heardByB === 1, 'the NOTIFY of the link on the other replica');
    expect((await b.learnedPhrasings()).map((p) => p.text)).toEqual(['what is rest']);
    await a.removeLearnedPhrasings([(await a.learnedPhrasings())[0]!.id]);
    await eventually(() => heardByB === 2, 'the NOTIFY of the removal on the other replica');
    expect(await b.learnedPhrasings()).toEqual([]);
  });

  it('a transaction that fails announces nothing and keeps nothing', async () => {
    const [a, b] = [await replica(), await replica()];
    let heard = 0;
    b.onLearnedChanged(() => heard++);
    // A null topic id breaks NOT NULL inside the transaction.
    await expect(
      a.recordModeratorLink({
        topicId: null as unknown as string,
        moderatorId: 'U1',
        platform: 'slack',
        text: 'x y',
        learn: true,
      }),
    ).rejects.toThrow();
    await a.recordModeratorLink({
      topicId: 'apis',
      moderatorId: 'U1',
      platform: 'slack',
      text: 'after the failure',
      learn: true,
    });
    await eventually(() => heard === 1, 'the later link');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toBe(1);
    expect(await a.moderatorLinksSince(0)).toBe(1);
  });

  it('two processes starting at once on an empty database migrate it once', async () => {
    const stores = await Promise.all([replica(), replica(), replica()]);
    expect(stores).toHaveLength(3);
    const rows = await onDatabase(database.url, async (client) =>
      (await client.query<{ version: number }>('SELECT version FROM careerbot_schema ORDER BY version')).rows.map(
        (r) => r.version,
      ),
    );
    expect(rows).toEqual(PG_MIGRATIONS.map((m) => m.version));
  });

  it('upgrades a version 1 database to the current schema, keeping its data', async () => {
    await onDatabase(database.url, async (client) => {
      await client.query(
        'CREATE TABLE careerbot_schema (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
      );
      await client.query(PG_MIGRATIONS[0]!.sql);
      await client.query("INSERT INTO careerbot_schema (version, description) VALUES (1, 'v1')");
      await client.query(
        "INSERT INTO learned_phrasings (at, topic_id, text, normalized) VALUES ($1, 'apis', 'What is REST', 'what is rest')",
        [T0],
      );
    });
    const store = await replica();
    expect((await store.learnedPhrasings()).map((p) => p.text)).toEqual(['What is REST']);
    await store.recordAnswered('apis');
    expect(await store.answeredSince(0)).toEqual([{ topicId: 'apis', count: 1 }]);
  });

  it('refuses a database from a newer careerbot, naming it without credentials', async () => {
    await replica();
    await onDatabase(database.url, (client) =>
      client.query("INSERT INTO careerbot_schema (version, description) VALUES (99, 'future')"),
    );
    const error = await failure(() => openPostgresStore(database.url));
    expect(error.code).toBe('careerbot_store_unavailable');
    expect(error.message).toMatch(/newer/);
    expect(error.message).toContain(database.name);
    expect(error.message).not.toContain(new URL(database.url).password);
  });

  it('a wrong password and a missing database: coded errors naming DATABASE_URL, never the password', async () => {
    const wrong = new URL(database.url);
    wrong.password = 'not-the-password';
    const auth = await failure(() => openPostgresStore(wrong.toString()));
    expect(auth.code).toBe('careerbot_store_unavailable');
    expect(auth.message).toMatch(/user name or password/);
    expect(auth.message).toContain('DATABASE_URL');
    expect(auth.message).not.toContain('not-the-password');
    const missing = await failure(() => openPostgresStore(pgUrlFor('careerbot_no_such_db')));
    expect(missing.message).toMatch(/no such database/);
    expect(missing.message).toContain('DATABASE_URL');
    expect(missing.message).not.toContain(new URL(database.url).password);
  });

  it('keeps a text with a NUL character (PostgreSQL text has none) instead of failing the write', async () => {
    const store = await replica(() => T0);
    await store.recordQuestion({ text: 'nul\u0000here', platform: 'slack', channelId: 'C1', outcome: 'fallback' });
    expect((await store.questionsSince(0)).map((q) => q.text)).toEqual(['nul\uFFFDhere']);
  });

  it('restores the notification connection after it is killed, and tells listeners to read again', async () => {
    const errors: unknown[] = [];
    const [a, b] = [await replica(undefined, () => {}), await replica(undefined, (error) => errors.push(error))];
    let heard = 0;
    b.onLearnedChanged(() => heard++);
    // Kill every LISTEN connection of this database from outside, as a server restart would.
    await onDatabase(database.url, (client) =>
      client.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()",
      ),
    );
    await eventually(() => heard >= 1, 'the catch-up call after reconnecting', 10_000);
    const before = heard;
    await a.recordModeratorLink({
      topicId: 'apis',
      moderatorId: 'U1',
      platform: 'slack',
      text: 'after the restart',
      learn: true,
    });
    await eventually(() => heard > before, 'a NOTIFY on the restored connection', 10_000);
    // The loss was reported (npm start logs it), as a coded error without the password.
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors[0]).toMatchObject({
      code: 'careerbot_store_unavailable',
      message: expect.stringMatching(/closed the connection/),
    });
    expect(String((errors[0] as Error).message)).not.toContain(new URL(database.url).password);
  });
});
