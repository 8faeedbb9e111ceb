import { pathToFileURL } from 'node:url';
import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { loadDotEnv, parseEnv } from '../../src/config.js';
import { discordConfig, discordEnvShape, type DiscordConfig } from './config.js';
import { CareerbotError, isCareerbotError } from '../../src/errors.js';
import { commandDefinitions } from './handlers.js';

/**
 * `npm run discord:deploy`: register the slash and context-menu commands. With DISCORD_GUILD_ID
 * they go to that server (visible at once: for trying things out); otherwise globally (every server
 * the bot is in; Discord may take a while to show changes). Registration replaces the whole list,
 * so running it twice is harmless. The bot never does this on start.
 */

export interface DeployResult {
  scope: 'guild' | 'global';
  guildId: string | undefined;
  commands: RESTPutAPIApplicationCommandsResult;
}

export async function deployCommands(config: DiscordConfig, rest?: REST): Promise<DeployResult> {
  if (!config.applicationId) {
    throw new CareerbotError(
      'careerbot_config_invalid',
      'DISCORD_APPLICATION_ID: required to register commands (Developer Portal > your application > General Information > Application ID)',
    );
  }
  const client = rest ?? new REST(config.apiUrl ? { api: config.apiUrl.replace(/\/+$/, '') } : {}).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const commands = (await client.put(route, { body: commandDefinitions() })) as RESTPutAPIApplicationCommandsResult;
  return { scope: config.guildId ? 'guild' : 'global', guildId: config.guildId, commands };
}

/** Read configuration from an environment object, deploy, and describe the outcome in one line. */
export async function deployFromEnv(env: Record<string, string | undefined>): Promise<string> {
  // Only Discord's variables matter here: a Slack problem must not stop a Discord deploy.
  const discord = parseEnv(discordEnvShape, env, discordConfig);
  if (!discord) {
    throw new CareerbotError(
      'careerbot_config_invalid',
      'DISCORD_TOKEN: required to register commands (the bot token from the Developer Portal > Bot page)',
    );
  }
  const result = await deployCommands(discord);
  const names = result.commands.map((command) => command.name).join(', ');
  return result.scope === 'guild'
    ? `Registered ${result.commands.length} commands in server ${result.guildId} (usable now): ${names}`
    : `Registered ${result.commands.length} global commands (new servers see them at once; changes can take a while to show): ${names}`;
}

async function main(): Promise<number> {
  try {
    loadDotEnv();
    process.stdout.write(`${await deployFromEnv(process.env)}\n`);
    return 0;
  } catch (error) {
    // Configuration problems name the variable; Discord's errors say what it refused.
    const message = isCareerbotError(error) ? error.message : `Discord refused the commands: ${(error as Error).message}`;
    process.stderr.write(`discord:deploy: ${message}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
