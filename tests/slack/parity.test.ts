import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clickPayload, findElement, startHttpHarness, textOf, type Harness } from './harness.js';

/**
 * What Slack must do the same way as Discord (issue 12): the per-channel topic cooldown of
 * src/policies/cooldown.ts holds for shared answers, and an answer logs the README's fields.
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

const QUESTION = 'is sql a backend language?';

/** `/career <question>` by `user`, then "Share in channel" on the private answer; the share's responses. */
async function askAndShare(user: string, channel: string, tag: string) {
  await h.send.command({
    command: '/career',
    text: QUESTION,
    user_id: user,
    channel_id: channel,
    response_url: h.api.responseUrl(tag),
  });
  const [answer] = h.api.responsesTo(tag);
  await h.send.interaction(
    clickPayload({
      element: findElement(answer?.body, 'careerbot_share'),
      user,
      channel,
      responseUrl: h.api.responseUrl(`${tag}-share`),
    }),
  );
  return h.api.responsesTo(`${tag}-share`).map((response) => response.body);
}

describe('Slack parity', () => {
  it('holds the channel cooldown: the same topic shared twice in a channel is posted once', async () => {
    const first = await askAndShare('UFIRST', 'CCOOL', 'first');
    expect(first[0]).toMatchObject({ response_type: 'in_channel' });
    expect(first[1]).toMatchObject({ delete_original: true });

    const second = await askAndShare('USECOND', 'CCOOL', 'second');
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textOf(second[0])).toContain('was already posted in this channel');

    // Another channel has its own cooldown.
    const elsewhere = await askAndShare('USECOND', 'CELSEWHERE', 'elsewhere');
    expect(elsewhere[0]).toMatchObject({ response_type: 'in_channel' });
  });

  it("logs an answer with the README's fields: outcome, topicId, confidence, userId", async () => {
    await h.send.event({
      type: 'app_mention',
      user: 'UASKER',
      text: `<@UBOT> ${QUESTION}`,
      ts: '1700002000.000100',
      channel: 'CGENERAL',
    });
    const [line] = h.logs.find('answered');
    expect(line).toMatchObject({ platform: 'slack', outcome: 'answer', topicId: 'sql-backend-language', userId: 'UASKER' });
    expect(line?.confidence).toBeGreaterThan(0);
  });
});
