import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSlack, type RunningSlack } from '../../adapters/slack/index.js';
import { AUTO_REPLY_ACTIONS } from '../../adapters/slack/handlers/auto-reply-render.js';
import type { SlackConfig } from '../../app/config.js';
import { TopicCooldown } from '../../src/policies/cooldown.js';
import type { SqliteStore } from '../../src/store/sqlite.js';
import { temporarySqliteStore, type TemporaryStore } from '../support/store.js';
import { DEFAULT_AUTO_REPLY_THRESHOLD } from '../../src/use-cases/auto-reply.js';
import { readEvalCases } from '../../scripts/eval/sets.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { slackRequester, type SlackRequester } from '../fakes/slack-request.js';
import {
  SIGNING_SECRET,
  clickPayload,
  expectNoUnwantedMentions,
  expectValidBlocks,
  findElement,
  loadBot,
  memoryLogger,
  textOf,
} from './harness.js';

/**
 * Issue 13 through the real Bolt app: in a channel a moderator turned auto-reply on, a person's new
 * question gets one threaded automatic suggestion when the matcher is very sure, and nothing else does.
 */

const HELP = 'CHELP';
const OTHER = 'CRANDOM';
const MOD = 'UMOD';

let api: FakeSlackApi;
let temporary: TemporaryStore | undefined;
let store: SqliteStore;
let slack: RunningSlack;
let send: SlackRequester;
let logs: ReturnType<typeof memoryLogger>;
let now = 1_700_000_000_000;
let ts = 1_700_100_000;
const nextTs = () => `${ts++}.000100`;

/** Questions from the labelled set: the first ones the bot answers very surely (two topics), and one it is unsure of. */
let sure: { q: string; topicId: string }[] = [];
let unsure: string;

async function start(): Promise<void> {
  const config: SlackConfig = {
    botToken: 'xoxb-test-token',
    signingSecret: SIGNING_SECRET,
    appToken: undefined,
    moderators: [MOD],
    apiUrl: api.apiUrl,
    port: 0,
  };
  slack = await startSlack({
    config,
    bot: await loadBot(),
    logger: logs.logger,
    host: '127.0.0.1',
    processBeforeResponse: true,
    clientOptions: { retryConfig: { retries: 0 } },
    store,
    settings: store,
    cooldown: new TopicCooldown({ seconds: 600, now: () => now }),
  });
  send = slackRequester(`http://127.0.0.1:${slack.port}/slack/events`, SIGNING_SECRET);
}

beforeAll(async () => {
  const bot = await loadBot();
  const cases = readEvalCases(path.resolve(import.meta.dirname, '../eval/career.jsonl'));
  for (const c of cases) {
    const { reply, match } = bot.ask(c.q);
    if (
      reply.kind === 'answer' &&
      match &&
      match.confidence >= DEFAULT_AUTO_REPLY_THRESHOLD &&
      c.labels?.includes(reply.topic.id)
    ) {
      if (!/https?:|`/.test(c.q) && !sure.some((s) => s.topicId === reply.topic.id))
        sure.push({ q: c.q, topicId: reply.topic.id });
    }
  }
  sure = sure.slice(0, 3);
  const dev = readEvalCases(path.resolve(import.meta.dirname, '../eval/community-own.tsv'));
  unsure = dev.find((c) => {
    const { reply, match } = bot.ask(c.q);
    return c.labels !== null && (reply.kind !== 'answer' || (match?.confidence ?? 0) < DEFAULT_AUTO_REPLY_THRESHOLD);
  })!.q;
  expect(sure).toHaveLength(3);

  api = await new FakeSlackApi().start();
  temporary = await temporarySqliteStore('careerbot-slack-autoreply-');
  store = temporary.store;
  logs = memoryLogger();
  await start();
});
afterAll(async () => {
  await slack?.stop();
  await api?.close();
  await temporary?.remove();
});
beforeEach(() => {
  api.reset();
  now += 3_600_000; // a fresh hour: the channel limit and the cooldown of earlier tests do not carry over
});

const command = (text: string, user: string, channel: string, responseName: string) =>
  send.command({ command: '/career', text, user_id: user, channel_id: channel, response_url: api.responseUrl(responseName) });

const post = (text: string, extra: Record<string, unknown> = {}) => {
  const at = nextTs();
  return send
    .event({ type: 'message', channel_type: 'channel', channel: HELP, user: 'UASKER', text, ts: at, ...extra })
    .then((res) => ({ res, ts: at }));
};

const autoReplies = () => api.callsTo('chat.postMessage');

describe('moderators choose the channels', () => {
  it('is off by default, a non-moderator cannot turn it on, a moderator can', async () => {
    await post(sure[0]!.q);
    expect(autoReplies()).toHaveLength(0);

    await command('autoreply on', 'UPEOPLE', HELP, 'refused');
    expect(textOf(api.responsesTo('refused')[0]?.body)).toMatch(/Only moderators/);
    await command('autoreply status', 'UPEOPLE', HELP, 'status');
    expect(textOf(api.responsesTo('status')[0]?.body)).toMatch(/Automatic replies are off in <#CHELP>/);

    await command('autoreply on', MOD, HELP, 'on');
    expect(textOf(api.responsesTo('on')[0]?.body)).toMatch(/Automatic replies are on in <#CHELP>/);
    expect(await store.getSetting('auto-reply-channels:slack')).toEqual([HELP]);
  });
});

describe('in an auto-reply channel', () => {
  it('answers a sure question with exactly one threaded, marked suggestion that mentions nobody', async () => {
    const { ts: asked } = await post(sure[0]!.q);
    expect(autoReplies()).toHaveLength(1);
    const reply = autoReplies()[0]!.args;
    expect(reply).toMatchObject({ channel: HELP, thread_ts: asked });
    expect(textOf(reply)).toMatch(/Automatic suggestion/);
    expectValidBlocks(reply);
    expectNoUnwantedMentions(reply);
    findElement(reply, AUTO_REPLY_ACTIONS.remove);
    findElement(reply, AUTO_REPLY_ACTIONS.up);
    expect(logs.find('auto-reply posted').at(-1)).toMatchObject({ topicId: sure[0]!.topicId, channel: HELP });
    // Slack retries an event it thinks was lost: still one reply, and no second decision.
    const decisions = logs.find(/^auto-reply (posted|skipped)$/).length;
    await send.event(
      { type: 'message', channel_type: 'channel', channel: HELP, user: 'UASKER', text: sure[0]!.q, ts: asked },
      {},
    );
    expect(autoReplies()).toHaveLength(1);
    expect(logs.find(/^auto-reply (posted|skipped)$/)).toHaveLength(decisions);
  });

  it('does not post the same topic twice within the cooldown', async () => {
    await post(sure[1]!.q);
    expect(autoReplies()).toHaveLength(1);
    await post(sure[1]!.q);
    expect(autoReplies()).toHaveLength(1);
    expect(logs.find('auto-reply skipped').at(-1)).toMatchObject({ skip: 'cooldown' });
  });

  it.each([
    ['an off-topic message', () => 'what is the best pizza topping', {}],
    ['an unsure question', () => unsure, {}],
    ['another channel', () => sure[2]!.q, { channel: OTHER }],
    ['a bot', () => sure[2]!.q, { bot_id: 'BOTHER' }],
    ['an edit', () => sure[2]!.q, { subtype: 'message_changed' }],
    ['a thread reply', () => sure[2]!.q, { thread_ts: '1700000000.000001' }],
    ['a message that mentions the bot', () => `<@UBOT> ${sure[2]!.q}`, {}],
    ['only a link', () => 'https://example.com/some/backend/roadmap', {}],
    ['only a code block', () => '```\nSELECT * FROM users;\n```', {}],
  ])('stays silent for %s', async (_name, text, extra) => {
    const { res } = await post(text(), extra);
    expect(res.status).toBe(200);
    expect(autoReplies()).toHaveLength(0);
  });
});

describe('removal and feedback', () => {
  it('lets the asker or a moderator remove the suggestion, and nobody else', async () => {
    const { ts: asked } = await post(sure[2]!.q);
    const reply = autoReplies()[0]!.args;
    const message = { ts: '1700999999.000100', thread_ts: asked };
    const remove = findElement(reply, AUTO_REPLY_ACTIONS.remove);
    await send.interaction(
      clickPayload({ element: remove, user: 'USTRANGER', channel: HELP, responseUrl: api.responseUrl('stranger'), message }),
    );
    expect(api.callsTo('chat.delete')).toHaveLength(0);
    expect(textOf(api.responsesTo('stranger')[0]?.body)).toMatch(/Only the person who asked or a moderator/);

    const up = findElement(reply, AUTO_REPLY_ACTIONS.up);
    await send.interaction(
      clickPayload({ element: up, user: 'UFAN', channel: HELP, responseUrl: api.responseUrl('up'), message }),
    );
    await send.interaction(
      clickPayload({ element: remove, user: 'UASKER', channel: HELP, responseUrl: api.responseUrl('asker'), message }),
    );
    expect(api.callsTo('chat.delete').map((call) => call.args)).toEqual([
      expect.objectContaining({ channel: HELP, ts: message.ts }),
    ]);

    const counts = (await store.autoRepliesSince(0)).find((c) => c.channelId === HELP);
    expect(counts).toMatchObject({ platform: 'slack', up: 1, removed: 1 });
    expect(counts!.posted).toBeGreaterThanOrEqual(3);

    await command('report', MOD, HELP, 'report');
    expect(textOf(api.responsesTo('report')[0]?.body)).toMatch(
      new RegExp(`<#CHELP>: ${counts!.posted} posted · 👍 1 👎 0 · 1 removed`),
    );
  });
});

describe('restart', () => {
  it('keeps the channel list in the store', async () => {
    await slack.stop();
    await start();
    await command('autoreply status', MOD, HELP, 'after-restart');
    expect(textOf(api.responsesTo('after-restart')[0]?.body)).toMatch(/Automatic replies are on in <#CHELP>/);
    await post(sure[0]!.q);
    expect(autoReplies()).toHaveLength(1);

    await command('autoreply off', MOD, HELP, 'off');
    api.reset();
    await post(sure[1]!.q);
    expect(autoReplies()).toHaveLength(0);
  });
});
