import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { DATABASE_FILE, openSqliteStore } from '../../src/store/sqlite.js';

/**
 * Nothing lost: a process killed with SIGKILL in the middle of a burst of writes loses at most the
 * write in flight, and the database opens cleanly afterwards with every acknowledged record in it.
 */

const KILL_AFTER_ACKS = 150;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'careerbot-crash-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Run the writer until it has acknowledged `acks` writes, kill it with SIGKILL, and return every acknowledgement it printed. */
function writeUntilKilled(acks: number): Promise<{ acknowledged: number[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'tests/store/crash-writer.ts'), dir], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the writer did not reach ${acks} writes in time; stderr:\n${stderr}`));
    }, 15_000);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      // Kill mid-burst: the writer is busy writing the next record when the signal lands.
      if (!killed && stdout.split('\n').length > acks + 1) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      const lines = stdout.split('\n');
      lines.pop(); // an unterminated last line was never fully acknowledged
      if (lines.shift() !== 'ready') return reject(new Error(`the writer did not start; stderr:\n${stderr}`));
      resolve({ acknowledged: lines.map(Number), signal });
    });
  });
}

it('a SIGKILL during a burst of writes loses at most the write in flight; the database then opens cleanly', async () => {
  const { acknowledged, signal } = await writeUntilKilled(KILL_AFTER_ACKS);
  expect(signal).toBe('SIGKILL');
  expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
  expect(acknowledged).toEqual(acknowledged.map((_, i) => i));
  // The process died with its write-ahead log not yet checkpointed: recovery is SQLite's job on open.
  expect(existsSync(path.join(dir, `${DATABASE_FILE}-wal`))).toBe(true);

  const store = openSqliteStore(dir); // runs quick_check; throws if the file were damaged
  try {
    const questions = await store.questionsSince(0);
    const links = await store.moderatorLinksSince(0);
    const learned = await store.learnedPhrasings();
    const committed = questions.length + links;
    // Every acknowledged write is there; at most one more (committed, killed before its acknowledgement).
    expect(committed).toBeGreaterThanOrEqual(acknowledged.length);
    expect(committed).toBeLessThanOrEqual(acknowledged.length + 1);
    // A link and its learned phrasing are one transaction: never one without the other.
    expect(learned).toHaveLength(links);
    // And they are the writes in order, none skipped.
    const written = [
      ...questions.map((q) => Number(q.text.split(' ').at(-1))),
      ...learned.map((p) => Number(p.text.split(' ').at(-1))),
    ];
    expect(written.sort((a, b) => a - b)).toEqual(written.map((_, i) => i));
    // The store takes new writes after the crash.
    await store.recordQuestion({ text: 'after the crash', platform: 'slack', channelId: 'C1', outcome: 'clarify' });
    expect((await store.questionsSince(0)).at(-1)?.text).toBe('after the crash');
  } finally {
    await store.close();
  }
});
