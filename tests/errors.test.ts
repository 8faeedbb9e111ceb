import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CareerbotError } from '../src/errors.js';
import { DEFAULT_MATCHER_OPTIONS } from '../src/matcher/matcher.js';
import { LinearModel, type ModelOptions } from '../src/matcher/model.js';
import { DATABASE_FILE, migrate, openSqliteStore } from '../src/store/sqlite.js';

/** Failures callers must tell apart carry a code (src/errors.ts), so nobody matches messages by regex. */

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

const MODEL_OPTIONS: ModelOptions = {
  features: DEFAULT_MATCHER_OPTIONS.features,
  epochs: 1,
  learningRate: 1,
  seed: 1,
  minUpdates: 10,
  alwaysCandidate: -1,
};

describe('coded errors', () => {
  it('migrate refuses a database written by a newer careerbot with careerbot_store_schema_newer', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 999');
    const error = thrown(() => migrate(db));
    db.close();
    expect(error).toBeInstanceOf(CareerbotError);
    expect((error as CareerbotError).code).toBe('careerbot_store_schema_newer');
  });

  it('opening such a database says to upgrade, naming the file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'careerbot-errors-'));
    roots.push(dir);
    await openSqliteStore(dir).close();
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.pragma('user_version = 999');
    db.close();
    const error = thrown(() => openSqliteStore(dir)) as CareerbotError;
    expect(error.code).toBe('careerbot_store_unavailable');
    expect(error.message).toContain(path.join(dir, DATABASE_FILE));
    expect(error.message).toContain('upgrade careerbot');
  });

  it.each([
    ['empty bytes', Buffer.alloc(0)],
    ['garbage', Buffer.from('garbage '.repeat(20))],
    ['a truncated snapshot', null],
  ])('LinearModel.restore of %s throws careerbot_model_snapshot_invalid', (_what, bytes) => {
    const model = LinearModel.train(
      [
        { tokens: ['cards'], label: 0, weight: 1 },
        { tokens: ['hours'], label: 1, weight: 1 },
      ],
      2,
      MODEL_OPTIONS,
    );
    const snapshot = model.snapshot();
    expect(LinearModel.restore(snapshot, MODEL_OPTIONS)).toBeInstanceOf(LinearModel);
    const error = thrown(() => LinearModel.restore(bytes ?? snapshot.subarray(0, snapshot.length - 3), MODEL_OPTIONS));
    expect((error as CareerbotError).code).toBe('careerbot_model_snapshot_invalid');
  });
});
