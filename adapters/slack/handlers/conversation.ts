import type { webApi } from '@slack/bolt';
import type { Logger } from '../../../src/logger.js';
import { recordQuestion } from '../../../src/store/record.js';
import type { SlackDeps } from '../deps.js';
import { APOLOGY } from '../../shared/texts.js';
import { renderNotice, renderReply } from '../render.js';
import { slackToPlain } from '../text.js';

/** Where a reply to a message goes: its channel, and its thread when it has one (or always, in channels). */
export interface Conversation {
  channel: string;
  threadTs: string | undefined;
}

/**
 * Ask the core about a Slack message's text (counted against `user`'s rate limit) and post the
 * reply in the conversation. A notice (rate limit, over-long message) in a channel goes only to the
 * asker: answering a flood publicly would add to it.
 */
export async function answerMessage(
  deps: SlackDeps,
  client: webApi.WebClient,
  log: Logger,
  where: Conversation,
  user: string,
  text: string,
  botUserId: string | undefined,
): Promise<void> {
  const { reply, match } = await deps.bot.askAs(slackToPlain(text, botUserId), { user: `slack:${user}` });
  const message = { channel: where.channel, thread_ts: where.threadTs, ...renderReply(reply) };
  if (reply.kind === 'notice' && !where.channel.startsWith('D')) await client.chat.postEphemeral({ ...message, user });
  else await client.chat.postMessage(message);
  log.info(
    { outcome: reply.kind, topicId: reply.kind === 'answer' ? reply.topic.id : undefined, confidence: match?.confidence },
    'answered',
  );
  const question = slackToPlain(text, botUserId);
  await recordQuestion(deps.store, log, { platform: 'slack', channelId: where.channel, text: question, reply });
}

export async function apologizeIn(client: webApi.WebClient, where: Conversation): Promise<void> {
  await client.chat.postMessage({ channel: where.channel, thread_ts: where.threadTs, ...renderNotice(APOLOGY) });
}
