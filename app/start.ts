import { CareerBot } from '../src/bot.js';
import path from 'node:path';
import { matcherCacheDir, PROJECT_ROOT } from '../src/config.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { DEFAULT_COOLDOWN_SECONDS, TopicCooldown } from '../src/policies/cooldown.js';
import { knowledgeSummary, watchKnowledge } from '../src/knowledge/watch.js';
import type { Logger } from '../src/logger.js';
import type { RunningAdapter } from '../src/ports.js';
import { openStore } from '../src/store/open.js';
import type { Config } from './config.js';

export type { RunningAdapter } from '../src/ports.js';

/**
 * How long the adapters' `stop()` waits for in-flight replies, the same on every platform; the
 * CLI's signal handler gives the whole shutdown as long.
 */
export const DRAIN_TIMEOUT_MS = 10_000;

/** `stop` at most once, however often it is called. */
function once(adapter: RunningAdapter): RunningAdapter {
  let stopped: Promise<void> | undefined;
  return { name: adapter.name, stop: () => (stopped ??= adapter.stop()) };
}

/** `npm start` with chat tokens: every configured adapter in one process, sharing one bot and one store. */
export async function startAdapters(config: Config, logger: Logger): Promise<RunningAdapter[]> {
  const started = performance.now();
  // First, so a corrupt or unwritable data file stops the start, naming its path, before anything connects.
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onError: (err) => logger.error({ err }, 'data store connection'),
  });
  // What has started so far, stopped again if a later step fails (otherwise a watcher or a connected
  // adapter would keep the process alive after the error was reported).
  const running: RunningAdapter[] = [];
  try {
    const learned = await store.learnedPhrasings();
    logger.info({ file: store.location, learned: learned.length }, 'data store opened');
    const { knowledge, warnings } = await loadKnowledge(config.knowledgeDir);
    for (const warning of warnings) logger.warn({ file: warning.file, field: warning.field }, warning.message);
    const bot = new CareerBot(knowledge, {
      rateLimitPerMinute: config.rateLimitPerMinute,
      matcher: { cacheDir: matcherCacheDir(config) },
      learned,
      // The rate limit, like the cooldowns below, goes through the store: shared on PostgreSQL.
      shared: store,
      onSharedError: (err) => logger.warn({ err }, 'shared rate limit unavailable: counting in this process'),
    });
    const onCooldownError = (err: unknown) => logger.warn({ err }, 'shared cooldown unavailable: deciding in this process');
    // Every chat adapter gets the same core parts; only its configuration and cooldown window differ.
    const adapterDeps = { bot, logger, store, settings: store, drainTimeoutMs: DRAIN_TIMEOUT_MS };
    const cooldownFor = (platform: 'slack' | 'discord', seconds: number) =>
      new TopicCooldown({ seconds, shared: store, platform, onSharedError: onCooldownError });
    logger.info(
      { ...knowledgeSummary(knowledge, started), dir: config.knowledgeDir, cachedIndex: bot.index.fromCache },
      'knowledge loaded',
    );
    if (bot.index.cacheError)
      logger.warn({ err: bot.index.cacheError, code: bot.index.cacheError.code }, 'matcher cache not written');
    const watcher = watchKnowledge({ dir: config.knowledgeDir, bot, logger });
    running.push(once({ name: 'knowledge-watch', stop: async () => watcher.close() }));
    // Another replica learned or removed a phrasing (or this one did): re-index from the store.
    const stopListening = store.onLearnedChanged(() => {
      store.learnedPhrasings().then(
        (phrasings) => {
          bot.setLearned(phrasings);
          logger.info({ learned: phrasings.length }, 'learned phrasings re-indexed');
        },
        (err: unknown) => logger.error({ err }, 'could not reload the learned phrasings'),
      );
    });
    running.push(once({ name: 'learned-listener', stop: async () => stopListening() }));
    // A Discord shard process runs only its gateway connection: Slack stays with the process that spawned it.
    if (config.slack && !config.discord?.isShard) {
      const { startSlack } = await import('../adapters/slack/index.js');
      running.push(
        once(
          await startSlack({ ...adapterDeps, config: config.slack, cooldown: cooldownFor('slack', DEFAULT_COOLDOWN_SECONDS) }),
        ),
      );
    }
    if (config.discord && config.discord.shards !== undefined && !config.discord.isShard) {
      const { startDiscordShards } = await import('../adapters/discord/shards.js');
      const shards = config.discord.shards;
      running.push(
        once(
          await startDiscordShards({
            config: { ...config.discord, shards },
            logger,
            file: path.join(PROJECT_ROOT, 'bin/careerbot.js'),
            args: ['start'],
          }),
        ),
      );
    } else if (config.discord) {
      const { startDiscord } = await import('../adapters/discord/index.js');
      const cooldown = cooldownFor('discord', config.discord.cooldownSeconds);
      running.push(once(await startDiscord({ ...adapterDeps, config: config.discord, cooldown })));
    }
    // The store closes last: handlers still finishing while the adapters drain may record.
    const adapters = [...running];
    running.push({
      name: 'store',
      stop: async () => {
        await Promise.allSettled(adapters.map((adapter) => adapter.stop()));
        await store.close();
      },
    });
    return running;
  } catch (error) {
    await Promise.allSettled(running.map((adapter) => adapter.stop()));
    await store.close();
    throw error;
  }
}
