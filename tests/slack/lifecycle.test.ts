import { afterEach, describe, expect, it } from 'vitest';
import { startSlack } from '../../adapters/slack/index.js';
import { isCareerbotError } from '../../src/errors.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { loadBot, memoryLogger, startHttpHarness, type Harness } from './harness.js';

/** Starting and stopping: token checks at start, and a stop that lets running handlers finish. */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function harness(): Promise<Harness> {
  const h = await startHttpHarness();
  cleanups.push(() => h.close());
  return h;
}

describe('stop()', () => {
  it('stops taking requests but lets a running handler finish its reply', async () => {
    const h = await harness();
    h.api.answerWith('chat.postMessage', () => ({ body: { ok: true, ts: '1.1' }, delayMs: 300 }));
    const inFlight = h.send.event({
      type: 'app_mention',
      user: 'UASKER',
      text: '<@UBOT> is sql a backend language?',
      ts: '1700000300.000100',
      channel: 'CGENERAL',
    });
    await h.api.waitFor(() => h.api.callsTo('chat.postMessage').length > 0);
    await h.slack.stop();
    // By the time stop() resolves, the reply went out and the request was answered.
    expect((await inFlight).status).toBe(200);
    expect(h.logs.find('answered')).toHaveLength(1);
    expect(h.logs.find('slack adapter stopped')).toHaveLength(1);
    await expect(fetch(h.endpoint.replace('/slack/events', '/healthz'))).rejects.toThrow();
    // Idempotent.
    await h.slack.stop();
  });
});

describe('start', () => {
  it('names SLACK_BOT_TOKEN when Slack rejects the token', async () => {
    const api = await new FakeSlackApi().start();
    cleanups.push(() => api.close());
    api.failNext('auth.test', { body: { ok: false, error: 'invalid_auth' } });
    const error = await startSlack({
      config: { botToken: 'xoxb-wrong', signingSecret: 's', appToken: undefined, moderators: [], apiUrl: api.apiUrl, port: 0 },
      bot: await loadBot(),
      logger: memoryLogger().logger,
      host: '127.0.0.1',
      clientOptions: { retryConfig: { retries: 0 } },
    }).catch((e: unknown) => e);
    expect(isCareerbotError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^SLACK_BOT_TOKEN: Slack rejected the bot token \(invalid_auth\)/);
  });

  it('names SLACK_SIGNING_SECRET when HTTP mode has none', async () => {
    const error = await startSlack({
      config: {
        botToken: 'xoxb-x',
        signingSecret: undefined,
        appToken: undefined,
        moderators: [],
        apiUrl: 'http://127.0.0.1:9/api/',
        port: 0,
      },
      bot: await loadBot(),
      logger: memoryLogger().logger,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^SLACK_SIGNING_SECRET/);
  });
});
