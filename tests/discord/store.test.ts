import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CareerBot } from '../../src/bot.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { SqliteStore } from '../../src/store/sqlite.js';
import { botMessage, button, messageCommand, slashCommand, stringOption, stringSelect } from '../fakes/discord-interactions.js';
import { unansweredPhrasing } from '../support/bot.js';
import { temporarySqliteStore, type TemporaryStore } from '../support/store.js';
import { CALLBACK, EPHEMERAL, freshChannel, limitProblems, startHarness, USERS, waitForLog, type Harness } from './harness.js';

/**
 * Issue 7 through the real discord.js Client: what members ask is recorded, a moderator's answer
 * teaches the bot at once, and `/career-report` shows moderators what was asked.
 */

let h: Harness;
let temporary: TemporaryStore | undefined;
let store: SqliteStore;

beforeAll(async () => {
  temporary = await temporarySqliteStore('careerbot-discord-store-');
  store = temporary.store;
  // Its own bot: learning changes the matcher, and no other test file should see that.
  const { knowledge } = await loadKnowledge(path.join(PROJECT_ROOT, 'knowledge'));
  h = await startHarness({}, { bot: new CareerBot(knowledge, { rateLimitPerMinute: 0 }), store });
});
afterAll(async () => {
  await h?.close();
  await temporary?.remove();
});

const OFF_TOPIC = 'what is the best pizza topping';
/** Each test teaches the first of the shared phrasings the bot does not answer yet. */
function unanswered(): { text: string; topicId: string } {
  return unansweredPhrasing(h.bot);
}

const ask = (question: string) => ({ name: 'career', subcommand: 'ask', options: [stringOption('question', question)] });

/** Records are written after the reply is sent: wait for them. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('recording', () => {
  it('keeps a declined question with its text and channel (no user), counts an answer, and stores a feedback click', async () => {
    const where = freshChannel();
    expect(h.bot.ask(OFF_TOPIC).reply.kind).toBe('fallback');
    await h.fake.interact(slashCommand(USERS.alice, where, ask(OFF_TOPIC)));
    const declined = await eventually(
      () => store.questionsSince(0),
      (questions) => questions.length > 0,
    );
    expect(declined).toEqual([
      expect.objectContaining({ text: OFF_TOPIC, platform: 'discord', channelId: where.channelId, outcome: 'fallback' }),
    ]);
    expect(JSON.stringify(declined)).not.toContain(USERS.alice.id);

    await h.fake.interact(slashCommand(USERS.alice, freshChannel(), ask('is sql a backend language?')));
    expect(
      await eventually(
        () => store.answeredSince(0),
        (counts) => counts.length > 0,
      ),
    ).toEqual([{ topicId: 'sql-backend-language', count: 1 }]);

    const click = button(USERS.bob, freshChannel(), 'cb:fb:down:sql-backend-language');
    await h.fake.interact(click);
    expect(
      await eventually(
        () => store.feedbackSince(0),
        (feedback) => feedback.length > 0,
      ),
    ).toEqual([{ topicId: 'sql-backend-language', up: 0, down: 1 }]);
    // The log line stays, with the user, as before.
    await waitForLog(h.logs, (l) => l.msg === 'feedback' && l.interactionId === click.id);
  });
});

describe('learning from moderators', () => {
  it('after "Answer with career FAQ" on a message, the same question is answered with that topic, without a restart', async () => {
    const candidate = unanswered();
    const where = freshChannel();
    const targetId = '830000000000000777';
    const menu = await h.fake.interact(
      messageCommand(USERS.mod, where, 'Answer with career FAQ', { id: targetId, author: USERS.bob, content: candidate.text }),
    );
    const select = menu.body.data.components[0].components[0];
    await h.fake.interact(
      stringSelect(USERS.mod, where, select.custom_id, [candidate.topicId], botMessage(where, { flags: EPHEMERAL })),
    );
    await waitForLog(h.logs, (l) => l.msg === 'learned a phrasing from a moderator link' && l.topicId === candidate.topicId);
    expect(await store.learnedPhrasings()).toContainEqual(
      expect.objectContaining({ topicId: candidate.topicId, text: candidate.text }),
    );

    const req = await h.fake.interact(slashCommand(USERS.alice, freshChannel(), ask(candidate.text)));
    expect(req.body.type).toBe(CALLBACK.reply);
    expect(req.body.data.embeds[0].title).toBe(h.bot.topic(candidate.topicId)!.title);
  });

  it('/career-link with the question learns it; without one only the link is recorded', async () => {
    const candidate = unanswered();
    const links = await store.moderatorLinksSince(0);
    await h.fake.interact(
      slashCommand(USERS.mod, freshChannel(), { name: 'career-link', options: [stringOption('topic', 'topic:apis')] }),
    );
    await eventually(
      () => store.moderatorLinksSince(0),
      (count) => count === links + 1,
    );
    await h.fake.interact(
      slashCommand(USERS.mod, freshChannel(), {
        name: 'career-link',
        options: [stringOption('topic', `topic:${candidate.topicId}`), stringOption('question', candidate.text)],
      }),
    );
    await waitForLog(h.logs, (l) => l.msg === 'learned a phrasing from a moderator link' && l.topicId === candidate.topicId);
    expect(await store.moderatorLinksSince(0)).toBe(links + 2);
    const req = await h.fake.interact(slashCommand(USERS.alice, freshChannel(), ask(candidate.text)));
    expect(req.body.data.embeds[0].title).toBe(h.bot.topic(candidate.topicId)!.title);
  });
});

describe('/career-report', () => {
  const report = (days?: number) => ({
    name: 'career-report',
    options: days === undefined ? [] : [{ name: 'days', type: 4, value: days }],
  });

  it('refuses members who are not moderators, privately', async () => {
    const req = await h.fake.interact(slashCommand(USERS.alice, freshChannel(), report()));
    expect(req.body).toMatchObject({ type: CALLBACK.reply, data: { flags: EPHEMERAL } });
    expect(req.body.data.content).toMatch(/^Only .* can see the report\.$/);
    expect(req.body.data.embeds ?? []).toEqual([]);
  });

  it('shows a moderator, privately, the unanswered questions, feedback per topic and the most asked topics', async () => {
    const req = await h.fake.interact(slashCommand(USERS.mod, freshChannel(), report(7)));
    expect(req.body).toMatchObject({ type: CALLBACK.reply, data: { flags: EPHEMERAL } });
    expect(req.body.data.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(limitProblems(req.body.data)).toEqual([]);
    const [embed] = req.body.data.embeds;
    expect(embed.title).toBe('Career FAQ report: last 7 days');
    expect(embed.description).toMatch(/not answered/);
    const field = (name: string) => embed.fields.find((f: { name: string }) => f.name === name)?.value as string;
    expect(field('Questions I could not answer outright')).toContain(`1× “${OFF_TOPIC}”: 0 clarified, 1 not answered`);
    expect(field('Feedback per topic')).toContain(
      `👍 0 👎 1  ${h.bot.topic('sql-backend-language')!.title} \`sql-backend-language\``,
    );
    expect(field('Most asked topics')).toContain('`sql-backend-language`');
  });
});
