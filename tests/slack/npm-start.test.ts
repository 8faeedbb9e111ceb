import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { slackRequester } from '../fakes/slack-request.js';
import { textOf } from './harness.js';

/**
 * `careerbot start` (what `npm start` runs) with Slack variables in the environment: the real CLI
 * process reads the configuration, starts the adapter in HTTP mode, and answers a signed mention.
 */

let api: FakeSlackApi;
let child: ChildProcess | undefined;
let cwd: string;

beforeAll(async () => {
  api = await new FakeSlackApi().start();
  // An empty working directory, so no developer's .env leaks into the test.
  cwd = await mkdtemp(path.join(tmpdir(), 'careerbot-slack-'));
});
afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await api.close();
  await rm(cwd, { recursive: true, force: true });
});

function waitForLog(process: ChildProcess, msg: string, timeoutMs = 15_000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`no "${msg}" log line; stderr so far:\n${buffer}`)), timeoutMs);
    process.stderr!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (const line of buffer.split('\n')) {
        if (!line.startsWith('{')) continue;
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (parsed.msg === msg) {
          clearTimeout(timer);
          resolve(parsed);
        }
      }
    });
    process.once('exit', (code) => reject(new Error(`careerbot exited with ${code}:\n${buffer}`)));
  });
}

describe('careerbot start with Slack configuration', () => {
  it('starts the Slack adapter in HTTP mode and answers a mention', async () => {
    child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin/careerbot.js'), 'start'], {
      cwd,
      env: {
        PATH: process.env.PATH,
        SLACK_BOT_TOKEN: 'xoxb-from-env',
        SLACK_SIGNING_SECRET: 'env-secret',
        SLACK_API_URL: api.apiUrl,
        PORT: '0',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const listening = await waitForLog(child, 'slack adapter listening (HTTP mode)');
    expect(listening.port).toEqual(expect.any(Number));
    expect(api.callsTo('auth.test')[0]?.token).toBe('xoxb-from-env');

    const send = slackRequester(`http://127.0.0.1:${String(listening.port)}/slack/events`, 'env-secret');
    const res = await send.event({
      type: 'app_mention',
      user: 'UASKER',
      text: '<@UBOT> is sql a backend language?',
      ts: '1700000400.000100',
      channel: 'CGENERAL',
    });
    expect(res.status).toBe(200);
    const post = await api.waitFor(() => api.callsTo('chat.postMessage')[0]);
    expect(post.args).toMatchObject({ channel: 'CGENERAL', thread_ts: '1700000400.000100' });
    expect(textOf(post.args)).toContain('SQL');

    const forged = await send.post('{"type":"event_callback"}', 'application/json', { signature: 'v0=00' });
    expect(forged.status).toBe(401);
  });
});
