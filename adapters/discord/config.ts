import { z } from 'zod';
import { optional, positiveInt, url, type ConfigSection } from '../../src/config.js';

/** The Discord adapter's variables and section: Discord's id rules live here. */

const snowflake = (what: string) =>
  optional.refine(
    (value) => value === undefined || /^\d{17,20}$/.test(value),
    `must be a Discord ${what}: a number of 17 to 20 digits such as 1096523458192347136 (Developer Portal → your application → General Information, or right-click → Copy ID with Developer Mode on)`,
  );

export const discordEnvShape = {
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: snowflake('application id'),
  DISCORD_GUILD_ID: snowflake('server id'),
  DISCORD_MODERATOR_ROLE: optional,
  DISCORD_API_URL: url,
  DISCORD_COOLDOWN_SECONDS: positiveInt(60),
};

const discordEnvSchema = z.object(discordEnvShape);

export interface DiscordConfig {
  token: string;
  applicationId: string | undefined;
  guildId: string | undefined;
  moderatorRole: string | undefined;
  apiUrl: string | undefined;
  cooldownSeconds: number;
}

/** Discord is configured when DISCORD_TOKEN is set. */
export function discordConfig(e: z.infer<typeof discordEnvSchema>): ConfigSection<DiscordConfig | null> {
  if (!e.DISCORD_TOKEN) return { value: null, problems: [] };
  return {
    value: {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      guildId: e.DISCORD_GUILD_ID,
      moderatorRole: e.DISCORD_MODERATOR_ROLE,
      apiUrl: e.DISCORD_API_URL,
      cooldownSeconds: e.DISCORD_COOLDOWN_SECONDS,
    },
    problems: [],
  };
}
