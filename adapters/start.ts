import { CareerBot } from '../src/bot.js';
import { matcherCacheDir, type Config } from '../src/config.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { knowledgeSummary, watchKnowledge } from '../src/knowledge/watch.js';
import type { Logger } from '../src/logger.js';

/** A running chat adapter: `stop` stops taking events, lets in-flight replies finish, and closes connections. */
export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
}

/** `npm start` with chat tokens: every configured adapter in one process, sharing one bot. */
export async function startAdapters(config: Config, logger: Logger): Promise<RunningAdapter[]> {
  const started = performance.now();
  const { knowledge, warnings } = await loadKnowledge(config.knowledgeDir);
  for (const warning of warnings) logger.warn({ file: warning.file, field: warning.field }, warning.message);
  const bot = new CareerBot(knowledge, {
    rateLimitPerMinute: config.rateLimitPerMinute,
    matcher: { cacheDir: matcherCacheDir(config) },
  });
  logger.info(
    { ...knowledgeSummary(knowledge, started), dir: config.knowledgeDir, cachedIndex: bot.matcher.fromCache },
    'knowledge loaded',
  );
  if (bot.matcher.cacheError) logger.warn(bot.matcher.cacheError);
  const watcher = watchKnowledge({ dir: config.knowledgeDir, bot, logger });
  const running: RunningAdapter[] = [{ name: 'knowledge-watch', stop: async () => watcher.close() }];
  if (config.slack) {
    const { startSlack } = await import('./slack/index.js');
    running.push(await startSlack({ config: config.slack, bot, logger }));
  }
  if (config.discord) {
    const { startDiscord } = await import('./discord/index.js');
    running.push(await startDiscord({ config: config.discord, bot, logger }));
  }
  return running;
}
