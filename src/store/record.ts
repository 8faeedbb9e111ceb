import type { Logger } from '../logger.js';
import { cleanText } from '../text/normalize.js';
import type { Reply } from '../reply.js';
import type { CareerStore, Platform, Vote } from './store.js';

/**
 * What the adapters call after answering: one line each, with no store (tests, the terminal chat)
 * a no-op. A failing write is logged, never thrown: the user already has the answer, and a full
 * disk must not turn into an apology in chat.
 */

/** Stored texts are cut like the bot cuts questions (bot.ts MAX_QUESTION_CHARS). */
const MAX_TEXT_CHARS = 500;

/**
 * The text as worth keeping: cleaned, one line, and without the names of the people it mentions
 * (Slack `@ann` after conversion, Discord `<@123>`), since the store keeps no user names.
 */
export function storableText(text: string): string {
  return cleanText(text)
    .replace(/<@[!&]?\d+>/g, '@someone')
    .replace(/(^|\s)@(?!someone\b|here\b|channel\b|everyone\b)[\w.-]+/g, '$1@someone')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_TEXT_CHARS);
}

/** A write that fails is logged with what it would have kept (`lost`), so nothing is lost silently. */
async function attempt(log: Logger, what: string, write: () => Promise<unknown>, lost?: object): Promise<void> {
  try {
    await write();
  } catch (err) {
    log.error({ err, ...(lost ? { lost } : {}) }, `could not record ${what}`);
  }
}

/**
 * After the bot replied to a question: "Did you mean" and off-topic questions are kept with their
 * text (for the report), answers only counted per topic and day. Small talk and notices (the rate
 * limit, an over-long message) are not recorded.
 */
export async function recordQuestion(
  store: CareerStore | undefined,
  log: Logger,
  question: { platform: Platform; channelId: string | null | undefined; text: string; reply: Reply },
): Promise<void> {
  const { reply } = question;
  if (!store) return;
  if (reply.kind === 'answer') {
    const topicId = reply.topic.id;
    await attempt(log, 'an answered question', () => store.recordAnswered(topicId), { topicId });
  } else if (reply.kind === 'clarify' || reply.kind === 'fallback') {
    const text = storableText(question.text);
    if (text === '') return;
    const outcome = reply.kind;
    const record = { text, platform: question.platform, channelId: question.channelId ?? null, outcome };
    await attempt(log, 'an unanswered question', () => store.recordQuestion(record), record);
  }
}

export async function recordFeedback(
  store: CareerStore | undefined,
  log: Logger,
  feedback: { platform: Platform; topicId: string; vote: Vote },
): Promise<void> {
  if (!store) return;
  await attempt(log, 'feedback', () => store.recordFeedback(feedback), feedback);
}
