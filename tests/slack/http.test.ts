import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CareerBot } from '../../src/bot.js';
import type { AnswerReply, ClarifyReply } from '../../src/reply.js';
import { slackSignature } from '../fakes/slack-request.js';
import {
  clickPayload,
  elementsOf,
  expectNoUnwantedMentions,
  expectValidBlocks,
  findElement,
  lastCall,
  SIGNING_SECRET,
  loadTestKnowledge,
  startHttpHarness,
  textOf,
  type Harness,
} from './harness.js';

/**
 * End to end in HTTP mode: the real Bolt App on 127.0.0.1 receives signed requests exactly as
 * Slack sends them and talks to a fake Web API; the assertions are on what reached "Slack".
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
  h.logs.lines.length = 0;
});

/** A question the current matcher answers outright (checked, not assumed: the matcher evolves). */
function answerable(): { text: string; reply: AnswerReply } {
  for (const text of [
    'is sql a backend language?',
    'which programming languages do backend developers use?',
    'backend salary in india',
  ]) {
    const { reply } = h.bot.ask(text);
    if (reply.kind === 'answer') return { text, reply };
  }
  throw new Error('none of the candidate questions is answered any more; update the candidates');
}

describe('mentions and direct messages', () => {
  it('answers a mention in a channel as a threaded reply', async () => {
    const { text, reply } = answerable();
    const res = await h.send.event({
      type: 'app_mention',
      user: 'UASKER',
      text: `<@UBOT> ${text}`,
      ts: '1700000001.000100',
      channel: 'CGENERAL',
    });
    expect(res.status).toBe(200);
    const post = lastCall(h.api, 'chat.postMessage');
    expect(post.token).toBe('xoxb-test-token');
    expect(post.args.channel).toBe('CGENERAL');
    expect(post.args.thread_ts).toBe('1700000001.000100');
    expect(post.args.text).toContain(reply.topic.title.slice(0, 20));
    const blocks = post.args.blocks as Record<string, unknown>[];
    expect(blocks.find((b) => b.type === 'header')).toMatchObject({ text: { text: reply.topic.title } });
    expectValidBlocks(post.args);
    expectNoUnwantedMentions(post.args);
    // Related topics as buttons, feedback buttons, and no "Share" on a public answer.
    expect(elementsOf(post.args).map((e) => e.element.action_id)).toEqual(
      expect.arrayContaining(['careerbot_feedback_up', 'careerbot_feedback_down']),
    );
    expect(elementsOf(post.args).some((e) => e.element.action_id === 'careerbot_share')).toBe(false);
    expect(h.logs.find('answered')[0]).toMatchObject({
      platform: 'slack',
      event: 'app_mention',
      topicId: reply.topic.id,
      user: 'UASKER',
    });
  });

  it('keeps the thread when mentioned inside one', async () => {
    await h.send.event({
      type: 'app_mention',
      user: 'UASKER',
      text: '<@UBOT> is sql a backend language?',
      ts: '1700000002.000200',
      thread_ts: '1700000000.000001',
      channel: 'CGENERAL',
    });
    expect(lastCall(h.api, 'chat.postMessage').args.thread_ts).toBe('1700000000.000001');
  });

  it('answers a direct message in the DM, not in a thread', async () => {
    const { text } = answerable();
    await h.send.event({ type: 'message', channel_type: 'im', user: 'UASKER', text, ts: '1700000003.000300', channel: 'DASKER' });
    const post = lastCall(h.api, 'chat.postMessage');
    expect(post.args.channel).toBe('DASKER');
    expect(post.args.thread_ts).toBeUndefined();
    expectValidBlocks(post.args);
  });

  it.each([
    ['its own message (by user id)', { user: 'UBOT' }],
    ['its own message (bot_message subtype)', { subtype: 'bot_message', bot_id: 'BBOT' }],
    ["another bot's message", { user: 'UOTHERBOT', bot_id: 'BOTHER' }],
    ["another bot's bot_message", { subtype: 'bot_message', bot_id: 'BOTHER' }],
    ['an edit', { subtype: 'message_changed' }],
  ])('ignores %s', async (_name, fields) => {
    const res = await h.send.event({
      type: 'message',
      channel_type: 'im',
      user: 'UASKER',
      text: 'is sql a backend language?',
      ts: '1700000004.000400',
      channel: 'DASKER',
      ...fields,
    });
    expect(res.status).toBe(200);
    await h.send.event({
      type: 'app_mention',
      user: 'UOTHERBOT',
      bot_id: 'BOTHER',
      text: '<@UBOT> is sql a backend language?',
      ts: '1700000004.000500',
      channel: 'CGENERAL',
    });
    expect(h.api.callsTo('chat.postMessage')).toEqual([]);
  });

  it('does not answer channel messages that are not mentions', async () => {
    await h.send.event({
      type: 'message',
      channel_type: 'channel',
      user: 'UASKER',
      text: 'is sql a backend language?',
      ts: '1.2',
      channel: 'CGENERAL',
    });
    expect(h.api.callsTo('chat.postMessage')).toEqual([]);
  });

  it('answers an off-topic question with what the bot covers and example topics', async () => {
    await h.send.event({
      type: 'app_mention',
      user: 'UASKER',
      text: '<@UBOT> best pizza recipe with pineapple',
      ts: '1700000006.000100',
      channel: 'CGENERAL',
    });
    const post = lastCall(h.api, 'chat.postMessage');
    expect(textOf(post.args)).toMatch(/backend/i);
    const shows = elementsOf(post.args).filter((e) => String(e.element.action_id).startsWith('careerbot_show_'));
    expect(shows.length).toBeGreaterThan(0);
    expectValidBlocks(post.args);
  });

  it('posts a related topic in the same thread when its button is clicked', async () => {
    await h.send.event({
      type: 'app_mention',
      user: 'UASKER',
      text: '<@UBOT> is sql a backend language?',
      ts: '1700000007.000100',
      channel: 'CGENERAL',
    });
    const post = lastCall(h.api, 'chat.postMessage');
    const related = findElement(post.args, /^careerbot_show_/);
    h.api.reset();
    await h.send.interaction(
      clickPayload({
        element: related,
        user: 'UOTHER',
        channel: 'CGENERAL',
        message: { ts: '1700000007.000200', thread_ts: '1700000007.000100' },
        responseUrl: h.api.responseUrl('related'),
      }),
    );
    const again = lastCall(h.api, 'chat.postMessage');
    expect(again.args).toMatchObject({ channel: 'CGENERAL', thread_ts: '1700000007.000100' });
    expect(textOf(again.args)).toContain(h.bot.topic(String(related.element.value))!.title);
  });
});

describe('/career', () => {
  it('answers only the asker, then "Share in channel" posts it publicly and removes the private copy', async () => {
    const { text, reply } = answerable();
    const res = await h.send.command({
      command: '/career',
      text,
      user_id: 'UASKER',
      channel_id: 'CGENERAL',
      response_url: h.api.responseUrl('cmd'),
    });
    expect(res.status).toBe(200);
    const [ephemeral] = h.api.responsesTo('cmd');
    expect(ephemeral?.body.response_type).toBe('ephemeral');
    expect(textOf(ephemeral?.body)).toContain(reply.topic.title);
    expect(textOf(ephemeral?.body)).toContain('You asked');
    expectValidBlocks(ephemeral?.body);
    // Nothing public yet.
    expect(h.api.callsTo('chat.postMessage')).toEqual([]);

    const share = findElement(ephemeral?.body, 'careerbot_share');
    await h.send.interaction(
      clickPayload({ element: share, user: 'UASKER', channel: 'CGENERAL', responseUrl: h.api.responseUrl('share') }),
    );
    const [publicPost, deletion] = h.api.responsesTo('share');
    expect(publicPost?.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(textOf(publicPost?.body)).toContain(reply.topic.title);
    expect(textOf(publicPost?.body)).toContain('Shared by <@UASKER>');
    expect(elementsOf(publicPost?.body).some((e) => e.element.action_id === 'careerbot_share')).toBe(false);
    expectValidBlocks(publicPost?.body);
    expectNoUnwantedMentions(publicPost?.body, ['UASKER']);
    expect(deletion?.body).toEqual({ delete_original: true });
  });

  it.each(['', 'help', '  HELP '])('lists the topics for "/career %s"', async (text) => {
    await h.send.command({
      command: '/career',
      text,
      user_id: 'UASKER',
      channel_id: 'CGENERAL',
      response_url: h.api.responseUrl('help'),
    });
    const [response] = h.api.responsesTo('help');
    expect(response?.body.response_type).toBe('ephemeral');
    const all = textOf(response?.body);
    for (const topic of h.bot.topics()) expect(all).toContain(topic.id);
    const picker = findElement(response?.body, 'careerbot_pick');
    expect((picker.element.options as unknown[]).length).toBe(h.bot.topics().length);
    expectValidBlocks(response?.body);
  });

  it('opens a topic picked from the list privately', async () => {
    await h.send.command({
      command: '/career',
      text: 'help',
      user_id: 'UASKER',
      channel_id: 'CGENERAL',
      response_url: h.api.responseUrl('list'),
    });
    const picker = findElement(h.api.responsesTo('list')[0]?.body, 'careerbot_pick');
    await h.send.interaction(
      clickPayload({
        element: picker,
        user: 'UASKER',
        channel: 'CGENERAL',
        responseUrl: h.api.responseUrl('pick'),
        selectedValue: 'salary-india',
      }),
    );
    const [response] = h.api.responsesTo('pick');
    expect(response?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textOf(response?.body)).toContain(h.bot.topic('salary-india')!.title);
  });

  it('echoes <!channel> and @here in user text harmlessly', async () => {
    const text = '<!channel> <!here|here> <!everyone> @here <@UVICTIM|victim> &lt;!channel&gt; is sql a backend language?';
    await h.send.command({
      command: '/career',
      text,
      user_id: 'UASKER',
      channel_id: 'CGENERAL',
      response_url: h.api.responseUrl('echo'),
    });
    const [ephemeral] = h.api.responsesTo('echo');
    const shown = textOf(ephemeral?.body);
    expect(shown).toContain('You asked');
    expect(shown).toContain('@\u2060channel');
    expect(shown).toContain('&lt;!channel&gt;');
    expectNoUnwantedMentions(ephemeral?.body);

    await h.send.interaction(
      clickPayload({
        element: findElement(ephemeral?.body, 'careerbot_share'),
        user: 'UASKER',
        // Another channel than the share test's: the per-channel topic cooldown plays no part.
        channel: 'CECHO',
        responseUrl: h.api.responseUrl('echo-share'),
      }),
    );
    const [shared] = h.api.responsesTo('echo-share');
    expect(textOf(shared?.body)).toContain('question: “');
    expectNoUnwantedMentions(shared?.body, ['UASKER']);

    await h.send.event({
      type: 'app_mention',
      user: 'UASKER',
      text: `<@UBOT> ${text}`,
      ts: '1700000008.000100',
      channel: 'CGENERAL',
    });
    expectNoUnwantedMentions(lastCall(h.api, 'chat.postMessage').args);
  });

  it('logs feedback with topic id and user id and thanks privately', async () => {
    await h.send.command({
      command: '/career',
      text: 'is sql a backend language?',
      user_id: 'UASKER',
      channel_id: 'CGENERAL',
      response_url: h.api.responseUrl('fb'),
    });
    const answer = h.api.responsesTo('fb')[0]?.body;
    const down = findElement(answer, 'careerbot_feedback_down');
    await h.send.interaction(
      clickPayload({ element: down, user: 'UASKER', channel: 'CGENERAL', responseUrl: h.api.responseUrl('fb-click') }),
    );
    const [feedback] = h.logs.find('feedback');
    expect(feedback).toMatchObject({ topicId: down.element.value, userId: 'UASKER', vote: 'down', platform: 'slack' });
    expect(h.api.responsesTo('fb-click')[0]?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  });
});

describe('request verification and health', () => {
  const event = JSON.stringify({
    type: 'event_callback',
    team_id: 'T0001',
    event_id: 'EvX',
    event: { type: 'app_mention', user: 'U1', text: '<@UBOT> sql', ts: '1.1', channel: 'C1' },
  });

  it.each([
    ['a forged signature', { signature: slackSignature('wrong-secret', Math.floor(Date.now() / 1000), event) }],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
    ['a garbage signature', { signature: 'v0=deadbeef' }],
  ])('answers 401 to %s and does nothing', async (_name, sign) => {
    const res = await h.send.post(event, 'application/json', sign);
    expect(res.status).toBe(401);
    expect(h.api.calls).toEqual([]);
  });

  it('answers url_verification only when signed', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'abc123' });
    const good = await h.send.post(body, 'application/json');
    expect(await good.json()).toEqual({ challenge: 'abc123' });
    const bad = await h.send.post(body, 'application/json', { signature: slackSignature(SIGNING_SECRET, 1, body) });
    expect(bad.status).toBe(401);
  });

  it('serves GET /healthz', async () => {
    const res = await fetch(h.endpoint.replace('/slack/events', '/healthz'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ready: true, topics: h.bot.topics().length });
  });
});

describe('failures', () => {
  it('logs a Web API error ({ok:false}) with context, apologizes, and keeps serving', async () => {
    h.api.failNext('chat.postMessage', { body: { ok: false, error: 'channel_not_found' } });
    await h.send.event({
      type: 'app_mention',
      user: 'UASKER',
      text: '<@UBOT> is sql a backend language?',
      ts: '1700000009.000100',
      channel: 'CGONE',
    });
    const [failure] = h.logs.find('app_mention handler failed');
    expect(failure).toMatchObject({ level: 50, platform: 'slack', event: 'app_mention', user: 'UASKER', channel: 'CGONE' });
    expect(JSON.stringify(failure?.err)).toContain('channel_not_found');
    // The apology went to the same thread.
    const apology = lastCall(h.api, 'chat.postMessage');
    expect(apology.args).toMatchObject({ channel: 'CGONE', thread_ts: '1700000009.000100' });
    expect(textOf(apology.args)).toMatch(/sorry/i);

    h.api.reset();
    await h.send.event({
      type: 'app_mention',
      user: 'UASKER',
      text: '<@UBOT> is sql a backend language?',
      ts: '1700000009.000200',
      channel: 'CGENERAL',
    });
    expect(lastCall(h.api, 'chat.postMessage').args.channel).toBe('CGENERAL');
  });

  it('survives an HTTP 500 from the Web API and a failing apology', async () => {
    h.api.failNext('chat.postMessage', { status: 500, body: 'upstream broke' });
    h.api.failNext('chat.postMessage', { status: 500, body: 'still broken' });
    const res = await h.send.event({
      type: 'message',
      channel_type: 'im',
      user: 'UASKER',
      text: 'hello',
      ts: '1700000010.000100',
      channel: 'DASKER',
    });
    expect(res.status).toBe(200);
    expect(h.logs.find('message.im handler failed')).toHaveLength(1);
    expect(h.logs.find('could not send the apology')).toHaveLength(1);
    const health = await fetch(h.endpoint.replace('/slack/events', '/healthz'));
    expect(health.status).toBe(200);
  });

  it('apologizes privately when a slash command fails', async () => {
    // views.publish is not involved; make the response_url itself fail once: the apology then also fails, and is logged.
    await h.send.command({
      command: '/career',
      text: 'is sql a backend language?',
      user_id: 'UASKER',
      channel_id: 'CGENERAL',
      response_url: `http://127.0.0.1:${h.api.port}/nowhere`,
    });
    expect(h.logs.find('command handler failed')).toHaveLength(1);
    expect(h.logs.find('could not send the apology')).toHaveLength(1);
    const res = await h.send.command({
      command: '/career',
      text: 'help',
      user_id: 'UASKER',
      channel_id: 'CGENERAL',
      response_url: h.api.responseUrl('after'),
    });
    expect(res.status).toBe(200);
    expect(h.api.responsesTo('after')).toHaveLength(1);
  });
});

describe('App Home', () => {
  it('publishes an introduction and the topic list', async () => {
    await h.send.event({ type: 'app_home_opened', user: 'UVISITOR', channel: 'DVISITOR', tab: 'home', ts: '1.3' });
    const publish = lastCall(h.api, 'views.publish');
    expect(publish.args.user_id).toBe('UVISITOR');
    const view = publish.args.view as Record<string, unknown>;
    expect(view.type).toBe('home');
    const shown = textOf(view);
    expect(shown).toContain('/career');
    for (const topic of h.bot.topics()) expect(shown).toContain(topic.title.replace(/&/g, '&amp;'));
    expect((view.blocks as unknown[]).length).toBeLessThanOrEqual(100);
  });

  it('does nothing for the Messages tab', async () => {
    await h.send.event({ type: 'app_home_opened', user: 'UVISITOR', channel: 'DVISITOR', tab: 'messages', ts: '1.4' });
    expect(h.api.callsTo('views.publish')).toEqual([]);
  });
});

describe('clarify', () => {
  // The real core, configured never to answer outright, so "Did you mean" is reachable whatever the matcher's current tuning.
  let c: Harness;
  beforeAll(async () => {
    c = await startHttpHarness({ bot: new CareerBot(await loadTestKnowledge(), { matcher: { answerThreshold: 1.01 } }) });
  });
  afterAll(async () => {
    await c.close();
  });

  function clarifying(bot: CareerBot): { text: string; reply: ClarifyReply } {
    for (const text of ['database or api', 'skills or languages', 'salary', 'jobs', 'code', 'backend']) {
      const { reply } = bot.ask(text);
      if (reply.kind === 'clarify' && reply.suggestions.length > 1) return { text, reply };
    }
    throw new Error('no candidate question gives a clarify reply with several suggestions; update the candidates');
  }

  it('offers up to three "Did you mean" buttons, and a click replaces the question with that answer', async () => {
    const { text, reply } = clarifying(c.bot);
    await c.send.event({
      type: 'app_mention',
      user: 'UASKER',
      text: `<@UBOT> ${text}`,
      ts: '1700000005.000100',
      channel: 'CGENERAL',
    });
    const post = lastCall(c.api, 'chat.postMessage');
    expectValidBlocks(post.args);
    const buttons = elementsOf(post.args).filter((e) => String(e.element.action_id).startsWith('careerbot_clarify_'));
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.length).toBeLessThanOrEqual(3);
    expect(buttons.map((b) => b.element.value)).toEqual(reply.suggestions.slice(0, 3).map((s) => s.id));

    const chosen = buttons[buttons.length - 1]!;
    const res = await c.send.interaction(
      clickPayload({
        element: chosen,
        user: 'UASKER',
        channel: 'CGENERAL',
        message: { ts: '1700000005.000900', thread_ts: '1700000005.000100' },
        responseUrl: c.api.responseUrl('clarify'),
      }),
    );
    expect(res.status).toBe(200);
    const [response] = c.api.responsesTo('clarify');
    expect(response?.body.replace_original).toBe(true);
    const topic = c.bot.topic(String(chosen.element.value))!;
    expect(textOf(response?.body)).toContain(topic.title);
    expectValidBlocks(response?.body);
  });

  it('shows the chosen answer in place of a private "Did you mean"', async () => {
    const { text } = clarifying(c.bot);
    await c.send.command({
      command: '/career',
      text,
      user_id: 'UASKER',
      channel_id: 'CGENERAL',
      response_url: c.api.responseUrl('pc'),
    });
    const [clarify] = c.api.responsesTo('pc');
    expect(clarify?.body.response_type).toBe('ephemeral');
    const first = findElement(clarify?.body, 'careerbot_clarify_0');
    await c.send.interaction(
      clickPayload({ element: first, user: 'UASKER', channel: 'CGENERAL', responseUrl: c.api.responseUrl('pc-click') }),
    );
    const [answer] = c.api.responsesTo('pc-click');
    expect(answer?.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(textOf(answer?.body)).toContain(c.bot.topic(String(first.element.value))!.title);
    // Still private, so it can still be shared.
    expect(findElement(answer?.body, 'careerbot_share')).toBeDefined();
  });
});
