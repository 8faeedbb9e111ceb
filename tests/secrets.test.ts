import { afterAll, describe, expect, it } from 'vitest';
import { startSlack } from '../adapters/slack/index.js';
import { booleanOption, slashCommand, stringOption } from './fakes/discord-interactions.js';
import { FakeSlackApi } from './fakes/slack-api.js';
import { FakeSlackSocket } from './fakes/slack-socket.js';
import { freshChannel, startHarness as startDiscordHarness, USERS } from './discord/harness.js';
import { loadBot, memoryLogger, startHttpHarness } from './slack/harness.js';

/**
 * Secrets never reach the log: each adapter runs at debug level with recognisable credentials,
 * serves requests (answers, failures, rate limits, refused signatures), and nothing it, Bolt,
 * the Web API client or discord.js logged contains any of them.
 */

const SLACK_BOT_TOKEN = 'xoxb-SECRET-1111-slack-bot-token';
const SLACK_SIGNING_SECRET = 'SECRET-2222-slack-signing-secret';
const SLACK_APP_TOKEN = 'xapp-SECRET-3333-slack-app-token';
const DISCORD_TOKEN = 'SECRET-4444-discord-bot-token';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The whole captured log as one string, and a check that it holds none of `secrets`. */
function expectNoSecrets(lines: unknown[], secrets: readonly string[]): void {
  const all = lines.map((line) => JSON.stringify(line)).join('\n');
  expect(lines.length).toBeGreaterThan(5); // logging really happened
  for (const secret of secrets) {
    expect(all).not.toContain(secret);
    // Nor a recognisable part of it (a prefix cut, say).
    expect(all).not.toContain(secret.slice(0, 16));
  }
  expect(all).not.toMatch(/SECRET-\d{4}/);
}

describe('no secret in the logs, at debug level', () => {
  it('Slack over HTTP: answers, failures, rate limits and forged requests', async () => {
    const h = await startHttpHarness({
      botToken: SLACK_BOT_TOKEN,
      signingSecret: SLACK_SIGNING_SECRET,
      clientOptions: { retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 20 } },
    });
    cleanups.push(() => h.close());
    expect(h.logs.logger.level).toBe('debug');
    const mention = (ts: string) =>
      h.send.event({ type: 'app_mention', user: 'UASKER', text: '<@UBOT> is sql a backend language?', ts, channel: 'CGENERAL' });

    await mention('1700000600.000100');
    h.api.failNext('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '0' },
      body: { ok: false, error: 'ratelimited' },
    });
    await mention('1700000600.000200');
    h.api.failNext('chat.postMessage', { body: { ok: false, error: 'invalid_auth' } });
    await mention('1700000600.000300');
    h.api.failNext('chat.postMessage', { status: 500, body: 'upstream broke' });
    h.api.failNext('chat.postMessage', { status: 500, body: 'still broken' });
    h.api.failNext('chat.postMessage', { status: 500, body: 'and again' });
    await mention('1700000600.000400');
    await h.send.command({
      command: '/career',
      text: 'backend salary in india',
      user_id: 'UASKER',
      channel_id: 'CGENERAL',
      response_url: h.api.responseUrl('cmd'),
    });
    const forged = await h.send.post('{"type":"event_callback"}', 'application/json', { signature: 'v0=00' });
    expect(forged.status).toBe(401);
    // Every path above ran: an answer, a rate limit waited out, a Web API error and an HTTP error logged.
    expect(h.api.callsTo('chat.postMessage').map((call) => call.status)).toEqual(expect.arrayContaining([200, 429, 500]));
    expect(h.logs.find(/handler failed/).length).toBeGreaterThanOrEqual(2);
    expect(h.api.callsTo('chat.postMessage').every((call) => call.token === SLACK_BOT_TOKEN)).toBe(true);

    await h.close();
    cleanups.pop();
    expectNoSecrets(h.logs.lines, [SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET]);
  });

  it('Slack in Socket Mode: connection, envelopes and answers', async () => {
    const socket = await new FakeSlackSocket().start();
    const api = await new FakeSlackApi({ socketUrl: socket.url }).start();
    cleanups.push(
      () => socket.close(),
      () => api.close(),
    );
    const logs = memoryLogger();
    const slack = await startSlack({
      config: {
        botToken: SLACK_BOT_TOKEN,
        signingSecret: SLACK_SIGNING_SECRET,
        appToken: SLACK_APP_TOKEN,
        moderators: [],
        apiUrl: api.apiUrl,
        port: 0,
      },
      bot: await loadBot(),
      logger: logs.logger,
      clientOptions: { retryConfig: { retries: 0 } },
    });
    await socket.connected;
    await socket.send('events_api', {
      type: 'event_callback',
      team_id: 'T0001',
      api_app_id: 'A0001',
      event_id: 'EvSECRET1',
      authorizations: [{ team_id: 'T0001', user_id: 'UBOT', is_bot: true }],
      event: { type: 'app_mention', user: 'UASKER', text: '<@UBOT> is sql a backend language?', ts: '1.1', channel: 'C1' },
    });
    await api.waitFor(() => api.callsTo('chat.postMessage')[0]);
    expect(api.callsTo('apps.connections.open')[0]?.token).toBe(SLACK_APP_TOKEN);
    await slack.stop();
    expectNoSecrets(logs.lines, [SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN]);
  });

  it('Discord: identify, answers, REST failures and rate limits, without tokens of any kind', async () => {
    const h = await startDiscordHarness({ DISCORD_TOKEN });
    cleanups.push(() => h.close());
    const identify = h.fake.framesWithOp(2)[0] as { d: { token: string } };
    expect(identify.d.token).toBe(DISCORD_TOKEN);
    const ask = (question: string, extra: ReturnType<typeof booleanOption>[] = []) =>
      slashCommand(USERS.alice, freshChannel(), {
        name: 'career',
        subcommand: 'ask',
        options: [stringOption('question', question), ...extra],
      });

    await h.fake.interact(ask('is sql a backend language?'));
    await h.fake.interact(ask('backend salary in india', [booleanOption('private', true)]));
    const failing = ask('is sql a backend language?');
    h.fake.override((r) =>
      r.path.startsWith(`/interactions/${failing.id}/`) ? { status: 500, body: { message: 'boom', code: 0 } } : undefined,
    );
    await h.fake.interact(failing);
    await h.fake.waitFor((r) => r.path.startsWith(`/interactions/${failing.id}/`) && r.status === 500);
    const denied = ask('is sql a backend language?');
    h.fake.once((r) => r.path.startsWith(`/interactions/${denied.id}/`), {
      status: 401,
      body: { message: '401: Unauthorized', code: 0 },
    });
    await h.fake.interact(denied);
    const limited = ask('is sql a backend language?');
    h.fake.once((r) => r.path.startsWith(`/interactions/${limited.id}/`), {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 0.1, global: false },
      headers: { 'retry-after': '0.1' },
    });
    await h.fake.interact(limited, (r) => r.path.startsWith(`/interactions/${limited.id}/`) && r.status !== 429);
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the failure logs land
    expect(h.logs.some((l) => l.msg === 'interaction failed')).toBe(true);
    // discord.js did use the token (GET /gateway/bot), so it was there to leak.
    expect(h.fake.requests.some((r) => r.authorization === `Bot ${DISCORD_TOKEN}`)).toBe(true);

    await h.close();
    cleanups.pop();
    // Interaction tokens are credentials too (15 minutes to answer as the bot).
    expectNoSecrets(h.logs, [DISCORD_TOKEN, failing.token, denied.token, limited.token]);
  });
});
