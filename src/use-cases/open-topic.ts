import type { CareerBot } from '../bot.js';
import type { Logger } from '../logger.js';
import type { AnswerReply } from '../reply.js';
import type { Platform } from '../store/store.js';

/**
 * "Answer a picked topic", the same on every platform: a related-topic, "You also asked about",
 * "Did you mean" or topic-list choice names a topic; the use case returns its answer for the
 * adapter to send, or null when the topic no longer exists (knowledge changed since the button
 * was sent). One log line with the README's answer fields. Nothing is recorded: a click answers
 * no new question, and the report counts questions.
 */

export interface OpenTopicDeps {
  bot: CareerBot;
  /** The event's child logger. */
  log: Logger;
}

export interface OpenTopicInput {
  platform: Platform;
  /** The platform's user id (not qualified). */
  userId: string;
  topicId: string;
  /** How it was picked, for the log: a related or also button, a suggestion, the list. */
  via: string;
  /** The conversation the answer is shown in (as for the ask use case): follow-ups lean on it. */
  conversation?: string | undefined;
}

export function openTopic(deps: OpenTopicDeps, input: OpenTopicInput): AnswerReply | null {
  const topic = deps.bot.topic(input.topicId);
  if (!topic) {
    deps.log.warn(
      { topicId: input.topicId, userId: input.userId, via: input.via },
      'a button named a topic that no longer exists',
    );
    return null;
  }
  const reply = deps.bot.answer(topic);
  if (input.conversation !== undefined) deps.bot.remember(`${input.platform}:${input.conversation}`, topic.id);
  deps.log.info(
    { outcome: reply.kind, topicId: topic.id, confidence: reply.confidence, userId: input.userId, via: input.via },
    'topic opened',
  );
  return reply;
}
