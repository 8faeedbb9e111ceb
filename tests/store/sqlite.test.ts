import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { CareerbotError } from '../../src/errors.js';
import { DATABASE_FILE, dayOf, migrate, MIGRATIONS, openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';

/** The SQLite store on temporary directories: round trips, migrations, and failures that name the file. */

let dir: string;
const open: SqliteStore[] = [];
function openStore(now?: () => number): SqliteStore {
  const store = openSqliteStore(dir, now ? { now } : {});
  open.push(store);
  return store;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'careerbot-store-'));
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * Open the store in `target` with the directory and its files made read-only. Root ignores file
 * permissions through its capabilities, so as root the attempt runs in a child process that is still
 * root (it can read the checkout, even under a private 0700 directory) but has lost CAP_DAC_OVERRIDE
 * and CAP_DAC_READ_SEARCH (util-linux's setpriv), so the read-only bits bind it like anyone else.
 */
function openWithoutWriteAccess(target: string): { code: string | undefined; message: string } {
  const files = [target, ...readdirSync(target).map((name) => path.join(target, name))];
  for (const file of files) chmodSync(file, statSync(file).isDirectory() ? 0o555 : 0o444);
  try {
    if (process.getuid?.() === 0) {
      const script = `
        import { openSqliteStore } from ${JSON.stringify(path.join(PROJECT_ROOT, 'src/store/sqlite.ts'))};
        try { openSqliteStore(process.argv[1]); console.log(JSON.stringify({ opened: true })); }
        catch (error) { console.log(JSON.stringify({ code: error.code, message: error.message })); }`;
      const child = spawnSync(
        'setpriv',
        [
          '--bounding-set=-dac_override,-dac_read_search',
          process.execPath,
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          script,
          target,
        ],
        { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 15_000 },
      );
      expect(child.error, "setpriv (util-linux) is needed to drop root's file capabilities").toBeUndefined();
      const result = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as { code?: string; message?: string };
      expect(result.message, child.stderr).toBeDefined();
      return { code: result.code, message: result.message ?? '' };
    }
    try {
      void openSqliteStore(target).close();
    } catch (error) {
      return { code: (error as CareerbotError).code, message: (error as Error).message };
    }
    throw new Error('expected the store to refuse to open');
  } finally {
    for (const file of files) chmodSync(file, statSync(file).isDirectory() ? 0o755 : 0o644);
  }
}

/** Read a database directly, beside the store, and close it again. */
function peek<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);

// The interface-level round trips (questions, feedback, links, learning, settings, cooldowns, rate
// limits) run against every store in store-contract.test.ts; here, what only the SQLite file shows.
describe('what the file holds', () => {
  it('keeps no user names or ids with questions, and counts answers per topic and day only', async () => {
    const store = openStore(() => T0);
    await store.recordQuestion({ text: 'how do i become a wizard', platform: 'slack', channelId: 'C1', outcome: 'fallback' });
    await store.recordAnswered('databases');
    await store.recordAnswered('databases');
    await store.recordAnswered('apis', T0 - DAY);
    const columns = peek(store.location, (db) =>
      db
        .prepare("SELECT name FROM pragma_table_info('questions')")
        .all()
        .map((row) => (row as { name: string }).name),
    );
    expect(columns).toEqual(['id', 'at', 'platform', 'channel_id', 'outcome', 'text']);
    const rows = peek(store.location, (db) => db.prepare('SELECT * FROM answered_daily ORDER BY day').all());
    expect(rows).toEqual([
      { day: dayOf(T0 - DAY), topic_id: 'apis', count: 1 },
      { day: dayOf(T0), topic_id: 'databases', count: 2 },
    ]);
  });

  it('keeps settings as JSON text in the file; cooldowns, rate limits and window counts stay in memory, bounded', async () => {
    const store = openStore(() => T0);
    await store.setSetting('auto-reply:C1', ['databases']);
    expect(peek(store.location, (db) => db.prepare('SELECT key, value FROM settings').all())).toEqual([
      { key: 'auto-reply:C1', value: '["databases"]' },
    ]);
    for (let i = 0; i < 12_000; i++) await store.claimCooldown(`slack:C${i}`, 'apis', 60_000, T0);
    for (let i = 0; i < 12_000; i++) await store.takeRateLimit(`slack:U${i}`, 5, 60_000, T0);
    for (let i = 0; i < 12_000; i++) await store.takeWindowCount(`auto-reply:slack:C${i}`, 6, 3_600_000, T0);
    expect(store.limitsSize).toEqual({ cooldowns: 10_000, rateLimits: 10_000, windowCounts: 10_000 });
    // The most recent claims are the ones kept.
    expect(await store.claimCooldown('slack:C11999', 'apis', 60_000, T0 + 1)).toBe(false);
  });
});

describe('records written together (group commit)', () => {
  it('commits the records made in one turn, each promise settling with its own record; a bad one fails alone', async () => {
    const store = openStore(() => T0);
    const question = (text: string, outcome = 'fallback') =>
      store.recordQuestion({ text, platform: 'slack', channelId: 'C1', outcome: outcome as 'fallback' });
    const settled = await Promise.allSettled([
      question('first'),
      store.recordAnswered('databases'),
      question('breaks the CHECK constraint', 'no-such-outcome'),
      store.recordFeedback({ platform: 'slack', topicId: 'apis', vote: 'up' }),
      question('last'),
    ]);
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(peek(store.location, (db) => db.prepare('SELECT text FROM questions ORDER BY id').all())).toEqual([
      { text: 'first' },
      { text: 'last' },
    ]);
    expect(await store.answeredSince(0)).toEqual([{ topicId: 'databases', count: 1 }]);
    expect(await store.feedbackSince(0)).toEqual([{ topicId: 'apis', up: 1, down: 0 }]);
  });

  it('a read made before a write settled still sees it, and closing commits what is queued', async () => {
    const store = openSqliteStore(dir, { now: () => T0 });
    const writes = [
      store.recordQuestion({ text: 'not awaited yet', platform: 'discord', channelId: null, outcome: 'clarify' }),
      store.setSetting('auto-reply:C1', ['on']),
    ];
    expect((await store.questionsSince(0)).map((q) => q.text)).toEqual(['not awaited yet']);
    expect(await store.getSetting('auto-reply:C1')).toEqual(['on']);
    const queued = store.recordAnswered('apis');
    await store.close();
    await Promise.all([...writes, queued]);
    expect(peek(store.location, (db) => db.prepare('SELECT topic_id, count FROM answered_daily').all())).toEqual([
      { topic_id: 'apis', count: 1 },
    ]);
    await expect(store.recordAnswered('apis')).rejects.toThrow(/closed/);
  });
});

describe('schema migrations', () => {
  const version = (file: string) => peek(file, (db) => db.pragma('user_version', { simple: true }));

  it('creates the current schema in an empty directory, in WAL mode, and re-opens without migrating again', async () => {
    const nested = path.join(dir, 'not', 'yet');
    const store = openSqliteStore(nested);
    open.push(store);
    expect(store.location).toBe(path.join(nested, DATABASE_FILE));
    expect(version(store.location)).toBe(MIGRATIONS.at(-1)!.version);
    expect(peek(store.location, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
    await store.close();
    const again = openSqliteStore(nested);
    open.push(again);
    expect(version(again.location)).toBe(MIGRATIONS.at(-1)!.version);
  });

  it('versions are ordered 1, 2, ... with no gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('upgrades a version 1 database to the current schema, keeping its data', async () => {
    const file = path.join(dir, DATABASE_FILE);
    const old = new Database(file);
    expect(migrate(old, MIGRATIONS.slice(0, 1))).toBe(1);
    old
      .prepare('INSERT INTO learned_phrasings (at, topic_id, text, normalized) VALUES (?, ?, ?, ?)')
      .run(T0, 'apis', 'What is REST', 'what is rest');
    old.close();
    const store = openStore();
    expect(version(file)).toBe(MIGRATIONS.at(-1)!.version);
    expect((await store.learnedPhrasings()).map((p) => p.text)).toEqual(['What is REST']);
    await store.recordAnswered('apis');
    expect(await store.answeredSince(0)).toEqual([{ topicId: 'apis', count: 1 }]);
  });

  it('refuses a database from a newer careerbot, naming the file', () => {
    const file = path.join(dir, DATABASE_FILE);
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openSqliteStore(dir)).toThrow(/newer/);
    expect(() => openSqliteStore(dir)).toThrow(file);
  });
});

describe('a database that cannot be used gives a clear error at start, naming the path', () => {
  function failure(run: () => unknown): CareerbotError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(CareerbotError);
      return error as CareerbotError;
    }
    throw new Error('expected the store to refuse to open');
  }

  it('a corrupt file (garbage written over careerbot.db)', () => {
    const file = path.join(dir, DATABASE_FILE);
    writeFileSync(file, 'this is not a database, just some garbage bytes\n'.repeat(200));
    const error = failure(() => openSqliteStore(dir));
    expect(error.code).toBe('careerbot_store_unavailable');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/corrupt/);
    expect(error.message).toMatch(/backup|move it aside/);
  });

  it('a database whose pages were damaged after its header', async () => {
    const store = openSqliteStore(dir);
    for (let i = 0; i < 300; i++)
      await store.recordQuestion({ text: `question ${i} `.repeat(20), platform: 'slack', channelId: 'C', outcome: 'fallback' });
    await store.close();
    const file = path.join(dir, DATABASE_FILE);
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Keep the 100-byte header and the first page, scribble over the rest.
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 4096);
    writeFileSync(file, bytes);
    const error = failure(() => openSqliteStore(dir));
    expect(error.code).toBe('careerbot_store_unavailable');
    expect(error.message).toContain(file);
  });

  it('a data directory that cannot be created (a file stands in the way)', () => {
    const blocker = path.join(dir, 'blocker');
    writeFileSync(blocker, 'a file, not a directory');
    const error = failure(() => openSqliteStore(path.join(blocker, 'data')));
    expect(error.code).toBe('careerbot_store_unavailable');
    expect(error.message).toContain(path.join(blocker, 'data', DATABASE_FILE));
    expect(error.message).toContain('DATA_DIR');
  });

  it('careerbot.db is a directory', () => {
    mkdirSync(path.join(dir, DATABASE_FILE));
    const error = failure(() => openSqliteStore(dir));
    expect(error.code).toBe('careerbot_store_unavailable');
    expect(error.message).toContain(path.join(dir, DATABASE_FILE));
  });

  it('an unwritable data directory', () => {
    const locked = path.join(dir, 'locked');
    mkdirSync(locked);
    const error = openWithoutWriteAccess(locked);
    expect(error.code).toBe('careerbot_store_unavailable');
    expect(error.message).toContain(path.join(locked, DATABASE_FILE));
    expect(error.message).toMatch(/writable/);
    expect(existsSync(path.join(locked, DATABASE_FILE))).toBe(false);
  });

  it('a database file this user may read but not write', async () => {
    const store = openSqliteStore(dir);
    await store.recordQuestion({ text: 'existing', platform: 'slack', channelId: 'C', outcome: 'fallback' });
    await store.close();
    const error = openWithoutWriteAccess(dir);
    expect(error.code).toBe('careerbot_store_unavailable');
    expect(error.message).toContain(path.join(dir, DATABASE_FILE));
    expect(error.message).toMatch(/writable/);
  });
});
