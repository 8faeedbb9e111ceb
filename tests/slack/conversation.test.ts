import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clickPayload, elementsOf, expectValidBlocks, lastCall, startHttpHarness, textOf, type Harness } from './harness.js';
import { renderReply } from '../../adapters/slack/render.js';
import type { InfoReply } from '../../src/reply.js';

/**
 * Issue 10 on Slack, end to end through the real Bolt App and the fake Web API: a two-question
 * message offers the other question as a button, and follow-ups are read within their thread or DM.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHttpHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.api.reset();
});

let clock = 1_700_001_000;
const nextTs = () => `${clock++}.000100`;

const TWO_QUESTIONS = 'what is an api and how much do backend devs earn in india';

const mention = (text: string, where: { ts: string; thread_ts?: string; user?: string }) =>
  h.send.event({ type: 'app_mention', user: where.user ?? 'UASKER', text: `<@UBOT> ${text}`, channel: 'CGENERAL', ...where });
const dm = (text: string, channel: string) =>
  h.send.event({ type: 'message', channel_type: 'im', user: 'UDMER', text, ts: nextTs(), channel });

function headerOf(message: Record<string, unknown>): string {
  const header = (message.blocks as { type: string; text?: { text: string } }[]).find((b) => b.type === 'header');
  return header?.text?.text ?? '';
}

describe('two questions in one message', () => {
  it('answers the first, offers the other as "You also asked about", and its button posts that answer', async () => {
    const thread = nextTs();
    await mention(TWO_QUESTIONS, { ts: thread });
    const post = lastCall(h.api, 'chat.postMessage');
    expectValidBlocks(post.args);
    expect(headerOf(post.args)).toBe(h.bot.topic('apis')!.title);
    const salary = h.bot.topic('salary-india')!;
    expect(textOf(post.args)).toContain(`You also asked about: *${salary.title}*`);
    const also = elementsOf(post.args).filter((e) => e.blockId === 'careerbot_also');
    expect(also.map((e) => e.element.value)).toEqual(['salary-india']);

    h.api.reset();
    await h.send.interaction(
      clickPayload({
        element: also[0]!,
        user: 'UASKER',
        channel: 'CGENERAL',
        message: { ts: nextTs(), thread_ts: thread },
        responseUrl: h.api.responseUrl('also'),
      }),
    );
    const again = lastCall(h.api, 'chat.postMessage');
    expect(again.args).toMatchObject({ channel: 'CGENERAL', thread_ts: thread });
    expect(headerOf(again.args)).toBe(salary.title);
  });
});

describe('a pressed "also" button', () => {
  it("becomes the thread's latest topic, so the next follow-up is read with it", async () => {
    const thread = nextTs();
    await mention('is sql a backend language and what is the backend salary in usa', { ts: thread });
    const post = lastCall(h.api, 'chat.postMessage');
    expect(headerOf(post.args)).toBe(h.bot.topic('sql-backend-language')!.title);
    const also = elementsOf(post.args).filter((e) => e.blockId === 'careerbot_also');
    expect(also.map((e) => e.element.value)).toEqual(['salary-us']);
    await h.send.interaction(
      clickPayload({
        element: also[0]!,
        user: 'UASKER',
        channel: 'CGENERAL',
        message: { ts: nextTs(), thread_ts: thread },
        responseUrl: h.api.responseUrl('also-then-follow-up'),
      }),
    );
    await mention('and at senior level?', { ts: nextTs(), thread_ts: thread });
    expect(headerOf(lastCall(h.api, 'chat.postMessage').args)).toBe(h.bot.topic('salary-us')!.title);
  });
});

describe('follow-ups', () => {
  it('reads "and in the US?" in a thread after a salary-in-India answer as salary-us', async () => {
    const thread = nextTs();
    await mention('how much do backend developers earn in india', { ts: thread });
    expect(headerOf(lastCall(h.api, 'chat.postMessage').args)).toBe(h.bot.topic('salary-india')!.title);
    await mention('and in the US?', { ts: nextTs(), thread_ts: thread });
    const follow = lastCall(h.api, 'chat.postMessage');
    expect(follow.args.thread_ts).toBe(thread);
    expect(headerOf(follow.args)).toBe(h.bot.topic('salary-us')!.title);
  });

  // "and at senior level?" means nothing alone: it is a salary question only after one.
  it('carries the context within a thread, and a different thread does not inherit it', async () => {
    const first = nextTs();
    await mention('backend salary in usa', { ts: first });
    await mention('and at senior level?', { ts: nextTs(), thread_ts: first });
    expect(headerOf(lastCall(h.api, 'chat.postMessage').args)).toBe(h.bot.topic('salary-us')!.title);

    const other = nextTs();
    await mention('and at senior level?', { ts: other });
    const alone = lastCall(h.api, 'chat.postMessage');
    expect(alone.args.thread_ts).toBe(other);
    expect(headerOf(alone.args)).not.toBe(h.bot.topic('salary-us')!.title);
  });

  it('carries the context within a DM, and another DM does not inherit it', async () => {
    await dm('backend salary in usa', 'DFOLLOW1');
    await dm('and at senior level?', 'DFOLLOW1');
    expect(headerOf(lastCall(h.api, 'chat.postMessage').args)).toBe(h.bot.topic('salary-us')!.title);
    await dm('and at senior level?', 'DFOLLOW2');
    const alone = lastCall(h.api, 'chat.postMessage');
    expect(alone.args.channel).toBe('DFOLLOW2');
    expect(headerOf(alone.args)).not.toBe(h.bot.topic('salary-us')!.title);
  });
});

// Which questions the matcher is unsure about changes as it improves: the reply is built here.
describe('an unsure fallback', () => {
  it("offers the matcher's candidates as buttons", () => {
    const candidates = ['apis', 'web-servers', 'frameworks'].map((id) => ({ id, title: h.bot.topic(id)!.title }));
    const reply: InfoReply = { kind: 'fallback', text: 'Were you asking about one of these?', topics: candidates };
    const message = renderReply(reply) as unknown as Record<string, unknown>;
    expectValidBlocks(message);
    expect(textOf(message)).toContain('Were you asking about one of these?');
    const buttons = elementsOf(message).filter(({ element }) => element.type === 'button');
    expect(buttons.map(({ element }) => element.value)).toEqual(['apis', 'web-servers', 'frameworks']);
    expect(buttons.map(({ element }) => (element.text as { text: string }).text)).toEqual(candidates.map((c) => c.title));
  });
});
