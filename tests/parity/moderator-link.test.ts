import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINK_PICK } from '../../adapters/discord/commands/career-link.js';
import { discordLinkTexts } from '../../adapters/discord/moderators.js';
import { LINK_USAGE, SLACK_LINK_TEXTS } from '../../adapters/slack/handlers/career-link.js';
import { CareerBot } from '../../src/bot.js';
import type { SqliteStore } from '../../src/store/sqlite.js';
import { botMessage, messageCommand, slashCommand, stringOption, stringSelect } from '../fakes/discord-interactions.js';
import { loadTestKnowledge } from '../support/bot.js';
import { temporarySqliteStore, type TemporaryStore } from '../support/store.js';
import {
  CALLBACK,
  EPHEMERAL,
  freshChannel,
  startHarness as startDiscordHarness,
  USERS,
  type Harness as DiscordHarness,
} from '../discord/harness.js';
import {
  answerShortcutPayload,
  lastCall,
  linkModalSubmission,
  startHttpHarness,
  type Harness as SlackHarness,
} from '../slack/harness.js';

/**
 * The moderator link (src/use-cases/moderator-link.ts) through the real Bolt and the real discord.js
 * Client against the fake platforms: every refusal reads the same on Slack and Discord (apart from
 * each platform's own pieces: who the moderators are, how to ask, how to name a topic), and both
 * record the link before the answer reaches the platform.
 */

const MODERATOR_ROLE = 'Career Helper';

let slack: SlackHarness;
let discord: DiscordHarness;
let slackStore: SqliteStore;
let discordStore: SqliteStore;
const temporaries: TemporaryStore[] = [];

async function store(): Promise<SqliteStore> {
  const temporary = await temporarySqliteStore('careerbot-link-parity-');
  temporaries.push(temporary);
  return temporary.store;
}

beforeAll(async () => {
  const knowledge = await loadTestKnowledge();
  slackStore = await store();
  discordStore = await store();
  // Their own bots: a link teaches the matcher, and no other test file should see that.
  slack = await startHttpHarness({
    moderators: ['UMOD'],
    store: slackStore,
    bot: new CareerBot(knowledge, { rateLimitPerMinute: 0 }),
  });
  discord = await startDiscordHarness(
    { DISCORD_MODERATOR_ROLE: MODERATOR_ROLE },
    { store: discordStore, bot: new CareerBot(knowledge, { rateLimitPerMinute: 0 }) },
  );
});
afterAll(async () => {
  await slack?.close();
  await discord?.close();
  for (const temporary of temporaries) await temporary.remove();
});

// ---------------------------------------------------------------------------------------------
// Slack

let tags = 0;
async function slackLink(user: string, text: string): Promise<string> {
  const tag = `link-${++tags}`;
  await slack.send.command({
    command: '/career',
    text,
    user_id: user,
    channel_id: 'CGENERAL',
    response_url: slack.api.responseUrl(tag),
  });
  const [response] = slack.api.responsesTo(tag);
  expect(response?.body.response_type).toBe('ephemeral');
  return String(response?.body.text);
}

/** The shortcut on a message, then the modal submitted with `topicId`: the modal's error, or null when accepted. */
async function slackShortcut(
  topicId: string | undefined,
  text = 'which database should a backend beginner learn',
): Promise<string | null> {
  await slack.send.interaction(
    answerShortcutPayload({ user: 'UMOD', text, responseUrl: slack.api.responseUrl('parity-shortcut') }),
  );
  const view = lastCall(slack.api, 'views.open').args.view as { private_metadata: string };
  const res = await slack.send.interaction(linkModalSubmission('UMOD', view.private_metadata, topicId));
  const body = await res.text();
  if (body === '') return null;
  const parsed = JSON.parse(body) as { errors?: { careerbot_topic?: string } };
  return parsed.errors?.careerbot_topic ?? null;
}

// ---------------------------------------------------------------------------------------------
// Discord

async function discordLink(user: (typeof USERS)[keyof typeof USERS], topic: string): Promise<string> {
  const req = await discord.fake.interact(
    slashCommand(user, freshChannel(), { name: 'career-link', options: [stringOption('topic', topic)] }),
  );
  expect(req.body).toMatchObject({ type: CALLBACK.reply, data: { flags: EPHEMERAL } });
  return String(req.body.data.content);
}

/** "Answer with career FAQ" on a message, then `values` chosen in the menu: the menu's new text. */
async function discordShare(values: string[], text = 'which database should a backend beginner learn') {
  const where = freshChannel();
  const targetId = '830000000000000077';
  const menu = await discord.fake.interact(
    messageCommand(USERS.mod, where, 'Answer with career FAQ', { id: targetId, author: USERS.bob, content: text }),
  );
  const customId = String(menu.body.data.components[0].components[0].custom_id);
  const choose = stringSelect(USERS.mod, where, customId, values, botMessage(where, { flags: EPHEMERAL }));
  return { where, choose, req: await discord.fake.interact(choose) };
}

// ---------------------------------------------------------------------------------------------

/** The text with each platform's own pieces replaced by their names. */
function wording(text: string, parts: Record<string, string | undefined>): string {
  let out = text;
  for (const [name, piece] of Object.entries(parts)) if (piece) out = out.split(piece).join(`{${name}}`);
  return out;
}
const slackWording = (text: string) =>
  wording(text, { moderators: SLACK_LINK_TEXTS.moderators, ask: SLACK_LINK_TEXTS.ask, pick: LINK_USAGE });
const discordWording = (text: string) => {
  const parts = discordLinkTexts(MODERATOR_ROLE);
  return wording(text, { moderators: parts.moderators, ask: parts.ask, pick: LINK_PICK });
};

describe('moderator link refusals read the same on Slack and Discord', () => {
  it('a non-moderator', async () => {
    const onSlack = slackWording(await slackLink('URANDOM', 'link databases'));
    const onDiscord = discordWording(await discordLink(USERS.alice, 'topic:databases'));
    expect(onSlack).toBe(onDiscord);
    expect(onSlack).toMatch(/^Only \{moderators\} can post answers for others\. .*\{ask\}/);
  });

  it('words that match no topic, echoed', async () => {
    const onSlack = slackWording(await slackLink('UMOD', 'link qwxz zzyzx'));
    const onDiscord = discordWording(await discordLink(USERS.mod, 'qwxz zzyzx'));
    expect(onSlack).toBe(onDiscord);
    expect(onSlack).toBe('No topic matches “qwxz zzyzx”. {pick}');
  });

  it('a picked topic that is no longer in the knowledge', async () => {
    const onSlack = await slackShortcut('no-such-topic-any-more');
    const { req } = await discordShare(['no-such-topic-any-more']);
    expect(req.body.type).toBe(CALLBACK.update);
    expect(onSlack).toBe(req.body.data.content);
    expect(onSlack).toMatch(/no longer exists/);
  });

  it('no topic picked', async () => {
    const onSlack = await slackShortcut(undefined);
    const { req } = await discordShare([]);
    expect(req.body.type).toBe(CALLBACK.update);
    expect(onSlack).toBe(req.body.data.content);
    expect(onSlack).toBe('Pick a topic.');
  });

  it('records nothing for a refusal', async () => {
    const before = [await slackStore.moderatorLinksSince(0), await discordStore.moderatorLinksSince(0)];
    await slackLink('URANDOM', 'link databases');
    await slackShortcut(undefined);
    await discordLink(USERS.alice, 'topic:databases');
    await discordShare(['no-such-topic-any-more']);
    expect([await slackStore.moderatorLinksSince(0), await discordStore.moderatorLinksSince(0)]).toEqual(before);
  });
});

describe('the link is recorded before the answer reaches the platform, on both', () => {
  it('Slack: the store holds the link when chat.postMessage arrives', async () => {
    const before = await slackStore.moderatorLinksSince(0);
    // Read when the post arrives (the store serialises its work, so this read sees only what came before).
    const seen: Promise<number>[] = [];
    slack.api.answerWith('chat.postMessage', () => {
      seen.push(slackStore.moderatorLinksSince(0));
      return undefined;
    });
    expect(await slackShortcut('databases')).toBeNull();
    expect(slack.api.callsTo('chat.postMessage')).toHaveLength(1);
    expect(await Promise.all(seen)).toEqual([before + 1]);
  });

  it('Discord: the store holds the link when the channel message arrives', async () => {
    const before = await discordStore.moderatorLinksSince(0);
    const seen: Promise<number>[] = [];
    const stop = discord.fake.override((request) => {
      if (request.method === 'POST' && /^\/channels\/\d+\/messages$/.test(request.path)) {
        seen.push(discordStore.moderatorLinksSince(0));
      }
      return undefined;
    });
    try {
      const { where } = await discordShare(['databases']);
      await discord.fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${where.channelId}/messages`);
    } finally {
      stop();
    }
    expect(await Promise.all(seen)).toEqual([before + 1]);
  });
});
