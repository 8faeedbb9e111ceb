import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDiscord } from '../../adapters/discord/index.js';
import { readConfig } from '../../app/config.js';
import { createLogger } from '../../src/logger.js';
import type { SqliteStore } from '../../src/store/sqlite.js';
import { temporarySqliteStore, type TemporaryStore } from '../support/store.js';
import { DEFAULT_AUTO_REPLY_THRESHOLD } from '../../src/use-cases/auto-reply.js';
import { readEvalCases } from '../../scripts/eval/sets.js';
import { button, slashCommand, stringOption, type Where } from '../fakes/discord-interactions.js';
import { BOT_USER, FakeDiscord, messageObject, snowflake, type RecordedRequest } from '../fakes/discord-server.js';
import { GUILD, USERS, customIds, limitProblems, loadBot, waitForLog, type LogLine } from './harness.js';

/**
 * Issue 13 through the real discord.js Client: a new post in an auto-reply forum gets one marked
 * suggestion in the post, with feedback, "remove" for the asker or a moderator and "Solved" for the
 * asker; text channels are answered in a thread when the Message Content intent is on.
 */

const FORUM = snowflake();
const OTHER_FORUM = snowflake();
const TEXT = GUILD.channels[0]!.id;
const SOLVED_TAG = snowflake();

let fake: FakeDiscord;
let temporary: TemporaryStore | undefined;
let store: SqliteStore;
let logs: LogLine[];
let running: Awaited<ReturnType<typeof startDiscord>>;
let sure: { q: string; topicId: string }[] = [];

async function start(env: Record<string, string> = {}): Promise<void> {
  logs = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logs.push(JSON.parse(line)) } });
  const config = readConfig({
    DISCORD_TOKEN: 'test-token',
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_MODERATOR_ROLE: 'Career Helper',
    ...env,
  }).discord!;
  running = await startDiscord({ config, bot: await loadBot(), logger, store, settings: store });
}

const at = (channelId: string): Where => ({ guildId: GUILD.id, channelId });

/** A new forum post by `owner`, as the gateway announces it. */
function newPost(title: string, forum = FORUM, owner = USERS.alice.id, id = snowflake()): string {
  fake.dispatch('THREAD_CREATE', {
    id,
    guild_id: GUILD.id,
    parent_id: forum,
    owner_id: owner,
    type: 11,
    name: title,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    flags: 0,
    applied_tags: [],
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
    newly_created: true,
  });
  return id;
}

const postedIn = (channelId: string) => (r: RecordedRequest) =>
  r.method === 'POST' && r.path === `/channels/${channelId}/messages`;
const skipped = (field: string, id: string) => (line: LogLine) => line.msg === 'auto-reply skipped' && line[field] === id;

async function autoreply(user: (typeof USERS)[keyof typeof USERS], mode: string, channel: string): Promise<string> {
  const payload = slashCommand(user, at(channel), { name: 'career-autoreply', options: [stringOption('mode', mode)] });
  const callback = await fake.interact(payload);
  return String(callback.body.data.content);
}

beforeAll(async () => {
  const bot = await loadBot();
  for (const c of readEvalCases(path.resolve(import.meta.dirname, '../eval/career.jsonl'))) {
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
  sure = sure.slice(0, 4);
  expect(sure).toHaveLength(4);
  fake = await new FakeDiscord({ guilds: [GUILD] }).start();
  // Routes the default fake does not have: the forum with its tags, editing a post, deleting a message, threads on messages.
  fake.override((r) => {
    if (r.method === 'GET' && (r.path === `/channels/${FORUM}` || r.path === `/channels/${OTHER_FORUM}`)) {
      return {
        status: 200,
        body: {
          id: r.path.split('/')[2],
          type: 15,
          guild_id: GUILD.id,
          name: 'help-forum',
          position: 1,
          permission_overwrites: [],
          parent_id: null,
          flags: 0,
          available_tags:
            r.path === `/channels/${FORUM}`
              ? [{ id: SOLVED_TAG, name: 'Solved', moderated: false, emoji_id: null, emoji_name: null }]
              : [],
        },
      };
    }
    if (r.method === 'PATCH' && r.path.startsWith('/channels/')) {
      return {
        status: 200,
        body: { id: r.path.split('/')[2], type: 11, guild_id: GUILD.id, parent_id: FORUM, name: 'x', ...r.body },
      };
    }
    if (r.method === 'DELETE' && /^\/channels\/\d+\/messages\/\d+$/.test(r.path)) return { status: 204 };
    const thread = r.path.match(/^\/channels\/(\d+)\/messages\/(\d+)\/threads$/);
    if (r.method === 'POST' && thread) {
      return {
        status: 201,
        body: { id: thread[2], type: 11, guild_id: GUILD.id, parent_id: thread[1], owner_id: BOT_USER.id, name: r.body.name },
      };
    }
    return undefined;
  });
  temporary = await temporarySqliteStore('careerbot-discord-autoreply-');
  store = temporary.store;
  await start();
});
afterAll(async () => {
  await running?.stop();
  await fake?.close();
  await temporary?.remove();
});
beforeEach(() => {
  fake.requests.length = 0;
});

describe('moderators choose the forums', () => {
  it('is off by default, refuses non-moderators and turns on for a moderator', async () => {
    const before = newPost(sure[0]!.q);
    await autoreply(USERS.bob, 'status', FORUM);
    expect(fake.requests.some(postedIn(before))).toBe(false);

    expect(await autoreply(USERS.bob, 'on', FORUM)).toMatch(/Only moderators/);
    expect(await store.getSetting('auto-reply-channels:discord')).toBeUndefined();
    expect(await autoreply(USERS.mod, 'on', FORUM)).toMatch(/Automatic replies are on in/);
    expect(await store.getSetting('auto-reply-channels:discord')).toEqual([FORUM]);
  });
});

describe('a new forum post', () => {
  let reply: RecordedRequest;
  let post: string;

  it('gets one marked suggestion in the post, matched on its title, pinging nobody', async () => {
    post = newPost(sure[0]!.q);
    reply = await fake.waitFor(postedIn(post));
    expect(reply.body.content).toMatch(/Automatic suggestion/);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(limitProblems(reply.body)).toEqual([]);
    expect(customIds(reply.body).filter((id) => id.startsWith('cbar:'))).toHaveLength(4);
    // A replayed gateway event does not post twice.
    newPost(sure[0]!.q, FORUM, USERS.alice.id, post);
    const next = newPost(sure[1]!.q);
    await fake.waitFor(postedIn(next));
    expect(fake.requests.filter(postedIn(post))).toHaveLength(1);
  });

  it('stays silent for an unsure or off-topic title, another forum, a post by the bot, and a repeated topic', async () => {
    const offTopic = newPost('what is the best pizza topping');
    await waitForLog(logs, skipped('thread', offTopic));
    const repeated = newPost(sure[0]!.q);
    await waitForLog(logs, (line) => skipped('thread', repeated)(line) && line.skip === 'cooldown');
    const byBot = newPost(sure[2]!.q, FORUM, BOT_USER.id);
    await waitForLog(logs, (line) => skipped('thread', byBot)(line) && line.skip === 'bot');
    const elsewhere = newPost(sure[2]!.q, OTHER_FORUM);
    const sentinel = newPost(sure[2]!.q);
    await fake.waitFor(postedIn(sentinel));
    for (const thread of [offTopic, repeated, byBot, elsewhere]) expect(fake.requests.some(postedIn(thread))).toBe(false);
  });

  it('"Solved" is for the asker and applies the forum tag; "remove" is for the asker or a moderator', async () => {
    const ids = customIds(reply.body);
    const solved = ids.find((id) => id.startsWith('cbar:ok:'))!;
    const remove = ids.find((id) => id.startsWith('cbar:rm:'))!;
    const message = messageObject({ channelId: post, guild_id: GUILD.id, components: reply.body.components });

    const bobSolved = await fake.interact(button(USERS.bob, at(post), solved, message));
    expect(bobSolved.body.data.content).toMatch(/Only the person who asked/);
    await fake.interact(button(USERS.alice, at(post), solved, message));
    const tagged = await fake.waitFor((r) => r.method === 'PATCH' && r.path === `/channels/${post}`);
    expect(tagged.body.applied_tags).toEqual([SOLVED_TAG]);

    const bobRemove = await fake.interact(button(USERS.bob, at(post), remove, message));
    expect(bobRemove.body.data.content).toMatch(/Only the person who asked or a moderator/);
    expect(fake.requests.some((r) => r.method === 'DELETE')).toBe(false);
    await fake.interact(button(USERS.mod, at(post), remove, message));
    await fake.waitFor((r) => r.method === 'DELETE' && r.path === `/channels/${post}/messages/${message.id}`);

    const counts = (await store.autoRepliesSince(0)).find((c) => c.platform === 'discord' && c.channelId === FORUM);
    expect(counts).toMatchObject({ solved: 1, removed: 1 });
    expect(counts!.posted).toBeGreaterThanOrEqual(3);
  });
});

describe('text channels and restarts', () => {
  it('keeps the list across a restart and, with Message Content, answers a text channel in a thread', async () => {
    await running.stop();
    await start({ DISCORD_MESSAGE_CONTENT: 'true' });
    expect(await autoreply(USERS.mod, 'status', FORUM)).toMatch(/Automatic replies are on in/);
    await autoreply(USERS.mod, 'on', TEXT);

    const ask = (
      content: string,
      author: object = { id: USERS.alice.id, username: 'alice', discriminator: '0', avatar: null },
    ) => {
      const id = snowflake();
      fake.dispatch('MESSAGE_CREATE', messageObject({ channelId: TEXT, guild_id: GUILD.id, id, content, author, type: 0 }));
      return id;
    };
    const fromBot = ask(sure[3]!.q, {
      id: '830000000000000001',
      username: 'otherbot',
      discriminator: '0',
      avatar: null,
      bot: true,
    });
    await waitForLog(logs, (line) => skipped('message', fromBot)(line) && line.skip === 'bot');
    const question = ask(sure[3]!.q);
    const answered = await fake.waitFor(postedIn(question));
    expect(answered.body.content).toMatch(/Automatic suggestion/);
    expect(fake.requests.some((r) => r.method === 'POST' && r.path === `/channels/${TEXT}/messages/${question}/threads`)).toBe(
      true,
    );
    expect(customIds(answered.body).some((id) => id.startsWith('cbar:ok:'))).toBe(false);

    // A thread someone opens in the text channel is a conversation, not a forum post: no reply.
    const thread = newPost(sure[2]!.q, TEXT);
    const sentinel = ask(sure[2]!.q);
    await fake.waitFor(postedIn(sentinel));
    expect(fake.requests.some(postedIn(thread))).toBe(false);
  });
});
