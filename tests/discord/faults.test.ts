import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botMessage, slashCommand, stringOption, stringSelect } from '../fakes/discord-interactions.js';
import type { RecordedRequest } from '../fakes/discord-server.js';
import {
  CALLBACK,
  EPHEMERAL,
  freshChannel,
  GUILD,
  isCallback,
  startHarness,
  USERS,
  waitForLog,
  type Harness,
  type LogLine,
} from './harness.js';

/**
 * Platform faults through the real discord.js Client against the fake Discord: REST rate limits
 * and server errors, a gateway connection dropped mid-session, and a handler that throws. In each
 * case the process stays up, the user gets an answer (or a short apology), and the log says why.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const SQL_QUESTION = 'is sql a backend language?';
const ask = (user = USERS.alice, question = SQL_QUESTION) =>
  slashCommand(user, freshChannel(), { name: 'career', subcommand: 'ask', options: [stringOption('question', question)] });
const sqlTitle = () => h.bot.topic('sql-backend-language')!.title;
const linesFor = (id: string): LogLine[] => h.logs.filter((l) => l.interactionId === id);

/** A 429 as Discord sends it: JSON body and the headers discord.js reads. */
function rateLimited(retryAfterSeconds: number, bucketHeaders: Record<string, string> = {}) {
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
    headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-scope': 'user', ...bucketHeaders },
  };
}

describe('REST rate limits (429)', () => {
  it('waits out a 429 on the interaction callback and then replies', async () => {
    const interaction = ask();
    h.fake.once(isCallback(interaction), rateLimited(1));
    const started = Date.now();
    const answered = await h.fake.interact(interaction, (r) => isCallback(interaction)(r) && r.status !== 429, 8000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    const attempts = h.fake.requests.filter(isCallback(interaction));
    expect(attempts.map((r) => r.status)).toEqual([429, answered.status]);
    expect(answered.body.type).toBe(CALLBACK.reply);
    expect(answered.body.data.embeds[0].title).toBe(sqlTitle());
    await waitForLog(h.logs, (l) => l.msg === 'interaction handled' && l.interactionId === interaction.id);
    expect(linesFor(interaction.id).some((l) => l.level >= 50)).toBe(false);
  });

  it('honours the bucket headers on a 429 for a channel post, logs the rate limit, and posts', async () => {
    const where = freshChannel();
    const route = `/channels/${where.channelId}/messages`;
    h.fake.once(
      (r) => r.method === 'POST' && r.path === route,
      rateLimited(1, {
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': '0.4',
        'x-ratelimit-bucket': 'fake-bucket',
      }),
    );
    // A moderator picks a topic in "Answer with career FAQ": the answer is a channel post (a rate-limited route).
    const choose = stringSelect(
      USERS.mod,
      where,
      `cb:share:830000000000000003:${USERS.bob.id}`,
      ['skills'],
      botMessage(where, { flags: EPHEMERAL }),
    );
    await h.fake.interact(choose);
    const posted = await h.fake.waitFor((r) => r.method === 'POST' && r.path === route && r.status === 200, 8000);
    expect(posted.body.allowed_mentions).toMatchObject({ parse: [], users: [USERS.bob.id] });
    expect(h.fake.requests.filter((r) => r.path === route).map((r) => r.status)).toEqual([429, 200]);
    const edited = await h.fake.waitFor((r) => r.method === 'PATCH' && r.path.endsWith(`/${choose.token}/messages/@original`));
    expect(edited.body.content).toMatch(/^Posted \*\*/);
    const warning = await waitForLog(h.logs, (l) => l.msg === 'rate limited by Discord');
    expect(warning).toMatchObject({ level: 40, platform: 'discord', route: '/channels/:id/messages', global: false });
    expect(warning.retryAfter).toEqual(expect.any(Number));
    expect(linesFor(choose.id).some((l) => l.msg === 'interaction failed')).toBe(false);
  });
});

describe('REST server errors (5xx)', () => {
  it('retries a single 500 and the reply lands', async () => {
    const interaction = ask();
    h.fake.once(isCallback(interaction), { status: 500, body: { message: '500: Internal Server Error', code: 0 } });
    const answered = await h.fake.interact(interaction, (r) => isCallback(interaction)(r) && r.status < 500);
    expect(answered.body.data.embeds[0].title).toBe(sqlTitle());
    expect(h.fake.requests.filter(isCallback(interaction)).map((r) => r.status)).toEqual([500, answered.status]);
    await waitForLog(h.logs, (l) => l.msg === 'interaction handled' && l.interactionId === interaction.id);
    expect(linesFor(interaction.id).some((l) => l.msg === 'interaction failed')).toBe(false);
  });
  // A 500 that persists past the retries: tests/discord/commands.test.ts ("a REST 500 on a callback is logged…").
});

describe('a handler that throws', () => {
  it('logs the error with context, apologises privately, and keeps serving', async () => {
    // Discord sends /career ask without its required option (an out-of-date command, a malformed payload):
    // discord.js throws inside our handler when it reads the option.
    const broken = slashCommand(USERS.alice, freshChannel(), { name: 'career', subcommand: 'ask', options: [] });
    const apology = await h.fake.interact(broken);
    expect(apology.body.type).toBe(CALLBACK.reply);
    expect(apology.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(apology.body.data.content).toMatch(/^Sorry, something went wrong/);
    // No stack trace or internals in chat.
    expect(JSON.stringify(apology.body)).not.toMatch(/question|TypeError|at .*\.ts/);

    const failure = await waitForLog(h.logs, (l) => l.msg === 'interaction failed' && l.interactionId === broken.id);
    expect(failure).toMatchObject({
      level: 50,
      platform: 'discord',
      command: '/career ask',
      user: USERS.alice.id,
      guild: GUILD.id,
    });
    const err = failure.err as { type?: string; message?: string; stack?: string };
    expect(err.message).toMatch(/question/);
    expect(err.stack).toEqual(expect.any(String));

    expect(h.client.isReady()).toBe(true);
    const next = await h.fake.interact(ask(USERS.bob));
    expect(next.body.data.embeds[0].title).toBe(sqlTitle());
  });
});

describe('gateway connection dropped mid-session', () => {
  /** Resolves with the callback of an interaction pushed through the gateway, whenever the client gets it. */
  function answerOf(interaction: { id: string; token: string }): Promise<RecordedRequest> {
    return h.fake.waitFor(isCallback(interaction), 10_000);
  }

  it.each([
    ['closed with 4000 (unknown error)', 4000],
    ['closed with 1001 (going away)', 1001],
    ['cut without a close frame', undefined],
  ])('%s: discord.js resumes the session, and an interaction sent meanwhile is replayed and answered', async (_name, code) => {
    const resumesBefore = h.fake.framesWithOp(6).length;
    const identifiesBefore = h.fake.framesWithOp(2).length;
    const logsBefore = h.logs.length;
    await h.fake.dropGateway(code);
    // Sent while the client is disconnected: Discord keeps it and replays it on RESUME.
    const meanwhile = ask();
    h.fake.dispatch('INTERACTION_CREATE', meanwhile);
    const answered = await answerOf(meanwhile);
    expect(answered.body.data.embeds[0].title).toBe(sqlTitle());
    expect(h.fake.framesWithOp(6)).toHaveLength(resumesBefore + 1);
    expect(h.fake.framesWithOp(2)).toHaveLength(identifiesBefore); // resumed, not a new session
    const since = h.logs.slice(logsBefore);
    expect(since.some((l) => l.msg === 'gateway reconnecting')).toBe(true);
    await waitForLog(since, (l) => l.msg === 'gateway resumed');

    const after = await h.fake.interact(ask(USERS.bob));
    expect(after.body.data.embeds[0].title).toBe(sqlTitle());
  });

  it('identifies anew when Discord will not resume the session, then answers', async () => {
    const stubborn = await startHarness({}, { refuseResume: true });
    try {
      const identifiesBefore = stubborn.fake.framesWithOp(2).length;
      await stubborn.fake.dropGateway(4000);
      await waitForLog(stubborn.logs, (l) => l.msg === 'gateway reconnecting');
      // A fresh session: discord.js waits out Discord's identify spacing (5 s a session) first.
      const deadline = Date.now() + 12_000;
      while (stubborn.fake.framesWithOp(2).length === identifiesBefore && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(stubborn.fake.framesWithOp(2)).toHaveLength(identifiesBefore + 1);
      expect(stubborn.fake.framesWithOp(6).length).toBeGreaterThanOrEqual(1);
      // Give the READY a moment to reach the client before pushing the next interaction.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const next = await stubborn.fake.interact(ask(USERS.bob));
      expect(next.body.data.embeds[0].title).toBe(sqlTitle());
      expect(stubborn.client.isReady()).toBe(true);
    } finally {
      await stubborn.close();
    }
  }, 20_000);
});
