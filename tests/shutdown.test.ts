import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { slashCommand, stringOption } from './fakes/discord-interactions.js';
import { FakeDiscord } from './fakes/discord-server.js';
import { FakeSlackApi } from './fakes/slack-api.js';
import { slackRequester, type SlackRequester } from './fakes/slack-request.js';
import { freshChannel, GUILD, USERS } from './discord/harness.js';

/**
 * Graceful shutdown of the real `careerbot start` process (bin/careerbot.js, as `npm start` runs it):
 * on SIGTERM or SIGINT it stops taking new events, lets replies already in flight finish, closes
 * its connections, says so in the log, and exits with status 0. The platforms are the local fakes,
 * slowed down so that a reply is still in flight when the signal arrives.
 */

type LogLine = Record<string, unknown> & { msg: string; level: number };

interface Child {
  process: ChildProcess;
  lines: LogLine[];
  /** Resolves with the first log line (past or future) that matches. */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

const children: Child[] = [];
const cleanups: (() => Promise<void>)[] = [];

async function startChild(env: Record<string, string>): Promise<Child> {
  // An empty working directory (no developer's .env) and a data directory of its own.
  const cwd = await mkdtemp(path.join(tmpdir(), 'careerbot-shutdown-'));
  cleanups.push(() => rm(cwd, { recursive: true, force: true }));
  const process_ = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin/careerbot.js'), 'start'], {
    cwd,
    env: { PATH: process.env.PATH, DATA_DIR: path.join(cwd, 'data'), LOG_LEVEL: 'debug', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  let raw = '';
  let pending = '';
  const waiters = new Set<() => void>();
  process_.stderr!.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
    pending += chunk.toString('utf8');
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line) as LogLine);
    for (const waiter of waiters) waiter();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    process_.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const child: Child = {
    process: process_,
    lines,
    stderr: () => raw,
    exited,
    waitForLog(predicate, timeoutMs = 25_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find(predicate);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching log line within ${timeoutMs} ms; stderr:\n${raw}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        void exited.then(() => {
          check();
          if (waiters.has(check)) {
            cleanup();
            reject(new Error(`careerbot exited before the expected log line; stderr:\n${raw}`));
          }
        });
        check();
      });
    },
  };
  children.push(child);
  return child;
}

const index = (child: Child, predicate: (line: LogLine) => boolean) => child.lines.findIndex(predicate);

let slackApi: FakeSlackApi;
let discordForTerm: FakeDiscord;
let discordForInt: FakeDiscord;
let both: Child;
let discordOnly: Child;
let send: SlackRequester;

beforeAll(async () => {
  slackApi = await new FakeSlackApi().start();
  discordForTerm = await new FakeDiscord({ guilds: [GUILD] }).start();
  discordForInt = await new FakeDiscord({ guilds: [GUILD] }).start();
  cleanups.push(
    () => slackApi.close(),
    () => discordForTerm.close(),
    () => discordForInt.close(),
  );
  // Both children start at once: most of the wait is loading the core, which they do in parallel.
  [both, discordOnly] = await Promise.all([
    startChild({
      SLACK_BOT_TOKEN: 'xoxb-shutdown-test',
      SLACK_SIGNING_SECRET: 'shutdown-secret',
      SLACK_API_URL: slackApi.apiUrl,
      DISCORD_TOKEN: 'shutdown-term-token',
      DISCORD_API_URL: discordForTerm.apiUrl,
    }),
    startChild({ DISCORD_TOKEN: 'shutdown-int-token', DISCORD_API_URL: discordForInt.apiUrl }),
  ]);
  const [listening] = await Promise.all([
    both.waitForLog((l) => l.msg === 'slack adapter listening (HTTP mode)'),
    both.waitForLog((l) => l.msg === 'discord adapter ready'),
    discordOnly.waitForLog((l) => l.msg === 'discord adapter ready'),
  ]);
  send = slackRequester(`http://127.0.0.1:${String(listening.port)}/slack/events`, 'shutdown-secret');
}, 60_000);

afterAll(async () => {
  for (const child of children) {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGKILL');
      await child.exited;
    }
  }
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const ask = (question = 'is sql a backend language?') =>
  slashCommand(USERS.alice, freshChannel(), { name: 'career', subcommand: 'ask', options: [stringOption('question', question)] });

describe('careerbot start: graceful shutdown', () => {
  it('SIGTERM: finishes the Slack and Discord replies in flight, refuses new events, closes, exits 0', async () => {
    // Slow platforms: the reply calls are answered only after 1.5 s.
    slackApi.answerWith('chat.postMessage', (call) => ({
      body: { ok: true, channel: call.args.channel, ts: '1700000500.000200' },
      delayMs: 1500,
    }));
    const slow = ask();
    discordForTerm.hold((r) => r.path.startsWith(`/interactions/${slow.id}/`), 1500);

    const acked = await send.event({
      type: 'app_mention',
      user: 'UASKER',
      text: '<@UBOT> is sql a backend language?',
      ts: '1700000500.000100',
      channel: 'CGENERAL',
    });
    expect(acked.status).toBe(200); // acknowledged at once; the reply is still being posted
    await discordForTerm.interact(slow); // the callback is now in flight (held)
    await slackApi.waitFor(() => slackApi.callsTo('chat.postMessage').length === 1);

    both.process.kill('SIGTERM');
    const shuttingDown = await both.waitForLog((l) => l.msg === 'shutting down');
    expect(shuttingDown).toMatchObject({ signal: 'SIGTERM', level: 30 });

    // New events while draining are not answered.
    const late = await send.event({
      type: 'app_mention',
      user: 'ULATE',
      text: '<@UBOT> backend salary in india',
      ts: '1700000500.000300',
      channel: 'CGENERAL',
    });
    expect(late.status).toBe(200);
    const lateInteraction = ask('backend salary in india');
    discordForTerm.dispatch('INTERACTION_CREATE', lateInteraction);

    const { code, signal } = await both.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });

    // The replies in flight completed before the adapters stopped.
    const answered = index(both, (l) => l.msg === 'answered' && l.user === 'UASKER');
    const handled = index(both, (l) => l.msg === 'interaction handled' && l.interactionId === slow.id);
    const slackStopped = index(both, (l) => l.msg === 'slack adapter stopped');
    const discordStopped = index(both, (l) => l.msg === 'discord adapter stopped');
    expect(answered).toBeGreaterThan(-1);
    expect(handled).toBeGreaterThan(-1);
    expect(answered).toBeLessThan(slackStopped);
    expect(handled).toBeLessThan(discordStopped);
    expect(both.lines.at(-1)).toMatchObject({ msg: 'stopped' });
    expect(both.lines.some((l) => l.level >= 50)).toBe(false);
    expect(slackApi.callsTo('chat.postMessage')).toHaveLength(1);
    expect(discordForTerm.requests.filter((r) => r.path.startsWith(`/interactions/${slow.id}/`))).toHaveLength(1);
    // Neither late event got an answer.
    expect(both.lines.some((l) => l.msg === 'answered' && l.user === 'ULATE')).toBe(false);
    expect(discordForTerm.requests.some((r) => r.path.startsWith(`/interactions/${lateInteraction.id}/`))).toBe(false);
    // The gateway connection was closed by the client, not left to time out.
    // The client closed the gateway connection itself, and the log does not report that as a reconnect.
    expect(discordForTerm.gatewayCloses).toEqual([1000]);
    expect(both.lines.some((l) => l.msg === 'gateway reconnecting' || l.msg === 'gateway disconnected')).toBe(false);
  });

  it('SIGINT: finishes the Discord reply in flight, closes the gateway connection, exits 0', async () => {
    const slow = ask();
    discordForInt.hold((r) => r.path.startsWith(`/interactions/${slow.id}/`), 1500);
    await discordForInt.interact(slow);
    const signalled = Date.now();
    discordOnly.process.kill('SIGINT');

    const { code, signal } = await discordOnly.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    // It waited for the held reply instead of exiting at once.
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(1000);
    expect(discordOnly.lines.find((l) => l.msg === 'shutting down')).toMatchObject({ signal: 'SIGINT' });
    const handled = index(discordOnly, (l) => l.msg === 'interaction handled' && l.interactionId === slow.id);
    const stopped = index(discordOnly, (l) => l.msg === 'discord adapter stopped');
    expect(handled).toBeGreaterThan(-1);
    expect(handled).toBeLessThan(stopped);
    expect(discordOnly.lines.at(-1)).toMatchObject({ msg: 'stopped' });
    expect(discordForInt.gatewayCloses).toEqual([1000]);
    expect(discordOnly.lines.some((l) => l.level >= 50)).toBe(false);
  });
});
