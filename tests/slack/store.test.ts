import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CareerBot } from '../../src/bot.js';
import type { SqliteStore } from '../../src/store/sqlite.js';
import { unansweredPhrasing } from '../support/bot.js';
import { temporarySqliteStore, type TemporaryStore } from '../support/store.js';
import {
  answerShortcutPayload,
  clickPayload,
  expectNoUnwantedMentions,
  expectValidBlocks,
  findElement,
  lastCall,
  linkModalSubmission,
  loadTestKnowledge,
  startHttpHarness,
  textOf,
  type Harness,
} from './harness.js';

/**
 * Issue 7 through the real Bolt app: what Slack users ask is recorded, a moderator's answer teaches
 * the bot at once, and `/career report` shows moderators what was asked.
 */

let h: Harness;
let temporary: TemporaryStore | undefined;
let store: SqliteStore;

beforeAll(async () => {
  temporary = await temporarySqliteStore('careerbot-slack-store-');
  store = temporary.store;
  // Its own bot: learning changes the matcher, and no other test file should see that.
  const bot = new CareerBot(await loadTestKnowledge(), { rateLimitPerMinute: 0 });
  h = await startHttpHarness({ moderators: ['UMOD'], bot, store });
});
afterAll(async () => {
  await h?.close();
  await temporary?.remove();
});

/** Off-topic for the career FAQ: declined with the fallback. */
const OFF_TOPIC = 'what is the best pizza topping';

function command(text: string, user: string, responseName: string) {
  return h.send.command({
    command: '/career',
    text,
    user_id: user,
    channel_id: 'CGENERAL',
    response_url: h.api.responseUrl(responseName),
  });
}

describe('recording', () => {
  it('keeps a declined question with its text and channel (no user), counts an answer, and stores a feedback click', async () => {
    expect(h.bot.ask(OFF_TOPIC).reply.kind).toBe('fallback');
    await command(OFF_TOPIC, 'UASKER', 'off-topic');
    await h.send.event({
      type: 'app_mention',
      user: 'UASKER',
      text: `<@UBOT> ${OFF_TOPIC}`,
      ts: '1700000200.000100',
      channel: 'CRANDOM',
    });
    const declined = (await store.questionsSince(0)).filter((q) => q.text === OFF_TOPIC);
    expect(declined.map(({ platform, channelId, outcome }) => ({ platform, channelId, outcome }))).toEqual([
      { platform: 'slack', channelId: 'CGENERAL', outcome: 'fallback' },
      { platform: 'slack', channelId: 'CRANDOM', outcome: 'fallback' },
    ]);
    expect(JSON.stringify(declined)).not.toContain('UASKER');

    await command('is sql a backend language?', 'UASKER', 'answered');
    expect(await store.answeredSince(0)).toContainEqual({ topicId: 'sql-backend-language', count: 1 });

    const answer = h.api.responsesTo('answered')[0]?.body;
    const up = findElement(answer, 'careerbot_feedback_up');
    await h.send.interaction(
      clickPayload({ element: up, user: 'UASKER', channel: 'CGENERAL', responseUrl: h.api.responseUrl('fb') }),
    );
    expect(await store.feedbackSince(0)).toEqual([{ topicId: 'sql-backend-language', up: 1, down: 0 }]);
    // The pino line stays, with the user, as before.
    expect(h.logs.find('feedback').at(-1)).toMatchObject({ topicId: 'sql-backend-language', userId: 'UASKER', vote: 'up' });
  });

  it('/career link records the link for the report (no message text, so nothing learned)', async () => {
    const learned = (await store.learnedPhrasings()).length;
    const links = await store.moderatorLinksSince(0);
    await command('link databases', 'UMOD', 'link');
    expect(h.api.responsesTo('link')[0]?.body.response_type).toBe('in_channel');
    expect(await store.moderatorLinksSince(0)).toBe(links + 1);
    expect((await store.learnedPhrasings()).length).toBe(learned);
  });
});

describe('learning from the moderator shortcut', () => {
  it('after "Answer with career FAQ" on a message, the same question is answered with that topic, without a restart', async () => {
    const candidate = unansweredPhrasing(h.bot);
    await h.send.interaction(
      answerShortcutPayload({ user: 'UMOD', text: candidate.text, responseUrl: h.api.responseUrl('shortcut') }),
    );
    const view = lastCall(h.api, 'views.open').args.view as { private_metadata: string };
    const res = await h.send.interaction(linkModalSubmission('UMOD', view.private_metadata, candidate.topicId));
    expect(res.status).toBe(200);
    expect(await store.learnedPhrasings()).toEqual([
      expect.objectContaining({ topicId: candidate.topicId, text: candidate.text }),
    ]);
    expect(h.logs.find('learned a phrasing from a moderator link')[0]).toMatchObject({ topicId: candidate.topicId });

    await command(candidate.text, 'UASKER', 'after-learning');
    const [reply] = h.api.responsesTo('after-learning');
    expect(textOf(reply?.body)).toContain(h.bot.topic(candidate.topicId)!.title);
    expect(findElement(reply?.body, 'careerbot_feedback_up').element.value).toBe(candidate.topicId);
  });
});

describe('/career report', () => {
  it('is for moderators only', async () => {
    await command('report', 'UASKER', 'report-refused');
    const [refusal] = h.api.responsesTo('report-refused');
    expect(refusal?.body.response_type).toBe('ephemeral');
    expect(textOf(refusal?.body)).toContain('Only moderators can see the report.');
    expect(textOf(refusal?.body)).not.toContain('Career FAQ report');
  });

  it('shows a moderator, privately, the unanswered questions grouped, feedback per topic and the most asked topics', async () => {
    await command('report 7', 'UMOD', 'report');
    const [report] = h.api.responsesTo('report');
    expect(report?.body.response_type).toBe('ephemeral');
    expectValidBlocks(report?.body);
    expectNoUnwantedMentions(report?.body);
    const shown = textOf(report?.body);
    expect(shown).toContain('Career FAQ report: last 7 days');
    expect(shown).toMatch(new RegExp(`• 2× “${OFF_TOPIC}”: 0 clarified, 2 not answered`));
    expect(shown).toContain(`👍 1 👎 0  ${h.bot.topic('sql-backend-language')!.title} \`sql-backend-language\``);
    expect(shown).toMatch(/Most asked topics\*\n(• \d+ .+\n)*• \d+ .+`sql-backend-language`/);
    expect(shown).toMatch(/1 learned phrasings not yet exported/);
  });

  it('"report" followed by other words is a question, not the report', async () => {
    await command('report writing for developers', 'UMOD', 'report-question');
    const [reply] = h.api.responsesTo('report-question');
    expect(textOf(reply?.body)).not.toContain('Career FAQ report');
  });
});
