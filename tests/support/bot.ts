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
