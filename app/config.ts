import { discordConfig, discordEnvShape, type DiscordConfig } from '../adapters/discord/config.js';
import { slackConfig, slackEnvShape, type SlackConfig } from '../adapters/slack/config.js';
import { coreConfig, coreEnvShape, parseEnv, type CoreConfig } from '../src/config.js';

/**
 * All configuration, read once from an environment object and validated: the core's schema plus
 * one per adapter, composed here. Errors name the variable to fix. Adapters receive their section;
 * nothing else reads `process.env`.
 */

export { loadDotEnv, matcherCacheDir, PROJECT_ROOT } from '../src/config.js';
export type { DiscordConfig } from '../adapters/discord/config.js';
export type { SlackConfig } from '../adapters/slack/config.js';

const envShape = { ...coreEnvShape, ...slackEnvShape, ...discordEnvShape };

export interface Config extends CoreConfig {
  slack: SlackConfig | null;
  discord: DiscordConfig | null;
}

/** Parse and validate configuration from an environment object (pure: pass `process.env` or a test's object). */
export function readConfig(
  env: Record<string, string | undefined>,
  overrides: { knowledgeDir?: string | undefined } = {},
): Config {
  return parseEnv(envShape, env, (e) => {
    const slack = slackConfig(e);
    const discord = discordConfig(e);
    return {
      value: { ...coreConfig(e, overrides), slack: slack.value, discord: discord.value },
      problems: [...slack.problems, ...discord.problems],
    };
  });
}
