import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import { CareerBot } from '../../src/bot.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { KnowledgeBase } from '../../src/types.js';

/** The real core over the real knowledge, loaded once per test file (building the matcher is the slow part). */

let knowledgePromise: Promise<KnowledgeBase> | undefined;
let botPromise: Promise<CareerBot> | undefined;

export function loadTestKnowledge(): Promise<KnowledgeBase> {
  knowledgePromise ??= loadKnowledge(path.join(PROJECT_ROOT, 'knowledge')).then(({ knowledge }) => knowledge);
  return knowledgePromise;
}

/**
 * One bot per test file. Unlimited: the rate limit has its own tests (rate-limit.test.ts), the
 * others ask as often as they need. Conversations are keyed per thread/channel, so tests sharing
 * the bot do not share context as long as each uses its own.
 */
export function loadBot(): Promise<CareerBot> {
  botPromise ??= loadTestKnowledge().then((knowledge) => new CareerBot(knowledge, { rateLimitPerMinute: 0 }));
  return botPromise;
}

/** People's own words for a topic, none a sample question, for the tests where a moderator teaches one. */
const UNANSWERED: readonly { text: string; topicId: string }[] = [
  { text: 'where do the records of an app actually live and which one do i learn', topicId: 'databases' },
  { text: 'quick q how to make my server respond faster, what are the usual tricks', topicId: 'performance' },
  { text: 'stuck at the same package for two years, how do people get paid more', topicId: 'salary-growth' },
  { text: 'hey so i know a bit of c from college, what should i pick up next for server side stuff', topicId: 'languages' },
  { text: 'my grandma asks what i will do all day at the job, what do i tell her', topicId: 'role' },
  { text: 'what keeps the lights on behind an app, in plain words', topicId: 'what-is-backend' },
];

/** The first of those phrasings that `bot` does not answer yet (found, not hard-coded, as the matcher evolves). */
export function unansweredPhrasing(bot: CareerBot): { text: string; topicId: string } {
  const candidate = UNANSWERED.find(({ text }) => bot.ask(text).reply.kind !== 'answer');
  if (!candidate) throw new Error('every candidate is already answered: add a phrasing the matcher does not answer');
  return candidate;
}
