import { CareerBot } from '../../../src/bot.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import type { ExtraPhrasing } from '../../../src/matcher/matcher.js';
import { matcherCacheDir } from '../../config.js';
import type { CommandContext } from './command.js';

/** The knowledge, loaded and checked, and a bot over it with `learned` phrasings; warnings are logged. */
export async function loadBot(ctx: CommandContext, learned: readonly ExtraPhrasing[] = []): Promise<CareerBot> {
  const { knowledge, warnings } = await loadKnowledge(ctx.config.knowledgeDir);
  for (const warning of warnings) ctx.logger.warn({ file: warning.file, field: warning.field }, warning.message);
  const bot = new CareerBot(knowledge, {
    rateLimitPerMinute: 0,
    matcher: { cacheDir: matcherCacheDir(ctx.config) },
    learned,
  });
  if (bot.index.cacheError) {
    ctx.logger.warn({ err: bot.index.cacheError, code: bot.index.cacheError.code }, 'matcher cache not written');
  }
  return bot;
}
