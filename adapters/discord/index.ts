import type { CareerBot } from '../../src/bot.js';
import type { DiscordConfig } from './config.js';
import type { Logger } from '../../src/logger.js';
import type { SharedState } from '../../src/store/shared.js';
import type { TopicCooldown } from '../../src/policies/cooldown.js';
import type { CareerStore } from '../../src/store/store.js';
import type { RunningAdapter } from '../../src/ports.js';
import { DiscordAdapter } from './client.js';

export { DiscordAdapter } from './client.js';
export { commandDefinitions } from './handlers.js';

/**
 * `npm start` with DISCORD_TOKEN: connect to the gateway and answer interactions. Commands are not
 * registered here (that is `npm run discord:deploy`), so restarts do not touch Discord's command list.
 */
export async function startDiscord(options: {
  config: DiscordConfig;
  bot: CareerBot;
  logger: Logger;
  store?: CareerStore | undefined;
  drainTimeoutMs?: number | undefined;
  /** Where the auto-reply channel list survives restarts (the app store). */
  settings?: SharedState | undefined;
  autoReplyThreshold?: number | undefined;
  /** The per-channel topic cooldown (default: DISCORD_COOLDOWN_SECONDS, in this process). */
  cooldown?: TopicCooldown | undefined;
}): Promise<RunningAdapter & { adapter: DiscordAdapter }> {
  const adapter = new DiscordAdapter(options);
  await adapter.start();
  return { name: adapter.name, stop: () => adapter.stop(), adapter };
}
