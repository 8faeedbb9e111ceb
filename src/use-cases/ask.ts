import type { AskResult, CareerBot } from '../bot.js';
import type { Logger } from '../logger.js';
import type { Reply } from '../reply.js';
import { recordQuestion } from '../store/record.js';
import type { CareerStore, Platform } from '../store/store.js';
import type { Topic } from '../types.js';

/**
 * The "ask" use case, the same on every platform: match the question (per-user rate limit, read
 * with the conversation's recent topics), log one line with the README's fields, record it, and
 * return the neutral reply for the adapter to render and send. Recording happens before the
 * reply is sent, on every platform, so a failed send never loses the question from the report.
 */

export interface AskDeps {
  bot: CareerBot;
  store?: CareerStore | undefined;
  /** The event's child logger (platform, event id, user, channel already bound). */
  log: Logger;
}

export interface AskInput {
  platform: Platform;
  /** The platform's user id (not qualified: "U123", "81234…"). */
  userId: string;
  channelId: string | null;
  /**
   * Where turns follow one another (a Slack thread or DM, a Discord channel and user), without
   * the platform prefix; omitted: the question is read on its own.
   */
  conversation?: string | undefined;
  /** The question as plain text (mentions already translated by the adapter). */
  text: string;
}

function qualified(input: AskInput): { user: string; conversation: string | undefined } {
  return {
    user: `${input.platform}:${input.userId}`,
    conversation: input.conversation === undefined ? undefined : `${input.platform}:${input.conversation}`,
  };
}

export async function askQuestion(deps: AskDeps, input: AskInput): Promise<AskResult> {
  const { platform } = input;
  const result = await deps.bot.askAs(input.text, qualified(input));
  const { reply, match } = result;
  deps.log.info(
    {
      outcome: reply.kind,
      topicId: reply.kind === 'answer' ? reply.topic.id : undefined,
      confidence: match?.confidence,
      userId: input.userId,
      fromContext: match?.fromContext === true ? true : undefined,
      also: reply.kind === 'answer' && reply.also ? reply.also.map((ref) => ref.id) : undefined,
    },
    'answered',
  );
  await recordQuestion(deps.store, deps.log, { platform, channelId: input.channelId, text: input.text, reply });
  return result;
}

/**
 * The asker picked a topic while typing (an autocomplete choice): that topic's answer, counted
 * against the rate limit like a question and remembered in the conversation; answered questions
 * are counted per topic like any other.
 */
export async function askPicked(deps: AskDeps, input: Omit<AskInput, 'text'> & { topic: Topic }): Promise<Reply> {
  const reply = await deps.bot.answerPicked(input.topic, qualified({ ...input, text: '' }));
  deps.log.info(
    {
      outcome: reply.kind,
      topicId: reply.kind === 'answer' ? reply.topic.id : undefined,
      confidence: reply.kind === 'answer' ? reply.confidence : undefined,
      userId: input.userId,
      picked: true,
    },
    'answered',
  );
  await recordQuestion(deps.store, deps.log, {
    platform: input.platform,
    channelId: input.channelId,
    text: input.topic.title,
    reply,
  });
  return reply;
}
