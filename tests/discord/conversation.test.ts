import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { button, botMessage, slashCommand, stringOption } from '../fakes/discord-interactions.js';
import { CALLBACK, EPHEMERAL, freshChannel, limitProblems, startHarness, USERS, type Harness } from './harness.js';
import { renderReply } from '../../adapters/discord/render.js';
import type { InfoReply } from '../../src/reply.js';

/**
 * Issue 10 on Discord, end to end through the real discord.js Client and the fake gateway: a
 * two-question message offers the other question as a button, and `/career ask` follow-ups are
 * read with the same person's turns in the same channel.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const ask = (question: string) => ({ name: 'career', subcommand: 'ask', options: [stringOption('question', question)] });

describe('two questions in one message', () => {
  it('answers the first, names the other under "You also asked about", and its button posts that answer', async () => {
    const where = freshChannel();
    const req = await h.fake.interact(
      slashCommand(USERS.alice, where, ask('what is an api and how much do backend devs earn in india')),
    );
    const data = req.body.data;
    expect(limitProblems(data)).toEqual([]);
    expect(data.embeds[0].title).toBe(h.bot.topic('apis')!.title);
    const salary = h.bot.topic('salary-india')!;
    expect(data.embeds[0].fields).toContainEqual({ name: 'You also asked about', value: salary.title });
    const buttons = data.components.flatMap((row: any) => row.components);
    const also = buttons.find((b: any) => b.custom_id === 'cb:show:salary-india');
    expect(also?.label).toBe(salary.title);

    const click = await h.fake.interact(button(USERS.alice, where, also.custom_id, botMessage(where)));
    expect(click.body).toMatchObject({ type: CALLBACK.reply, data: { flags: EPHEMERAL } });
    expect(click.body.data.embeds[0].title).toBe(salary.title);
  });
});

describe('follow-ups', () => {
  const titleOf = (req: any): string => req.body.data.embeds[0]?.title ?? '';

  it('reads "and in the US?" after a salary-in-India answer as salary-us', async () => {
    const where = freshChannel();
    const first = await h.fake.interact(slashCommand(USERS.alice, where, ask('how much do backend developers earn in india')));
    expect(titleOf(first)).toBe(h.bot.topic('salary-india')!.title);
    const follow = await h.fake.interact(slashCommand(USERS.alice, where, ask('and in the US?')));
    expect(titleOf(follow)).toBe(h.bot.topic('salary-us')!.title);
  });

  // "and at senior level?" means nothing alone: it is a salary question only after one.
  it('carries the context in a channel for the same person; another channel or person does not inherit it', async () => {
    const where = freshChannel();
    const salaryUs = h.bot.topic('salary-us')!.title;
    await h.fake.interact(slashCommand(USERS.alice, where, ask('backend salary in usa')));
    expect(titleOf(await h.fake.interact(slashCommand(USERS.alice, where, ask('and at senior level?'))))).toBe(salaryUs);
    expect(titleOf(await h.fake.interact(slashCommand(USERS.alice, freshChannel(), ask('and at senior level?'))))).not.toBe(
      salaryUs,
    );
    expect(titleOf(await h.fake.interact(slashCommand(USERS.bob, where, ask('and at senior level?'))))).not.toBe(salaryUs);
  });
});

// Which questions the matcher is unsure about changes as it improves: the reply is built here.
describe('an unsure fallback', () => {
  it("offers the matcher's candidates as buttons that answer in place for the asker", () => {
    const candidates = ['apis', 'web-servers', 'frameworks'].map((id) => ({ id, title: h.bot.topic(id)!.title }));
    const reply: InfoReply = { kind: 'fallback', text: 'Were you asking about one of these?', topics: candidates };
    const message = renderReply(reply, { askerId: USERS.alice.id });
    expect(limitProblems(message)).toEqual([]);
    const buttons = message.components.flatMap((row) => row.components) as { custom_id?: string; label?: string }[];
    const picks = buttons.filter((b) => b.custom_id?.startsWith('cb:pick:'));
    expect(picks.map((b) => b.custom_id)).toEqual(candidates.map((c) => `cb:pick:${c.id}:${USERS.alice.id}`));
    expect(picks.map((b) => b.label)).toEqual(candidates.map((c) => c.title));
  });
});
