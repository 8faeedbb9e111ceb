import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CareerBot } from '../../src/bot.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { slackRequester, type SlackRequester } from '../fakes/slack-request.js';
import {
  answerShortcutPayload,
  clickPayload,
  findElement,
  linkModalSubmission,
  loadTestKnowledge,
  textOf,
} from '../slack/harness.js';
import { unansweredPhrasing } from '../support/bot.js';
import { createTestDatabase, NO_PG_REASON, onDatabase, PG_ADMIN_URL, reportPgSkip } from '../support/store.js';

/**
 * Two `careerbot start` processes in Slack HTTP mode, started at the same moment on one empty
 * PostgreSQL database (so their migrations race), behind nothing but their own ports, as replicas
 * behind a load balancer: what a moderator teaches one, the other answers; a topic posted in a
 * channel through one is refused there through the other.
 */

reportPgSkip();

const SECRET = 'replica-secret';
let api: FakeSlackApi;
let work: string;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const replicas: Replica[] = [];

interface Replica {
  child: ChildProcess;
  stderr: () => string;
  send: SlackRequester;
}

function spawnReplica(): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin/careerbot.js'), 'start'], {
    cwd: work,
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: 'xoxb-replica',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_MODERATORS: 'UMOD',
      SLACK_API_URL: api.apiUrl,
      PORT: '0',
      LOG_LEVEL: 'info',
      DATA_DIR: path.join(work, 'unused'),
      DATABASE_URL: database.url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return { child, stderr: () => stderr };
}

function logLines(stderr: string): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const logLine = (replica: { stderr: () => string }, msg: string, match: Record<string, unknown> = {}) =>
  until(`"${msg}"\n${replica.stderr()}`, () =>
    logLines(replica.stderr()).find((line) => line.msg === msg && Object.entries(match).every(([k, v]) => line[k] === v)),
  );

const response = (name: string) => until(`a response to ${name}`, () => api.responsesTo(name)[0]?.body);

describe.skipIf(!PG_ADMIN_URL)(`two Slack replicas on one PostgreSQL${PG_ADMIN_URL ? '' : ` (${NO_PG_REASON})`}`, () => {
  beforeAll(async () => {
    api = await new FakeSlackApi().start();
    work = await mkdtemp(path.join(tmpdir(), 'careerbot-replicas-'));
    database = await createTestDatabase();
    // Both at once, on an empty database: the migrations run under the advisory lock, one after the other.
    const started = [spawnReplica(), spawnReplica()];
    for (const replica of started) {
      const listening = await logLine(replica, 'slack adapter listening (HTTP mode)');
      replicas.push({ ...replica, send: slackRequester(`http://127.0.0.1:${String(listening.port)}/slack/events`, SECRET) });
    }
  }, 240_000);
  afterAll(async () => {
    for (const { child } of replicas) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await api?.close();
    await database?.drop();
    if (work) await rm(work, { recursive: true, force: true });
  }, 30_000);

  it('both started on the empty database, which was migrated once', async () => {
    for (const replica of replicas) expect(await logLine(replica, 'data store opened')).toMatchObject({ learned: 0 });
    const tables = await onDatabase(database.url, async (client) => {
      const { rows } = await client.query<{ count: number }>(
        "SELECT COUNT(*)::int AS count FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'cooldowns'",
      );
      return rows[0]!.count;
    });
    expect(tables).toBe(1);
  });

  it('a phrasing a moderator teaches replica A is answered by replica B', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const bot = new CareerBot(await loadTestKnowledge());
    const candidate = unansweredPhrasing(bot);
    const title = bot.topic(candidate.topicId)!.title;

    await a.send.interaction(
      answerShortcutPayload({ user: 'UMOD', text: candidate.text, responseUrl: api.responseUrl('shortcut') }),
    );
    const view = await until('views.open', () => api.callsTo('views.open').at(-1)?.args.view as { private_metadata: string });
    await a.send.interaction(linkModalSubmission('UMOD', view.private_metadata, candidate.topicId));
    await logLine(a, 'learned a phrasing from a moderator link', { topicId: candidate.topicId });
    // B heard it through the database (LISTEN/NOTIFY) and re-indexed.
    await logLine(b, 'learned phrasings re-indexed', { learned: 1 });

    await b.send.command({
      command: '/career',
      text: candidate.text,
      user_id: 'UASKER',
      channel_id: 'CGENERAL',
      response_url: api.responseUrl('on-b'),
    });
    expect(textOf(await response('on-b'))).toContain(title);
  }, 60_000);

  it('a topic shared in a channel through A is refused there through B', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const ask = async (replica: Replica, name: string) => {
      await replica.send.command({
        command: '/career',
        text: 'is sql a backend language?',
        user_id: 'UASKER',
        channel_id: 'CSHARED',
        response_url: api.responseUrl(name),
      });
      return findElement(await response(name), 'careerbot_share');
    };
    const share = async (replica: Replica, name: string, element: Awaited<ReturnType<typeof ask>>) => {
      await replica.send.interaction(
        clickPayload({ element, user: 'UASKER', channel: 'CSHARED', responseUrl: api.responseUrl(name) }),
      );
      return response(name);
    };
    const onA = await ask(a, 'ask-a');
    const onB = await ask(b, 'ask-b');
    expect(await share(a, 'share-a', onA)).toMatchObject({ response_type: 'in_channel' });
    const refused = await share(b, 'share-b', onB);
    expect(refused).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(refused)).toMatch(/already posted in this channel/);
  }, 60_000);
});
