import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CareerbotError, isCareerbotError } from '../errors.js';
import { normalize } from '../text/normalize.js';
import { InProcessLimits, Listeners, settingJson } from './in-process.js';
import type { JsonValue, RateLimitDecision, SharedState } from './shared.js';
import type {
  AutoReplyEvent,
  ChannelAutoReplies,
  CareerStore,
  FeedbackRecord,
  LearnedPhrasing,
  LearnOutcome,
  ModeratorLinkRecord,
  QuestionRecord,
  StoredQuestion,
  TopicCount,
  TopicFeedback,
} from './store.js';

/**
 * The embedded store: one SQLite file, `DATA_DIR/careerbot.db`, for one bot process (docs/store.md).
 * WAL journal with synchronous=FULL, so every committed write survives a crash of the process (and of
 * the machine). Records made within GROUP_COMMIT_MS of each other are committed together (one fsync);
 * each promise resolves when its record is committed, so a crash loses at most the writes in flight.
 */

export const DATABASE_FILE = 'careerbot.db';

/**
 * How long the first queued record waits for others to share its commit. A turn of the event loop
 * was the window before; the Slack adapter now does one request's work per turn (adapters/shared/
 * after-acks.ts), so that meant an fsync per record again, a fifth of the process's time under load.
 */
export const GROUP_COMMIT_MS = 10;

export interface Migration {
  /** The `user_version` after this migration. */
  version: number;
  description: string;
  sql: string;
}

/** The schema's history, oldest first. Never edit a released migration: add the next one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'unanswered questions, feedback, moderator links, learned phrasings',
    sql: `
      CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        platform TEXT NOT NULL,
        channel_id TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('clarify', 'fallback')),
        text TEXT NOT NULL
      );
      CREATE INDEX questions_at ON questions (at);
      CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        platform TEXT NOT NULL,
        topic_id TEXT NOT NULL,
        vote TEXT NOT NULL CHECK (vote IN ('up', 'down'))
      );
      CREATE INDEX feedback_at ON feedback (at);
      CREATE TABLE moderator_links (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        platform TEXT NOT NULL,
        topic_id TEXT NOT NULL,
        moderator_id TEXT NOT NULL,
        text TEXT
      );
      CREATE INDEX moderator_links_at ON moderator_links (at);
      CREATE TABLE learned_phrasings (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        topic_id TEXT NOT NULL,
        text TEXT NOT NULL,
        normalized TEXT NOT NULL UNIQUE
      );
    `,
  },
  {
    version: 2,
    description: 'answered questions per topic and day (counts only)',
    sql: `
      CREATE TABLE answered_daily (
        day TEXT NOT NULL,
        topic_id TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, topic_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    description: 'settings shared by the adapters (JSON values); on PostgreSQL also cooldowns and rate limits',
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    description: 'automatic replies: posted, feedback, removals, per channel (issue 13)',
    sql: `
      CREATE TABLE auto_replies (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        topic_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('posted', 'up', 'down', 'removed', 'solved'))
      );
      CREATE INDEX auto_replies_at ON auto_replies (at);
    `,
  },
  {
    version: 5,
    description:
      'automatic replies counted per channel and hour, rate limits decided in one statement; on PostgreSQL only (one SQLite process counts in memory)',
    sql: '-- nothing in the file: like cooldowns and rate limits, the counts of one process stay in its memory',
  },
];

/** Bring a database up to the last of `migrations`, each in its own transaction; returns the version reached. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new CareerbotError(
      'careerbot_store_schema_newer',
      `its schema is version ${current}, newer than this careerbot knows (${latest}): it was written by a newer version`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

/** The UTC day of a time, as stored in `answered_daily`. */
export function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

function unavailable(file: string, what: string, cause: unknown): CareerbotError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new CareerbotError('careerbot_store_unavailable', `the data store ${file} ${what} (${reason})`, { cause });
}

/** Why SQLite refused, in words that say what to do. */
function explain(file: string, error: unknown): CareerbotError {
  // Extended result codes (SQLITE_READONLY_DIRECTORY, SQLITE_IOERR_WRITE, ...) by their primary code.
  const code = String((error as { code?: unknown }).code ?? '')
    .split('_')
    .slice(0, 2)
    .join('_');
  switch (code) {
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return unavailable(
        file,
        'is not a readable SQLite database or is corrupt: restore it from a backup, or move it aside to start with an empty store',
        error,
      );
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_IOERR':
      return unavailable(
        file,
        'cannot be opened for writing: check that the file and its directory are writable by this user (DATA_DIR sets the directory)',
        error,
      );
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return unavailable(file, 'is locked by another process', error);
    default:
      return unavailable(file, 'cannot be opened', error);
  }
}

export interface SqliteStoreOptions {
  /** The clock (ms since the epoch) for records that carry no time; tests pass their own. */
  now?: () => number;
}

/**
 * Open (creating when missing) `dir/careerbot.db`, check it, and migrate it to the current schema.
 * Any failure is a `careerbot_store_unavailable` error naming the file and what to do.
 */
export function openSqliteStore(dir: string, options: SqliteStoreOptions = {}): SqliteStore {
  const file = path.join(path.resolve(dir), DATABASE_FILE);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw new CareerbotError(
      'careerbot_store_unavailable',
      `cannot create the data directory ${path.dirname(file)} for ${file} (${(error as Error).message}); set DATA_DIR to a writable directory`,
      { cause: error },
    );
  }
  let db: Database.Database | undefined;
  try {
    // Wait for a CLI command writing at the same moment rather than failing at once.
    db = new Database(file, { timeout: 5_000 });
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw Object.assign(new Error(`journal mode is ${String(mode)}, not wal`), { code: 'SQLITE_READONLY' });
    db.pragma('synchronous = FULL');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
    migrate(db);
    return new SqliteStore(db, file, options.now ?? Date.now);
  } catch (error) {
    try {
      db?.close();
    } catch {
      // the error that matters is the one being reported
    }
    if (isCareerbotError(error) && error.code === 'careerbot_store_schema_newer') {
      throw unavailable(file, 'cannot be used: upgrade careerbot', error);
    }
    if (error instanceof CareerbotError) throw error;
    throw explain(file, error);
  }
}

interface LearnedRow {
  id: number;
  topic_id: string;
  text: string;
  normalized: string;
  at: number;
}

export class SqliteStore implements CareerStore, SharedState {
  private readonly statements;
  private readonly linkAndLearn;
  private closed = false;
  /** One process: cooldowns and rate limits in memory, bounded. */
  private readonly limits = new InProcessLimits();
  private readonly learnedListeners = new Listeners();
  /** Records waiting for the next group commit (see `record`). */
  private readonly queued: { run: () => void; resolve: () => void; reject: (error: unknown) => void }[] = [];

  constructor(
    private readonly db: Database.Database,
    readonly location: string,
    private readonly now: () => number,
  ) {
    const prepare = (sql: string) => db.prepare(sql);
    this.statements = {
      question: prepare('INSERT INTO questions (at, platform, channel_id, outcome, text) VALUES (?, ?, ?, ?, ?)'),
      answered: prepare(
        'INSERT INTO answered_daily (day, topic_id, count) VALUES (?, ?, 1) ON CONFLICT (day, topic_id) DO UPDATE SET count = count + 1',
      ),
      feedback: prepare('INSERT INTO feedback (at, platform, topic_id, vote) VALUES (?, ?, ?, ?)'),
      link: prepare('INSERT INTO moderator_links (at, platform, topic_id, moderator_id, text) VALUES (?, ?, ?, ?, ?)'),
      learnedByKey: prepare('SELECT id, topic_id, text, normalized, at FROM learned_phrasings WHERE normalized = ?'),
      learnedInsert: prepare('INSERT INTO learned_phrasings (at, topic_id, text, normalized) VALUES (?, ?, ?, ?)'),
      learnedMove: prepare('UPDATE learned_phrasings SET topic_id = ?, text = ?, at = ? WHERE id = ?'),
      learnedAll: prepare('SELECT id, topic_id, text, normalized, at FROM learned_phrasings ORDER BY id'),
      learnedDelete: prepare('DELETE FROM learned_phrasings WHERE id = ?'),
      questionsSince: prepare('SELECT id, at, platform, channel_id, outcome, text FROM questions WHERE at >= ? ORDER BY at, id'),
      feedbackSince: prepare(
        `SELECT topic_id, SUM(vote = 'up') AS up, SUM(vote = 'down') AS down FROM feedback WHERE at >= ?
         GROUP BY topic_id ORDER BY (SUM(vote = 'up') + SUM(vote = 'down')) DESC, topic_id`,
      ),
      answeredSince: prepare(
        'SELECT topic_id, SUM(count) AS count FROM answered_daily WHERE day >= ? GROUP BY topic_id ORDER BY count DESC, topic_id',
      ),
      linksSince: prepare('SELECT COUNT(*) AS count FROM moderator_links WHERE at >= ?'),
      autoReply: prepare('INSERT INTO auto_replies (at, platform, channel_id, topic_id, kind) VALUES (?, ?, ?, ?, ?)'),
      autoRepliesSince: prepare(
        `SELECT platform, channel_id, SUM(kind = 'posted') AS posted, SUM(kind = 'up') AS up, SUM(kind = 'down') AS down,
         SUM(kind = 'removed') AS removed, SUM(kind = 'solved') AS solved FROM auto_replies WHERE at >= ?
         GROUP BY platform, channel_id ORDER BY posted DESC, platform, channel_id`,
      ),
      settingGet: prepare('SELECT value FROM settings WHERE key = ?'),
      settingSet: prepare(
        'INSERT INTO settings (key, value, at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, at = excluded.at',
      ),
    };
    const s = this.statements;
    this.linkAndLearn = db.transaction((record: ModeratorLinkRecord, at: number): LearnOutcome | null => {
      s.link.run(at, record.platform, record.topicId, record.moderatorId, record.text);
      if (!record.learn || record.text === null) return null;
      const normalized = normalize(record.text).text;
      if (normalized === '') return 'empty';
      const existing = s.learnedByKey.get(normalized) as LearnedRow | undefined;
      if (!existing) {
        s.learnedInsert.run(at, record.topicId, record.text, normalized);
        return 'added';
      }
      if (existing.topic_id === record.topicId) return 'unchanged';
      // The latest moderator's choice wins: a phrasing belongs to one topic.
      s.learnedMove.run(record.topicId, record.text, at, existing.id);
      return 'moved';
    });
  }

  /** Run `run` now, its result or its error as a promise. */
  private settle<T>(run: () => T): Promise<T> {
    try {
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Run `run` now, after the queued records are committed: a read sees every write made before it,
   * and a transaction of its own never interleaves with a batch.
   */
  private direct<T>(run: () => T): Promise<T> {
    return this.settle(() => {
      this.commitQueued();
      return run();
    });
  }

  /**
   * Group commit: a record is queued and written with every other record queued within
   * GROUP_COMMIT_MS of the first, in one transaction, so under load one fsync (synchronous=FULL)
   * serves many records instead of each paying its own on the event loop. The promise resolves once
   * its record is committed, so "resolved" still means "survives a crash".
   */
  private record(run: () => void): Promise<void> {
    if (this.closed) return Promise.reject(this.closedError());
    return new Promise((resolve, reject) => {
      this.queued.push({ run, resolve, reject });
      if (this.queued.length === 1) setTimeout(() => this.commitQueued(), GROUP_COMMIT_MS);
    });
  }

  private commitQueued(): void {
    const batch = this.queued.splice(0);
    if (batch.length === 0) return;
    try {
      this.db.transaction(() => {
        for (const write of batch) write.run();
      })();
    } catch {
      // One bad record must not take the others with it: each again in its own transaction.
      for (const write of batch) {
        try {
          write.run();
          write.resolve();
        } catch (error) {
          write.reject(error);
        }
      }
      return;
    }
    for (const write of batch) write.resolve();
  }

  private closedError(): CareerbotError {
    return new CareerbotError('careerbot_store_unavailable', `the data store ${this.location} is closed`);
  }

  recordQuestion(record: QuestionRecord): Promise<void> {
    const at = record.at ?? this.now();
    return this.record(() => {
      this.statements.question.run(at, record.platform, record.channelId, record.outcome, record.text);
    });
  }

  recordAnswered(topicId: string, at?: number): Promise<void> {
    const day = dayOf(at ?? this.now());
    return this.record(() => {
      this.statements.answered.run(day, topicId);
    });
  }

  recordFeedback(record: FeedbackRecord): Promise<void> {
    const at = record.at ?? this.now();
    return this.record(() => {
      this.statements.feedback.run(at, record.platform, record.topicId, record.vote);
    });
  }

  recordModeratorLink(record: ModeratorLinkRecord): Promise<{ learned: LearnOutcome | null }> {
    // .immediate(): take the write lock at BEGIN, so the read-then-write cannot race a CLI command.
    return this.direct(() => {
      const learned = this.linkAndLearn.immediate(record, record.at ?? this.now());
      if (learned === 'added' || learned === 'moved') this.learnedListeners.fire();
      return { learned };
    });
  }

  learnedPhrasings(): Promise<LearnedPhrasing[]> {
    return this.direct(() =>
      (this.statements.learnedAll.all() as LearnedRow[]).map((row) => ({
        id: row.id,
        topicId: row.topic_id,
        text: row.text,
        normalized: row.normalized,
        at: row.at,
      })),
    );
  }

  removeLearnedPhrasings(ids: readonly number[]): Promise<number> {
    return this.direct(() => {
      const removed = this.db.transaction(() =>
        ids.reduce((count, id) => count + this.statements.learnedDelete.run(id).changes, 0),
      )();
      if (removed > 0) this.learnedListeners.fire();
      return removed;
    });
  }

  questionsSince(since: number): Promise<StoredQuestion[]> {
    return this.direct(() =>
      (
        this.statements.questionsSince.all(since) as {
          id: number;
          at: number;
          platform: StoredQuestion['platform'];
          channel_id: string | null;
          outcome: StoredQuestion['outcome'];
          text: string;
        }[]
      ).map((row) => ({
        id: row.id,
        at: row.at,
        platform: row.platform,
        channelId: row.channel_id,
        outcome: row.outcome,
        text: row.text,
      })),
    );
  }

  feedbackSince(since: number): Promise<TopicFeedback[]> {
    return this.direct(() =>
      (this.statements.feedbackSince.all(since) as { topic_id: string; up: number; down: number }[]).map((row) => ({
        topicId: row.topic_id,
        up: row.up,
        down: row.down,
      })),
    );
  }

  answeredSince(since: number): Promise<TopicCount[]> {
    return this.direct(() =>
      (this.statements.answeredSince.all(dayOf(since)) as { topic_id: string; count: number }[]).map((row) => ({
        topicId: row.topic_id,
        count: row.count,
      })),
    );
  }

  recordAutoReply(event: AutoReplyEvent): Promise<void> {
    const at = event.at ?? this.now();
    return this.record(() => {
      this.statements.autoReply.run(at, event.platform, event.channelId, event.topicId, event.kind);
    });
  }

  autoRepliesSince(since: number): Promise<ChannelAutoReplies[]> {
    return this.direct(() =>
      (this.statements.autoRepliesSince.all(since) as (Omit<ChannelAutoReplies, 'channelId'> & { channel_id: string })[]).map(
        ({ channel_id, ...counts }) => ({ ...counts, channelId: channel_id }),
      ),
    );
  }

  moderatorLinksSince(since: number): Promise<number> {
    return this.direct(() => (this.statements.linksSince.get(since) as { count: number }).count);
  }

  claimCooldown(channelKey: string, topicId: string, windowMs: number, now: number): Promise<boolean> {
    return this.settle(() => this.limits.claimCooldown(channelKey, topicId, windowMs, now));
  }

  releaseCooldown(channelKey: string, topicId: string, at: number): Promise<void> {
    return this.settle(() => this.limits.releaseCooldown(channelKey, topicId, at));
  }

  takeRateLimit(userKey: string, limit: number, windowMs: number, now: number): Promise<RateLimitDecision> {
    return this.settle(() => this.limits.takeRateLimit(userKey, limit, windowMs, now));
  }

  takeWindowCount(key: string, limit: number, windowMs: number, now: number): Promise<RateLimitDecision> {
    return this.settle(() => this.limits.takeWindowCount(key, limit, windowMs, now));
  }

  /** Keys the in-memory cooldowns, rate limits and window counts hold (for tests: memory stays bounded). */
  get limitsSize(): { cooldowns: number; rateLimits: number; windowCounts: number } {
    return this.limits.size;
  }

  getSetting(key: string): Promise<JsonValue | undefined> {
    return this.direct(() => {
      const row = this.statements.settingGet.get(key) as { value: string } | undefined;
      return row === undefined ? undefined : (JSON.parse(row.value) as JsonValue);
    });
  }

  setSetting(key: string, value: JsonValue): Promise<void> {
    let json: string;
    try {
      json = settingJson(key, value);
    } catch (error) {
      return Promise.reject(error);
    }
    const at = this.now();
    return this.record(() => {
      this.statements.settingSet.run(key, json, at);
    });
  }

  onLearnedChanged(listener: () => void): () => void {
    return this.learnedListeners.add(listener);
  }

  async ping(): Promise<void> {
    if (this.closed) throw this.closedError();
    this.db.pragma('schema_version');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.commitQueued();
    this.db.close();
  }
}
