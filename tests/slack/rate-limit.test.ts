import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CareerBot } from '../../src/bot.js';
import { clickPayload, findElement, lastCall, loadTestKnowledge, startHttpHarness, textOf, type Harness } from './harness.js';

/**
 * The core's per-user rate limit, through the real Bolt App: every way of asking a free-text
 * question (mention, DM, /career) counts for the Slack user who asked; help, Home and buttons do not.
 */

let h: Harness;
let ts = 1_700_001_000;
const nextTs = () => `${ts++}.000100`;

beforeAll(async () => {
  h = await startHttpHarness({ bot: new CareerBot(await loadTestKnowledge(), { rateLimitPerMinute: 2 }) });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.api.reset();
});

const QUESTION = 'is sql a backend language?';
const NOTICE = /asking faster than I can keep up/;

const mention = (user: string, channel = 'CGENERAL', thread = nextTs()) =>
  h.send.event({ type: 'app_mention', user, text: `<@UBOT> ${QUESTION}`, ts: thread, channel });

const command = (user: string, text: string, responseName: string) =>
  h.send.command({
    command: '/career',
    text,
    user_id: user,
    channel_id: 'CGENERAL',
    response_url: h.api.responseUrl(responseName),
  });

describe('rate limit (2 questions a minute in this test)', () => {
  it('answers the first two mentions, tells the asker privately about the third, and leaves others alone', async () => {
    await mention('UFLOOD');
    await mention('UFLOOD');
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(2);
    for (const post of h.api.callsTo('chat.postMessage')) expect(textOf(post.args)).not.toMatch(NOTICE);

    const thread = nextTs();
    await mention('UFLOOD', 'CGENERAL', thread);
    // Not a public post: a flood answered in public would only add to it.
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(2);
    const notice = lastCall(h.api, 'chat.postEphemeral');
    expect(notice.args).toMatchObject({ channel: 'CGENERAL', user: 'UFLOOD', thread_ts: thread });
    expect(textOf(notice.args)).toMatch(NOTICE);
    expect(textOf(notice.args)).toMatch(/try again in \d+ seconds/);
    expect(h.logs.find('answered').at(-1)).toMatchObject({ outcome: 'notice', user: 'UFLOOD' });

    await mention('UCALM');
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(3);
    expect(textOf(lastCall(h.api, 'chat.postMessage').args)).not.toMatch(NOTICE);
  });

  it('counts mentions, direct messages and /career together for one user', async () => {
    await mention('UMIXED');
    await h.send.event({ type: 'message', channel_type: 'im', user: 'UMIXED', text: QUESTION, ts: nextTs(), channel: 'DMIXED' });
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(2);
    await command('UMIXED', QUESTION, 'mixed');
    const [response] = h.api.responsesTo('mixed');
    expect(response?.body.response_type).toBe('ephemeral');
    expect(textOf(response?.body)).toMatch(NOTICE);

    // In a DM the notice is an ordinary message: the conversation is private anyway.
    await h.send.event({ type: 'message', channel_type: 'im', user: 'UMIXED', text: QUESTION, ts: nextTs(), channel: 'DMIXED' });
    const dm = lastCall(h.api, 'chat.postMessage');
    expect(dm.args.channel).toBe('DMIXED');
    expect(textOf(dm.args)).toMatch(NOTICE);
  });

  it('does not count help, the Home tab or buttons, and keeps them working past the limit', async () => {
    await command('UHELP', QUESTION, 'q1');
    await command('UHELP', QUESTION, 'q2');
    await command('UHELP', QUESTION, 'q3');
    expect(textOf(h.api.responsesTo('q2')[0]?.body)).not.toMatch(NOTICE);
    expect(textOf(h.api.responsesTo('q3')[0]?.body)).toMatch(NOTICE);

    for (const text of ['', 'help', 'HELP']) await command('UHELP', text, `help-${text}`);
    for (const text of ['', 'help', 'HELP']) {
      const shown = textOf(h.api.responsesTo(`help-${text}`)[0]?.body);
      expect(shown).not.toMatch(NOTICE);
      expect(shown).toContain('sql-backend-language');
    }
    await h.send.event({ type: 'app_home_opened', user: 'UHELP', channel: 'DHELP', tab: 'home', ts: nextTs() });
    expect(textOf(lastCall(h.api, 'views.publish').args.view as Record<string, unknown>)).not.toMatch(NOTICE);

    // A related-topic button under the first (private) answer still opens its topic.
    const related = findElement(h.api.responsesTo('q1')[0]?.body, /^careerbot_show_/);
    await h.send.interaction(
      clickPayload({ element: related, user: 'UHELP', channel: 'CGENERAL', responseUrl: h.api.responseUrl('click') }),
    );
    const opened = textOf(h.api.responsesTo('click')[0]?.body);
    expect(opened).toContain(h.bot.topic(String(related.element.value))!.title);
    expect(opened).not.toMatch(NOTICE);
  });
});
