import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import {
  booleanOption,
  button,
  botMessage,
  messageCommand,
  slashCommand,
  stringOption,
  stringSelect,
  userOption,
} from '../fakes/discord-interactions.js';
import {
  CALLBACK,
  customIds,
  EPHEMERAL,
  freshChannel,
  GUILD,
  isCallback,
  limitProblems,
  startHarness,
  USERS,
  waitForLog,
  type Harness,
} from './harness.js';

/** End to end: interactions pushed through the fake gateway into the real discord.js Client and adapter. */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const SQL_QUESTION = 'is sql a backend language?';
const ask = (question: string, extra: ReturnType<typeof booleanOption>[] = []) => ({
  name: 'career',
  subcommand: 'ask',
  options: [stringOption('question', question), ...extra],
});

/** A question from the evaluation set that the real matcher answers with "Did you mean" (found, not hard-coded, as the matcher evolves). */
function clarifyQuestion(): string {
  // Any labelled question the matcher is unsure about (which ones depends on its tuning).
  const questions = [
    ...readFileSync(path.join(PROJECT_ROOT, 'tests/eval/career.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { q: string }).q),
    ...['community-own.tsv', 'heldout.tsv'].flatMap((file) =>
      readFileSync(path.join(PROJECT_ROOT, 'tests/eval', file), 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split('\t')[0]!),
    ),
  ];
  const question = questions.find((q) => h.bot.ask(q).reply.kind === 'clarify');
  if (!question) throw new Error('no question in tests/eval/ gets a clarify reply from the matcher');
  return question;
}

describe('/career ask', () => {
  it('answers with an embed: title, Discord Markdown body, sources, related-topic and feedback buttons, nobody pinged', async () => {
    const where = freshChannel();
    const interaction = slashCommand(USERS.alice, where, ask(SQL_QUESTION));
    const req = await h.fake.interact(interaction);
    expect(h.bot.ask(SQL_QUESTION).reply).toMatchObject({ kind: 'answer', topic: { id: 'sql-backend-language' } });
    const topic = h.bot.topic('sql-backend-language')!;

    expect(req.body.type).toBe(CALLBACK.reply);
    const data = req.body.data;
    expect(data.flags ?? 0).toBe(0); // public
    expect(data.allowed_mentions).toEqual({ parse: [], users: [] });
    const [embed] = data.embeds;
    expect(embed.title).toBe(topic.title);
    expect(embed.description).toContain('**'); // bold survives as Discord Markdown
    expect(embed.description).toMatch(/^- /m); // lists become Discord lists
    expect(embed.fields).toEqual([expect.objectContaining({ name: 'Sources' })]);
    expect(embed.footer.text).toBe(`Question: ${SQL_QUESTION}`);
    const ids = customIds(data);
    expect(ids).toEqual(expect.arrayContaining(['cb:fb:up:sql-backend-language', 'cb:fb:down:sql-backend-language']));
    for (const related of topic.related) expect(ids).toContain(`cb:show:${related}`);
    expect(limitProblems(data)).toEqual([]);
    // One line with the README's fields (outcome, topicId, confidence, userId), as on Slack.
    const line = await waitForLog(h.logs, (l) => l.msg === 'answered' && l.interactionId === interaction.id);
    expect(line).toMatchObject({
      platform: 'discord',
      command: '/career ask',
      user: USERS.alice.id,
      guild: GUILD.id,
      outcome: 'answer',
      topicId: 'sql-backend-language',
      userId: USERS.alice.id,
    });
    expect(line.confidence).toBeGreaterThan(0);
  });

  it('private: true makes the reply ephemeral', async () => {
    const req = await h.fake.interact(
      slashCommand(USERS.alice, freshChannel(), ask(SQL_QUESTION, [booleanOption('private', true)])),
    );
    expect(req.body.type).toBe(CALLBACK.reply);
    expect(req.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(req.body.data.embeds[0].title).toBe(h.bot.topic('sql-backend-language')!.title);
  });

  it('a chosen autocomplete value (topic:<id>) answers exactly that topic, without the matcher', async () => {
    // "salary-us" by words alone would be matched to another topic; the prefix makes it exact.
    const req = await h.fake.interact(slashCommand(USERS.alice, freshChannel(), ask('topic:salary-us')));
    expect(req.body.data.embeds[0].title).toBe(h.bot.topic('salary-us')!.title);
    expect(req.body.data.embeds[0].footer).toBeUndefined();
  });

  it('a feedback click is logged and thanked privately', async () => {
    const interaction = button(USERS.bob, freshChannel(), 'cb:fb:down:sql-backend-language');
    const req = await h.fake.interact(interaction);
    expect(req.body).toMatchObject({ type: CALLBACK.reply, data: { flags: EPHEMERAL } });
    const line = await waitForLog(h.logs, (l) => l.msg === 'feedback' && l.interactionId === interaction.id);
    expect(line).toMatchObject({ platform: 'discord', topicId: 'sql-backend-language', userId: USERS.bob.id, vote: 'down' });
  });

  it('a related-topic button answers the clicker privately', async () => {
    const req = await h.fake.interact(button(USERS.bob, freshChannel(), 'cb:show:databases'));
    expect(req.body).toMatchObject({ type: CALLBACK.reply, data: { flags: EPHEMERAL } });
    expect(req.body.data.embeds[0].title).toBe(h.bot.topic('databases')!.title);
  });
});

describe('autocomplete', () => {
  const autocomplete = (typed: string, command = 'career') =>
    slashCommand(USERS.alice, freshChannel(), {
      name: command,
      ...(command === 'career' ? { subcommand: 'ask' } : {}),
      options: [stringOption(command === 'career' ? 'question' : 'topic', typed, true)],
      autocomplete: true,
    });

  it.each([
    ['a partial word', 'sal'],
    ['a full question', 'how much does a backend developer earn in india'],
    ['nothing yet', ''],
    ['a very long question', `${'please tell me about the backend developer salary in india '.repeat(4)}`],
    ['mentions', '@everyone <@&810000000000000010> databases'],
  ])('offers at most 25 choices within Discord limits for %s', async (_name, typed) => {
    const interaction = autocomplete(typed);
    const started = Date.now();
    const req = await h.fake.interact(interaction);
    expect(Date.now() - started).toBeLessThan(1000); // far inside the 3-second window
    expect(req.body.type).toBe(CALLBACK.autocomplete);
    const choices: { name: string; value: string }[] = req.body.data.choices;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeGreaterThanOrEqual(1);
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    const topicValues = choices.filter((c) => c.value.startsWith('topic:'));
    expect(new Set(topicValues.map((c) => c.value)).size).toBe(topicValues.length);
    for (const choice of topicValues)
      expect(h.bot.topic(choice.value.slice('topic:'.length))?.title.slice(0, 99)).toBe(
        choice.name.replace(/…$/, '').slice(0, 99),
      );
  });

  it('puts the user’s own words first and the best topics after them', async () => {
    const req = await h.fake.interact(autocomplete('sal'));
    const choices: { name: string; value: string }[] = req.body.data.choices;
    expect(choices[0]).toEqual({ name: 'sal', value: 'sal' });
    expect(choices.slice(1, 4).map((c) => c.value)).toContain('topic:salary-india');
  });

  it('offers only topics for /career-link', async () => {
    const req = await h.fake.interact(autocomplete('datab', 'career-link'));
    const choices: { value: string }[] = req.body.data.choices;
    expect(choices[0]?.value).toBe('topic:databases');
    expect(choices.every((c) => c.value.startsWith('topic:'))).toBe(true);
  });
});

describe('clarify and fallback', () => {
  it('"Did you mean" offers up to 3 buttons; the asker’s click turns the message into that answer', async () => {
    const question = clarifyQuestion();
    const where = freshChannel();
    const req = await h.fake.interact(slashCommand(USERS.alice, where, ask(question)));
    const data = req.body.data;
    expect(data.embeds[0].title).toBe('Did you mean…');
    expect(limitProblems(data)).toEqual([]);
    const buttons = data.components.flatMap((row: any) => row.components);
    const expected = (h.bot.ask(question).reply as { suggestions: { id: string; title: string }[] }).suggestions.slice(0, 3);
    expect(buttons.map((b: any) => b.label)).toEqual(expected.map((s) => s.title.slice(0, 80)));
    expect(buttons.map((b: any) => b.custom_id)).toEqual(expected.map((s) => `cb:pick:${s.id}:${USERS.alice.id}`));

    const first = expected[0]!;
    const click = await h.fake.interact(button(USERS.alice, where, buttons[0].custom_id, botMessage(where)));
    expect(click.body.type).toBe(CALLBACK.update);
    expect(click.body.data.embeds[0].title).toBe(first.title);

    // Someone else clicking the same button gets the answer to themselves, leaving the message alone.
    const other = await h.fake.interact(button(USERS.bob, where, buttons[0].custom_id, botMessage(where)));
    expect(other.body).toMatchObject({ type: CALLBACK.reply, data: { flags: EPHEMERAL } });
  });

  it('off-topic questions get what the bot covers, with example topics and the full list', async () => {
    const question = 'tell me about the weather';
    expect(h.bot.ask(question).reply.kind).toBe('fallback');
    const req = await h.fake.interact(slashCommand(USERS.alice, freshChannel(), ask(question)));
    const data = req.body.data;
    expect(data.embeds[0].title).toBe('What I cover');
    expect(data.embeds[0].description).toContain('backend');
    const ids = customIds(data);
    expect(ids.filter((id) => id.startsWith('cb:pick:')).length).toBeGreaterThan(0);
    expect(ids).toContain('cb:tp:0');
    expect(limitProblems(data)).toEqual([]);
  });
});

describe('/career topics and help', () => {
  it('lists topics privately, pages through them, and opens the one picked', async () => {
    const where = freshChannel();
    const req = await h.fake.interact(slashCommand(USERS.alice, where, { name: 'career', subcommand: 'topics' }));
    const data = req.body.data;
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(limitProblems(data)).toEqual([]);
    const topics = h.bot.topics();
    const select = data.components[0].components[0];
    expect(select.custom_id).toBe('cb:ts');
    expect(select.options.map((o: any) => o.value)).toEqual(topics.slice(0, 25).map((t) => t.id));
    expect(data.embeds[0].description).toContain(topics[0]!.title);

    if (topics.length > 25) {
      const ids = customIds(data);
      expect(ids).toContain('cb:tp:1');
      const next = await h.fake.interact(button(USERS.alice, where, 'cb:tp:1', botMessage(where, { flags: EPHEMERAL })));
      expect(next.body.type).toBe(CALLBACK.update);
      const options = next.body.data.components[0].components[0].options;
      expect(options.map((o: any) => o.value)).toEqual(topics.slice(25, 50).map((t) => t.id));
      expect(limitProblems(next.body.data)).toEqual([]);
    }

    const picked = await h.fake.interact(
      stringSelect(USERS.alice, where, 'cb:ts', ['databases'], botMessage(where, { flags: EPHEMERAL })),
    );
    expect(picked.body).toMatchObject({ type: CALLBACK.reply, data: { flags: EPHEMERAL } });
    expect(picked.body.data.embeds[0].title).toBe(h.bot.topic('databases')!.title);
  });

  it('help explains the commands privately, naming who counts as a moderator', async () => {
    const req = await h.fake.interact(slashCommand(USERS.alice, freshChannel(), { name: 'career', subcommand: 'help' }));
    expect(req.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = JSON.stringify(req.body.data.embeds);
    expect(text).toContain('/career ask');
    expect(text).toContain('/career-link');
    expect(text).toContain('Career Helper');
  });
});

describe('moderators', () => {
  it('/career-link by a moderator (by role name) posts publicly, mentioning only the target user', async () => {
    const where = freshChannel();
    const req = await h.fake.interact(
      slashCommand(USERS.helper, where, {
        name: 'career-link',
        options: [stringOption('topic', 'topic:databases'), userOption('user', USERS.bob.id)],
        resolvedUsers: [USERS.bob],
      }),
    );
    expect(req.body.type).toBe(CALLBACK.reply);
    const data = req.body.data;
    expect(data.flags ?? 0).toBe(0);
    expect(data.allowed_mentions).toEqual({ parse: [], users: [USERS.bob.id] });
    expect(data.content).toContain(`<@${USERS.bob.id}>`);
    expect([...data.content.matchAll(/<@[!&]?(\d+)>/g)].map((m) => m[1])).toEqual([USERS.bob.id]);
    expect(data.embeds[0].title).toBe(h.bot.topic('databases')!.title);
    expect(limitProblems(data)).toEqual([]);
  });

  it('/career-link accepts words as well as a picked topic, and a moderator by permission', async () => {
    const req = await h.fake.interact(
      slashCommand(USERS.mod, freshChannel(), { name: 'career-link', options: [stringOption('topic', SQL_QUESTION)] }),
    );
    expect(req.body.data.embeds[0].title).toBe(h.bot.topic('sql-backend-language')!.title);
    expect(req.body.data.content).toBeUndefined();
    expect(req.body.data.allowed_mentions).toEqual({ parse: [], users: [] });
  });

  it('"Answer with career FAQ": a private menu of best matches, then a reply to the message mentioning its author', async () => {
    const where = freshChannel();
    const targetId = '830000000000000001';
    const menu = await h.fake.interact(
      messageCommand(USERS.mod, where, 'Answer with career FAQ', { id: targetId, author: USERS.bob, content: SQL_QUESTION }),
    );
    expect(menu.body).toMatchObject({ type: CALLBACK.reply, data: { flags: EPHEMERAL } });
    expect(limitProblems(menu.body.data)).toEqual([]);
    const select = menu.body.data.components[0].components[0];
    expect(select.custom_id).toBe(`cb:share:${targetId}:${USERS.bob.id}`);
    expect(select.options[0].value).toBe('sql-backend-language');
    expect(select.options.length).toBeLessThanOrEqual(25);

    const choose = stringSelect(
      USERS.mod,
      where,
      select.custom_id,
      ['sql-backend-language'],
      botMessage(where, { flags: EPHEMERAL }),
    );
    const ack = await h.fake.interact(choose);
    expect(ack.body.type).toBe(CALLBACK.deferUpdate);
    const post = await h.fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${where.channelId}/messages`);
    expect(post.authorization).toBe('Bot test-token');
    expect(post.body.message_reference).toMatchObject({ message_id: targetId });
    expect(post.body.allowed_mentions).toEqual({ parse: [], users: [USERS.bob.id], replied_user: true });
    expect(post.body.content).toBe(`<@${USERS.bob.id}> here is an answer from the career FAQ, shared by <@${USERS.mod.id}>.`);
    expect(post.body.embeds[0].title).toBe(h.bot.topic('sql-backend-language')!.title);
    expect(limitProblems(post.body)).toEqual([]);
    const done = await h.fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(`/${choose.token}/messages/@original`));
    expect(done.body.content).toMatch(
      new RegExp(`^Posted .*https://discord\\.com/channels/${GUILD.id}/${where.channelId}/\\d+$`),
    );
    expect(done.body.components).toEqual([]);
  });

  it('"Answer with career FAQ" on a message nothing matches offers the topic list, not an empty menu', async () => {
    const where = freshChannel();
    const content = 'my cat is cute 🐈';
    expect(h.bot.suggest(content, 25)).toEqual([]); // checked, not assumed: the matcher evolves
    const menu = await h.fake.interact(
      messageCommand(USERS.mod, where, 'Answer with career FAQ', { author: USERS.bob, content }),
    );
    expect(menu.body).toMatchObject({ type: CALLBACK.reply, data: { flags: EPHEMERAL } });
    expect(limitProblems(menu.body.data)).toEqual([]);
    expect(menu.body.data.content).toMatch(/^Nothing I know matches/);
    const select = menu.body.data.components[0].components[0];
    expect(select.options.length).toBe(Math.min(25, h.bot.topics().length));
  });

  it.each([
    [
      '/career-link',
      () =>
        slashCommand(USERS.alice, freshChannel(), { name: 'career-link', options: [stringOption('topic', 'topic:databases')] }),
    ],
    [
      'the message menu',
      () => messageCommand(USERS.alice, freshChannel(), 'Answer with career FAQ', { author: USERS.bob, content: 'hi' }),
    ],
    [
      'a forged share menu',
      () => stringSelect(USERS.alice, freshChannel(), `cb:share:830000000000000009:${USERS.bob.id}`, ['databases']),
    ],
  ])('non-moderators are refused privately by %s, and nothing is posted', async (_name, make) => {
    const interaction = make();
    const req = await h.fake.interact(interaction);
    expect(req.body).toMatchObject({ type: CALLBACK.reply, data: { flags: EPHEMERAL } });
    expect(req.body.data.content).toMatch(/^Only members with \*\*Manage Messages\*\* or the \*\*Career Helper\*\* role/);
    expect(req.body.data.embeds).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.fake.requests.filter((r) => r.path === `/channels/${interaction.channel_id}/messages`)).toEqual([]);
  });
});

describe('per-channel cooldown', () => {
  it('does not post the same topic twice in one channel; the second gets a private note linking to the first', async () => {
    const where = freshChannel();
    const first = await h.fake.interact(slashCommand(USERS.alice, where, ask(SQL_QUESTION)));
    expect(first.body.data.flags ?? 0).toBe(0);
    expect(first.query.get('with_response')).toBe('true');

    const second = await h.fake.interact(slashCommand(USERS.bob, where, ask(SQL_QUESTION)));
    expect(second.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(second.body.data.content).toMatch(/already posted in this channel <t:\d+:R>: https:\/\/discord\.com\/channels\//);
    expect(second.body.data.content).toContain(`/${GUILD.id}/${where.channelId}/`);
    // The link points at the message Discord created for the first answer.
    expect(second.body.data.content).toMatch(/\/(\d+)\. To avoid/);
    // Still useful: the asker gets the answer, just privately.
    expect(second.body.data.embeds[0].title).toBe(h.bot.topic('sql-backend-language')!.title);

    const link = await h.fake.interact(
      slashCommand(USERS.mod, where, { name: 'career-link', options: [stringOption('topic', 'topic:sql-backend-language')] }),
    );
    expect(link.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);

    const elsewhere = await h.fake.interact(slashCommand(USERS.bob, freshChannel(), ask(SQL_QUESTION)));
    expect(elsewhere.body.data.flags ?? 0).toBe(0);
    // A different topic in the same channel is not affected.
    const other = await h.fake.interact(slashCommand(USERS.bob, where, ask('topic:databases')));
    expect(other.body.data.flags ?? 0).toBe(0);
  });

  it('applies to the message menu too', async () => {
    const where = freshChannel();
    await h.fake.interact(slashCommand(USERS.alice, where, ask('topic:databases')));
    const choose = stringSelect(
      USERS.mod,
      where,
      `cb:share:830000000000000002:${USERS.bob.id}`,
      ['databases'],
      botMessage(where, { flags: EPHEMERAL }),
    );
    const req = await h.fake.interact(choose);
    expect(req.body.type).toBe(CALLBACK.update);
    expect(req.body.data.content).toContain('already posted in this channel');
    expect(h.fake.requests.filter((r) => r.path === `/channels/${where.channelId}/messages`)).toEqual([]);
  });
});

describe('safety', () => {
  it.each([
    ['an answer', `@everyone @here <@&${GUILD.roles[0]!.id}> <@${USERS.bob.id}> ${SQL_QUESTION}`],
    ['a fallback', `@everyone tell me about the weather <@!${USERS.bob.id}>`],
  ])('a question with mass mentions gets %s without pinging anyone', async (_name, question) => {
    const req = await h.fake.interact(slashCommand(USERS.alice, freshChannel(), ask(question)));
    const data = req.body.data;
    expect(data.allowed_mentions).toEqual({ parse: [], users: [] });
    const visible = JSON.stringify([data.content ?? '', data.embeds]);
    expect(visible).toContain('everyone'); // the question is echoed…
    expect(visible).not.toMatch(/@everyone|@here|<@&\d+>|<@!?\d+>/); // …but cannot ping
  });

  it('a REST 500 on a callback is logged with context; the client stays up and answers the next interaction', async () => {
    const broken = slashCommand(USERS.alice, freshChannel(), ask(SQL_QUESTION));
    const restore = h.fake.override((r) =>
      r.path.startsWith(`/interactions/${broken.id}/`) ? { status: 500, body: { message: 'boom', code: 0 } } : undefined,
    );
    try {
      await h.fake.interact(broken);
      const failure = await waitForLog(h.logs, (l) => l.msg === 'interaction failed' && l.interactionId === broken.id);
      expect(failure).toMatchObject({
        level: 50,
        platform: 'discord',
        command: '/career ask',
        user: USERS.alice.id,
        guild: GUILD.id,
      });
      expect(failure.err).toMatchObject({ status: 500, method: 'POST' });
      // The interaction token (a credential) and the message body stay out of the logs.
      const logged = JSON.stringify(h.logs.filter((l) => l.interactionId === broken.id));
      expect(logged).not.toContain(broken.token);
      expect(logged).toContain('/interactions/' + broken.id + '/[redacted]/callback');
      expect(logged).not.toContain('embeds');
      // The apology also hits the 500, and that is logged rather than thrown.
      await waitForLog(h.logs, (l) => l.msg === 'could not tell the user about the failure' && l.interactionId === broken.id);
    } finally {
      restore();
    }
    expect(h.client.isReady()).toBe(true);
    const next = await h.fake.interact(slashCommand(USERS.bob, freshChannel(), ask(SQL_QUESTION)));
    expect(next.status).toBe(200);
    expect(next.body.data.embeds[0].title).toBe(h.bot.topic('sql-backend-language')!.title);
  });

  it('a failure after deferring is apologised for with an ephemeral follow-up', async () => {
    const where = freshChannel();
    const choose = stringSelect(
      USERS.mod,
      where,
      `cb:share:830000000000000003:${USERS.bob.id}`,
      ['skills'],
      botMessage(where, { flags: EPHEMERAL }),
    );
    const restore = h.fake.override((r) =>
      r.path === `/channels/${where.channelId}/messages`
        ? { status: 400, body: { message: 'Invalid Form Body', code: 50035 } }
        : undefined,
    );
    try {
      await h.fake.interact(choose);
      const followUp = await h.fake.waitFor((r) => r.method === 'POST' && r.path.endsWith(`/${choose.token}`));
      expect(followUp.body).toMatchObject({ content: expect.stringContaining('something went wrong'), flags: EPHEMERAL });
    } finally {
      restore();
    }
    // The failed post freed the cooldown slot: trying again posts.
    const retry = stringSelect(
      USERS.mod,
      where,
      `cb:share:830000000000000003:${USERS.bob.id}`,
      ['skills'],
      botMessage(where, { flags: EPHEMERAL }),
    );
    await h.fake.interact(retry);
    await h.fake.waitFor((r) => r.path === `/channels/${where.channelId}/messages` && r.status === 200);
  });

  it('unknown buttons (from an older version) get a private note, not an error', async () => {
    const req = await h.fake.interact(button(USERS.alice, freshChannel(), 'something-else'));
    expect(req.body).toMatchObject({ type: CALLBACK.reply, data: { flags: EPHEMERAL } });
  });
});
