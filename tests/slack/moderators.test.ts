import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeLinkTarget, encodeLinkTarget } from '../../adapters/slack/state.js';
import { slackToPlain } from '../../adapters/slack/text.js';
import {
  answerShortcutPayload,
  expectNoUnwantedMentions,
  expectValidBlocks,
  lastCall,
  linkModalSubmission,
  startHttpHarness,
  textOf,
  type Harness,
} from './harness.js';

/** Moderator features end to end: the message shortcut, its modal and picker, and `/career link`. */

let h: Harness;

beforeAll(async () => {
  h = await startHttpHarness({ moderators: ['UMOD', 'SMODS'], api: { userGroups: { SMODS: ['UGROUPMOD'] } } });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.api.reset();
  h.logs.lines.length = 0;
});

const QUESTION = 'Is SQL enough to get hired as a backend dev? <!here> &lt;b&gt;';

function shortcut(user: string, message: Record<string, unknown> = {}) {
  return h.send.interaction(answerShortcutPayload({ user, text: QUESTION, responseUrl: h.api.responseUrl('shortcut'), message }));
}

function openedView(): Record<string, unknown> {
  return lastCall(h.api, 'views.open').args.view as Record<string, unknown>;
}

function suggestion(value: string, privateMetadata: string) {
  return h.send.interaction({
    type: 'block_suggestion',
    user: { id: 'UMOD', name: 'mod' },
    container: { type: 'view', view_id: 'V0001' },
    action_id: 'careerbot_topic_picker',
    block_id: 'careerbot_topic',
    value,
    view: { id: 'V0001', type: 'modal', callback_id: 'careerbot_link_modal', private_metadata: privateMetadata },
  });
}

function submit(user: string, privateMetadata: string, topicId: string | undefined) {
  return h.send.interaction(linkModalSubmission(user, privateMetadata, topicId));
}

describe('message shortcut "Answer with career FAQ"', () => {
  it('opens a modal whose picker starts at the best suggestion for the message', async () => {
    const res = await shortcut('UMOD');
    expect(res.status).toBe(200);
    const open = lastCall(h.api, 'views.open');
    expect(open.args.trigger_id).toBe('trigger-shortcut');
    const view = openedView();
    expect(view.callback_id).toBe('careerbot_link_modal');
    const best = h.bot.suggest(slackToPlain(QUESTION), 5)[0]!;
    const input = (view.blocks as Record<string, unknown>[]).find((b) => b.type === 'input')!;
    expect(input.element).toMatchObject({
      type: 'external_select',
      action_id: 'careerbot_topic_picker',
      min_query_length: 0,
      initial_option: { value: best.id },
    });
    expect(decodeLinkTarget(String(view.private_metadata))).toEqual({
      channel: 'CGENERAL',
      threadTs: '1700000100.000100',
      author: 'UAUTHOR',
      text: slackToPlain(QUESTION),
    });
    // The message is previewed, escaped: its <!here> cannot fire from the modal.
    expect(textOf(view)).toContain('<@UAUTHOR>');
    expectNoUnwantedMentions(view, ['UAUTHOR']);
  });

  it('serves the picker: suggestions for the message first, then every topic; typed words search', async () => {
    await shortcut('UMOD');
    const metadata = String(openedView().private_metadata);
    const empty = (await (await suggestion('', metadata)).json()) as { options: { value: string }[] };
    const expectedFirst = h.bot.suggest(slackToPlain(QUESTION), 5).map((t) => t.id);
    expect(empty.options.slice(0, expectedFirst.length).map((o) => o.value)).toEqual(expectedFirst);
    expect(new Set(empty.options.map((o) => o.value))).toEqual(new Set(h.bot.topics().map((t) => t.id)));

    const typed = (await (await suggestion('salary', metadata)).json()) as { options: { value: string }[] };
    expect(typed.options.map((o) => o.value)).toEqual(h.bot.suggest('salary', 20).map((t) => t.id));
    expect(typed.options.length).toBeGreaterThan(0);
  });

  it('posts the chosen answer in the message thread, mentioning the author, shared by the moderator', async () => {
    await shortcut('UMOD', { thread_ts: '1700000099.000001' });
    const metadata = String(openedView().private_metadata);
    const res = await submit('UMOD', metadata, 'sql-backend-language');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(''); // an empty ack closes the modal
    const post = lastCall(h.api, 'chat.postMessage');
    expect(post.args.channel).toBe('CGENERAL');
    expect(post.args.thread_ts).toBe('1700000099.000001');
    expect(post.args.text).toMatch(/^<@UAUTHOR> /);
    const shown = textOf(post.args);
    expect(shown).toContain(h.bot.topic('sql-backend-language')!.title);
    expect(shown).toContain('Shared by <@UMOD>');
    expectValidBlocks(post.args);
    expectNoUnwantedMentions(post.args, ['UAUTHOR', 'UMOD']);
    expect(h.logs.find('moderator answer posted')[0]).toMatchObject({ topicId: 'sql-backend-language', user: 'UMOD' });
  });

  it('keeps the modal open with the reason when Slack refuses the post', async () => {
    await shortcut('UMOD');
    h.api.failNext('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    const res = await submit('UMOD', String(openedView().private_metadata), 'databases');
    expect(await res.json()).toEqual({
      response_action: 'errors',
      errors: { careerbot_topic: expect.stringMatching(/invite me/) },
    });
  });

  it('keeps the channel cooldown: the same topic again in the channel is refused in the modal, another topic posts', async () => {
    const once = async (topicId: string) => {
      await shortcut('UMOD');
      // A channel of its own, so the other tests' posts in #general do not count.
      const target = decodeLinkTarget(String(openedView().private_metadata))!;
      return submit('UMOD', encodeLinkTarget({ ...target, channel: 'CCOOLDOWN' }), topicId);
    };
    expect(await (await once('performance')).text()).toBe('');
    const posts = h.api.callsTo('chat.postMessage').length;
    const again = await (await once('performance')).json();
    expect(again).toEqual({
      response_action: 'errors',
      errors: { careerbot_topic: expect.stringMatching(/already posted in this channel recently/) },
    });
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(posts);
    expect(await (await once('security')).text()).toBe('');
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(posts + 1);
  });

  it('asks for a topic when none is picked', async () => {
    await shortcut('UMOD');
    const res = await submit('UMOD', String(openedView().private_metadata), undefined);
    expect(await res.json()).toEqual({ response_action: 'errors', errors: { careerbot_topic: 'Pick a topic.' } });
    expect(h.api.callsTo('chat.postMessage')).toEqual([]);
  });

  it('refuses a non-moderator privately and opens nothing', async () => {
    const res = await shortcut('URANDOM');
    expect(res.status).toBe(200);
    expect(h.api.callsTo('views.open')).toEqual([]);
    const [refusal] = h.api.responsesTo('shortcut');
    expect(refusal?.body.response_type).toBe('ephemeral');
    expect(textOf(refusal?.body)).toMatch(/only moderators/i);
  });

  it('refuses a submission from a non-moderator (a forwarded modal)', async () => {
    await shortcut('UMOD');
    const res = await submit('URANDOM', String(openedView().private_metadata), 'databases');
    expect(await res.json()).toMatchObject({ response_action: 'errors' });
    expect(h.api.callsTo('chat.postMessage')).toEqual([]);
  });

  it('accepts members of a moderator user group', async () => {
    await shortcut('UGROUPMOD');
    await shortcut('UGROUPMOD');
    expect(h.api.callsTo('views.open')).toHaveLength(2);
    // Earlier tests may have filled the cache; either way Slack is asked at most once (see moderator-check.test.ts).
    expect(h.api.callsTo('usergroups.users.list').length).toBeLessThanOrEqual(1);
  });
});

describe('/career link', () => {
  function link(user: string, text: string, name = 'link') {
    return h.send.command({
      command: '/career',
      text,
      user_id: user,
      channel_id: 'CGENERAL',
      response_url: h.api.responseUrl(name),
    });
  }

  it('posts the answer publicly, mentioning the user', async () => {
    await link('UMOD', 'link sql-backend-language <@UASKER|asker>');
    const [post] = h.api.responsesTo('link');
    expect(post?.body.response_type).toBe('in_channel');
    expect(post?.body.text).toMatch(/^<@UASKER> /);
    const shown = textOf(post?.body);
    expect(shown).toContain(h.bot.topic('sql-backend-language')!.title);
    expect(shown).toContain('Shared by <@UMOD>');
    expectValidBlocks(post?.body);
    expectNoUnwantedMentions(post?.body, ['UASKER', 'UMOD']);
  });

  it('finds the topic by words, and works without a user', async () => {
    const expected = h.bot.find('salary in india');
    expect(expected).not.toBeNull();
    await link('UMOD', 'link salary in india');
    const [post] = h.api.responsesTo('link');
    expect(post?.body.response_type).toBe('in_channel');
    expect(textOf(post?.body)).toContain(expected!.title);
  });

  it('refuses non-moderators privately', async () => {
    await link('URANDOM', 'link sql-backend-language <@UASKER|asker>');
    const responses = h.api.responsesTo('link');
    expect(responses).toHaveLength(1);
    expect(responses[0]?.body.response_type).toBe('ephemeral');
    expect(textOf(responses[0]?.body)).toMatch(/only moderators/i);
  });

  it.each([
    ['no topic', 'link', /Usage/],
    ['an unknown topic, echoed harmlessly', 'link <!channel> qwxz zzyzx', /No topic matches “@\u2060channel qwxz zzyzx”/],
    ['an unescaped @name', 'link sql-backend-language @ann', /can't tell who @ann is/],
  ])('explains %s privately', async (_name, text, message) => {
    await link('UMOD', text);
    const [reply] = h.api.responsesTo('link');
    expect(reply?.body.response_type).toBe('ephemeral');
    expect(textOf(reply?.body)).toMatch(message);
    expectNoUnwantedMentions(reply?.body);
  });
});
