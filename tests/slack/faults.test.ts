import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APOLOGY } from '../../adapters/shared/texts.js';
import { lastCall, startHttpHarness, textOf, type Harness } from './harness.js';

/**
 * Platform faults through the real Bolt App and its real Web API client, against the fake Web API:
 * a 429 with Retry-After, 500s, and a handler that throws. In each case the process keeps serving,
 * the user gets the answer (or a short apology), and the log says what happened, with context.
 */

const QUESTION = 'is sql a backend language?';
let ts = 1_700_002_000;
const nextTs = () => `${ts++}.000100`;

/** The client as in production (it retries), with short back-off so the test stays quick. */
const RETRYING = { retryConfig: { retries: 2, factor: 1, minTimeout: 20, maxTimeout: 50 }, timeout: 5_000 };

let retrying: Harness;
let strict: Harness;
beforeAll(async () => {
  retrying = await startHttpHarness({ clientOptions: RETRYING });
  strict = await startHttpHarness();
});
afterAll(async () => {
  await retrying?.close();
  await strict?.close();
});
beforeEach(() => {
  for (const h of [retrying, strict]) {
    h.api.reset();
    h.logs.lines.length = 0;
  }
});

const mention = (h: Harness, fields: Record<string, unknown> = {}) =>
  h.send.event({
    type: 'app_mention',
    user: 'UASKER',
    text: `<@UBOT> ${QUESTION}`,
    ts: nextTs(),
    channel: 'CGENERAL',
    ...fields,
  });

describe('Web API 429 (rate limited)', () => {
  it('waits for Retry-After, retries, and posts the answer', async () => {
    retrying.api.failNext('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { ok: false, error: 'ratelimited' },
    });
    const started = Date.now();
    const res = await mention(retrying);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const posts = retrying.api.callsTo('chat.postMessage');
    expect(posts.map((call) => call.status)).toEqual([429, 200]);
    expect(textOf(posts[1]!.args)).toContain(retrying.bot.topic('sql-backend-language')!.title);
    // Bolt's Web API client says it was rate limited, through our logger.
    expect(retrying.logs.find(/rate limit/i)[0]).toMatchObject({ platform: 'slack', source: 'bolt' });
    expect(retrying.logs.find('answered')).toHaveLength(1);
    expect(retrying.logs.find(/handler failed/)).toEqual([]);
  });
});

describe('Web API 500', () => {
  it('retries a transient 500 and posts the answer', async () => {
    retrying.api.failNext('chat.postMessage', { status: 500, body: 'upstream broke' });
    await mention(retrying);
    const posts = retrying.api.callsTo('chat.postMessage');
    expect(posts.map((call) => call.status)).toEqual([500, 200]);
    expect(retrying.logs.find('answered')).toHaveLength(1);
    expect(retrying.logs.find(/handler failed/)).toEqual([]);
  });

  it('logs a lasting 500 with context, apologises in the thread, and answers the next request', async () => {
    strict.api.failNext('chat.postMessage', { status: 500, body: 'upstream broke' });
    const thread = nextTs();
    const res = await mention(strict, { ts: thread, channel: 'CBROKEN' });
    expect(res.status).toBe(200);
    const [failure] = strict.logs.find('app_mention handler failed');
    expect(failure).toMatchObject({
      level: 50,
      platform: 'slack',
      event: 'app_mention',
      user: 'UASKER',
      channel: 'CBROKEN',
      eventId: expect.stringMatching(/^Ev/),
    });
    expect(JSON.stringify(failure?.err)).toMatch(/500/);
    const apology = lastCall(strict.api, 'chat.postMessage');
    expect(apology.args).toMatchObject({ channel: 'CBROKEN', thread_ts: thread });
    expect(apology.args.text).toBe(APOLOGY);

    const health = await fetch(strict.endpoint.replace('/slack/events', '/healthz'));
    expect(health.status).toBe(200);
    strict.api.reset();
    await mention(strict);
    expect(lastCall(strict.api, 'chat.postMessage').status).toBe(200);
    expect(textOf(lastCall(strict.api, 'chat.postMessage').args)).toContain(strict.bot.topic('sql-backend-language')!.title);
  });
});

describe('a handler that throws', () => {
  it('logs the error with context, apologises without internals, and keeps serving', async () => {
    // A mention event without its text (an odd payload): our handler throws a TypeError reading it.
    const thread = nextTs();
    const res = await strict.send.event({ type: 'app_mention', user: 'UODD', ts: thread, channel: 'CGENERAL' });
    expect(res.status).toBe(200);
    const [failure] = strict.logs.find('app_mention handler failed');
    expect(failure).toMatchObject({ level: 50, platform: 'slack', event: 'app_mention', user: 'UODD', channel: 'CGENERAL' });
    const err = failure?.err as { type?: string; message?: string; stack?: string };
    expect(err.type).toBe('TypeError');
    expect(err.stack).toEqual(expect.any(String));

    const apology = lastCall(strict.api, 'chat.postMessage');
    expect(apology.args).toMatchObject({ channel: 'CGENERAL', thread_ts: thread });
    expect(apology.args.text).toBe(APOLOGY);
    expect(JSON.stringify(apology.args)).not.toMatch(/TypeError|undefined|\.ts:/);

    strict.api.reset();
    await mention(strict);
    expect(textOf(lastCall(strict.api, 'chat.postMessage').args)).toContain(strict.bot.topic('sql-backend-language')!.title);
  });
});
