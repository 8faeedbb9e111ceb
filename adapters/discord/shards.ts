import { ShardingManager, type Shard } from 'discord.js';
import type { Logger } from '../../src/logger.js';
import type { RunningAdapter } from '../../src/ports.js';
import type { DiscordConfig } from './config.js';

/** discord.js's recommended pause between shard logins (Discord allows one IDENTIFY per 5 s per bucket). */
export const SHARD_SPAWN_DELAY_MS = 5_500;

/**
 * DISCORD_SHARDS: discord.js's own ShardingManager spawns one process per shard, each running `file`
 * with `args` (careerbot start); discord.js tells each child its shard id and count, and the child's
 * client identifies with them, so Discord sends every shard only its servers' events. Shards that die
 * are respawned; `stop()` stops respawning and lets every shard drain (SIGTERM) before it exits.
 */
export async function startDiscordShards(options: {
  config: DiscordConfig & { shards: 'auto' | number };
  logger: Logger;
  file: string;
  args: string[];
  spawnDelayMs?: number | undefined;
}): Promise<RunningAdapter & { manager: ShardingManager }> {
  const log = options.logger.child({ platform: 'discord' });
  const manager = new ShardingManager(options.file, {
    token: options.config.token,
    totalShards: options.config.shards,
    shardArgs: options.args,
    mode: 'process',
    respawn: true,
  });
  manager.on('shardCreate', (shard: Shard) => {
    log.info({ shard: shard.id, shards: manager.totalShards }, 'discord shard spawned');
    shard.on('death', () => {
      if (manager.respawn) log.warn({ shard: shard.id }, 'discord shard exited; respawning');
    });
  });
  await manager.spawn({ delay: options.spawnDelayMs ?? SHARD_SPAWN_DELAY_MS, timeout: 60_000 });
  log.info({ shards: manager.totalShards }, 'discord shards ready');
  return {
    name: 'discord-shards',
    manager,
    async stop() {
      manager.respawn = false;
      await Promise.all(
        [...manager.shards.values()].map(async (shard) => {
          const child = shard.process;
          if (!child || child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          await exited;
        }),
      );
      log.info('discord shards stopped');
    },
  };
}
