import { z } from 'zod';
import { list, optional, positiveInt, url, type ConfigSection } from '../../src/config.js';

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
  DISCORD_AUTO_REPLY_CHANNELS: list,
  /** Set to true once the Message Content intent is enabled in the Developer Portal (Bot page). */
  DISCORD_MESSAGE_CONTENT: optional.refine(
    (value) => value === undefined || /^(true|false|1|0)$/i.test(value),
    'must be true or false',
  ),
  DISCORD_SOLVED_TAG: optional,
  /** Off by default; Discord requires sharding from 2,500 servers on (one gateway session may hold no more). */
  DISCORD_SHARDS: optional.refine(
    (value) => value === undefined || value === 'auto' || /^[1-9]\d*$/.test(value),
    'must be "auto" (the count Discord recommends) or a number of shards (1 or more)',
  ),
  /** Set by discord.js in the shard processes its ShardingManager spawns (not for operators). */
  SHARDING_MANAGER: optional,
};

const discordEnvSchema = z.object(discordEnvShape);

export interface DiscordConfig {
  token: string;
  applicationId: string | undefined;
  guildId: string | undefined;
  moderatorRole: string | undefined;
  apiUrl: string | undefined;
  cooldownSeconds: number;
  /** Forum and text channel ids where automatic replies are always on (issue 13); moderators add more by command. */
  autoReplyChannels?: string[] | undefined;
  /** The privileged Message Content intent is enabled: text channels and forum posts' first messages can be read. */
  messageContent?: boolean | undefined;
  /** The forum tag (name or id) "✅ Solved" applies; default "Solved". */
  solvedTag?: string | undefined;
  /**
   * DISCORD_SHARDS: run the gateway connections in that many shard processes (discord.js's
   * ShardingManager); undefined runs one connection in this process.
   */
  shards: 'auto' | number | undefined;
  /** This process is a shard spawned by the manager: it connects to Discord and runs nothing else. */
  isShard: boolean;
}

/** Discord is configured when DISCORD_TOKEN is set. */
export function discordConfig(e: z.infer<typeof discordEnvSchema>): ConfigSection<DiscordConfig | null> {
  if (!e.DISCORD_TOKEN) return { value: null, problems: [] };
  const problems: string[] = [];
  const badChannel = e.DISCORD_AUTO_REPLY_CHANNELS.find((id) => !/^\d{15,25}$/.test(id));
  if (badChannel) problems.push(`DISCORD_AUTO_REPLY_CHANNELS: "${badChannel}" is not a Discord channel id (digits)`);
  return {
    value: {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      guildId: e.DISCORD_GUILD_ID,
      moderatorRole: e.DISCORD_MODERATOR_ROLE,
      apiUrl: e.DISCORD_API_URL,
      cooldownSeconds: e.DISCORD_COOLDOWN_SECONDS,
      ...(e.DISCORD_AUTO_REPLY_CHANNELS.length > 0 ? { autoReplyChannels: e.DISCORD_AUTO_REPLY_CHANNELS } : {}),
      ...(e.DISCORD_MESSAGE_CONTENT ? { messageContent: /^(true|1)$/i.test(e.DISCORD_MESSAGE_CONTENT) } : {}),
      ...(e.DISCORD_SOLVED_TAG ? { solvedTag: e.DISCORD_SOLVED_TAG } : {}),
      shards: e.DISCORD_SHARDS === undefined || e.DISCORD_SHARDS === 'auto' ? e.DISCORD_SHARDS : Number(e.DISCORD_SHARDS),
      isShard: e.SHARDING_MANAGER === 'true',
    },
    problems,
  };
}
