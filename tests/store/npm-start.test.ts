import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { DATABASE_FILE } from '../../src/store/sqlite.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { slackRequester } from '../fakes/slack-request.js';
import { textOf } from '../slack/harness.js';
import { withSqliteStore } from '../support/store.js';

/**
 * `careerbot start` (what `npm start` runs) with a data directory: the learned phrasings in the store
 * are in the matcher from the first question, questions are recorded, and a corrupt database stops the
 * start before anything connects, naming the file.
 */

let api: FakeSlackApi;
let work: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  api = await new FakeSlackApi().start();
  work = await mkdtemp(path.join(tmpdir(), 'careerbot-start-store-'));
});
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
  child = undefined;
});
afterAll(async () => {
  await api.close();
  await rm(work, { recursive: true, force: true });
});

function start(dataDir: string): { child: ChildProcess; stderr: () => string; exited: Promise<number | null> } {
  const process_ = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin/careerbot.js'), 'start'], {
    cwd: work, // no .env here
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: 'xoxb-from-env',
      SLACK_SIGNING_SECRET: 'env-secret',
      SLACK_MODERATORS: 'UMOD',
      SLACK_API_URL: api.apiUrl,
      PORT: '0',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = process_;
  let stderr = '';
  process_.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => process_.once('exit', (code) => resolve(code)));
  return { child: process_, stderr: () => stderr, exited };
}

async function logLine(stderr: () => string, msg: string, timeoutMs = 20_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const line of stderr().split('\n')) {
      if (!line.startsWith('{')) continue;
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (parsed.msg === msg) return parsed;
    }
    if (Date.now() > deadline) throw new Error(`no "${msg}" log line; stderr:\n${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('careerbot start with DATA_DIR', () => {
  it('answers with a phrasing learned in an earlier run, and records what it could not answer', async () => {
    const dataDir = path.join(work, 'data');
    // Words the knowledge does not answer on its own (the learning tests show it falls back).
    const learned = 'where do the records of an app actually live and which one do i learn';
    await withSqliteStore(dataDir, (seed) =>
      seed.recordModeratorLink({ topicId: 'databases', moderatorId: 'UMOD', platform: 'slack', text: learned, learn: true }),
    );

    const run = start(dataDir);
    expect(await logLine(run.stderr, 'data store opened')).toMatchObject({ file: path.join(dataDir, DATABASE_FILE), learned: 1 });
    const listening = await logLine(run.stderr, 'slack adapter listening (HTTP mode)');
    const send = slackRequester(`http://127.0.0.1:${String(listening.port)}/slack/events`, 'env-secret');
    const command = (text: string, name: string) =>
      send.command({ command: '/career', text, user_id: 'UASKER', channel_id: 'CGENERAL', response_url: api.responseUrl(name) });

    await command(learned, 'learned');
    const answer = await api.waitFor(() => api.responsesTo('learned')[0]);
    expect(textOf(answer.body)).toContain('Databases');

    await command('what is the best pizza topping', 'declined');
    await api.waitFor(() => api.responsesTo('declined')[0]);
    // SIGTERM: the adapters drain, then the store closes; exit 0.
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);

    await withSqliteStore(dataDir, async (after) => {
      expect((await after.questionsSince(0)).map((q) => q.text)).toEqual(['what is the best pizza topping']);
      expect(await after.answeredSince(0)).toEqual([{ topicId: 'databases', count: 1 }]);
    });
  });

  it('stops at start with an error naming the file when careerbot.db is corrupt, before connecting to Slack', async () => {
    const dataDir = path.join(work, 'corrupt');
    await withSqliteStore(dataDir, async () => {});
    await writeFile(path.join(dataDir, DATABASE_FILE), 'definitely not sqlite '.repeat(500));
    const authCalls = api.callsTo('auth.test').length;
    const run = start(dataDir);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain(
      `careerbot: the data store ${path.join(dataDir, DATABASE_FILE)} is not a readable SQLite database or is corrupt`,
    );
    expect(api.callsTo('auth.test').length).toBe(authCalls);
  });
});
