import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { slashCommand, stringOption, type FakeUser, type Where } from '../fakes/discord-interactions.js';
import { FakeDiscord, shardOfGuild, type FakeGuild } from '../fakes/discord-server.js';
import { createTestDatabase, PG_ADMIN_URL, reportPgSkip } from '../support/store.js';
import { CALLBACK, EPHEMERAL, GUILD, USERS, isCallback } from './harness.js';

/**
 * DISCORD_SHARDS=2 through `careerbot start`: discord.js's ShardingManager spawns two shard processes,
 * each identifies to the (fake) gateway with its own shard id and the count, and the fake, like
 * Discord, gives each only the servers it owns ((guild_id >> 22) % 2) and sends each server's
 * interactions only on its shard's connection. Each shard answers its own servers' interactions; on
 * PostgreSQL they share one store (one user's rate limit spans both). SIGTERM stops them all.
 */

reportPgSkip();

/** A second server, owned by shard 1 (GUILD is owned by shard 0). */
const SECOND_GUILD: FakeGuild = {
  id: String(BigInt(GUILD.id) + (1n << 22n)),
  name: 'Backend careers, the other one',
  roles: GUILD.roles,
  channels: [{ id: '810000000000000200', name: 'general' }],
};
const IN_FIRST: Where = { guildId: GUILD.id, channelId: GUILD.channels[0]!.id };
const IN_SECOND: Where = { guildId: SECOND_GUILD.id, channelId: SECOND_GUILD.channels[0]!.id };
const QUESTION = 'is sql a backend language?';
const ask = (user: FakeUser, where: Where) =>
  slashCommand(user, where, { name: 'career', subcommand: 'ask', options: [stringOption('question', QUESTION)] });
/** Generous: two shard processes start 5.5 s apart and each loads the knowledge; a busy machine is slow. */
const SLOW = 150_000;

let fake: FakeDiscord;
let work: string;
let child: ChildProcess;
let stderr = '';
let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

function lines(): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = SLOW): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The shard processes' "ready" lines, once both are in. */
const readyLines = () =>
  until('both shards ready', () => {
    const ready = lines().filter((line) => line.msg === 'discord adapter ready');
    return ready.length === 2 ? ready : undefined;
  });

/** The pid of the process that logged the answer to an interaction. */
const answeredBy = async (interactionId: string) =>
  (
    await until(`the answer to ${interactionId}`, () =>
      lines().find((l) => l.msg === 'answered' && l.interactionId === interactionId),
    )
  ).pid;

beforeAll(async () => {
  fake = await new FakeDiscord({ guilds: [GUILD, SECOND_GUILD], shards: 2 }).start();
  work = await mkdtemp(path.join(tmpdir(), 'careerbot-shards-'));
  // On PostgreSQL the shards share it; otherwise each reads the one SQLite file with its own limits.
  if (PG_ADMIN_URL) database = await createTestDatabase();
  child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin/careerbot.js'), 'start'], {
    cwd: work,
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: 'shard-test-token',
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_SHARDS: '2',
      LOG_LEVEL: 'info',
      DATA_DIR: path.join(work, 'data'),
      RATE_LIMIT_PER_MINUTE: '1',
      ...(database ? { DATABASE_URL: database.url } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
}, 30_000);

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
  await fake.close();
  await database?.drop();
  await rm(work, { recursive: true, force: true });
});

describe('DISCORD_SHARDS', () => {
  it('spawns one process per shard, each identifying with its shard id and holding only its servers', async () => {
    expect([GUILD, SECOND_GUILD].map((guild) => shardOfGuild(guild.id, 2))).toEqual([0, 1]);
    await until('discord shards ready', () => lines().find((line) => line.msg === 'discord shards ready'));
    const identified = fake.framesWithOp(2).map((frame) => (frame.d as { shard?: [number, number] }).shard);
    expect(identified.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const ready = await readyLines();
    // Each shard is its own process, and each holds one of the two servers.
    expect(new Set(ready.map((line) => line.pid)).size).toBe(2);
    expect(ready.map((line) => line.pid)).not.toContain(child.pid);
    expect(ready.map((line) => [line.shards, line.shardCount, line.guilds]).sort()).toEqual([
      [[0], 2, 1],
      [[1], 2, 1],
    ]);
    expect(fake.deliveries.filter((d) => d.t === 'GUILD_CREATE').map((d) => [d.guildId, d.shard])).toEqual(
      expect.arrayContaining([
        [GUILD.id, 0],
        [SECOND_GUILD.id, 1],
      ]),
    );
  }, 180_000);

  it("sends each server's interactions to its own shard only, and that shard's process answers them", async () => {
    const ready = await readyLines();
    const pidOf = (shard: number) => ready.find((line) => (line.shards as number[])[0] === shard)?.pid;
    const { knowledge } = await loadKnowledge(path.join(PROJECT_ROOT, 'knowledge'));
    const title = knowledge.topics.find((topic) => topic.id === 'sql-backend-language')!.title;

    const first = ask(USERS.alice, IN_FIRST);
    const second = ask(USERS.bob, IN_SECOND);
    for (const interaction of [first, second]) {
      const answer = await fake.interact(interaction, isCallback(interaction), SLOW);
      expect(answer.body.type).toBe(CALLBACK.reply);
      expect(answer.body.data.flags ?? 0).toBe(0);
      expect(answer.body.data.embeds[0].title).toBe(title);
    }
    expect(fake.deliveries.filter((d) => d.t === 'INTERACTION_CREATE')).toEqual([
      { t: 'INTERACTION_CREATE', shard: 0, guildId: GUILD.id },
      { t: 'INTERACTION_CREATE', shard: 1, guildId: SECOND_GUILD.id },
    ]);
    expect(await answeredBy(first.id)).toBe(pidOf(0));
    expect(await answeredBy(second.id)).toBe(pidOf(1));
  }, 180_000);

  it.skipIf(!PG_ADMIN_URL)(
    'on PostgreSQL both shards use one store: a rate limit spans servers, and both record',
    async () => {
      // Alice's one question a minute was answered on shard 0: shard 1 refuses her next, in the other server.
      const again = ask(USERS.alice, IN_SECOND);
      const limited = await fake.interact(again, isCallback(again), SLOW);
      expect(limited.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(limited.body.data.embeds[0].description).toMatch(/asking faster than I can keep up/);
      expect(fake.deliveries.at(-1)).toEqual({ t: 'INTERACTION_CREATE', shard: 1, guildId: SECOND_GUILD.id });
      const store = await openPostgresStore(database!.url);
      try {
        // One answered question counted by each shard's process.
        expect(await store.answeredSince(0)).toEqual([{ topicId: 'sql-backend-language', count: 2 }]);
      } finally {
        await store.close();
      }
    },
    180_000,
  );

  it('stops every shard on SIGTERM', async () => {
    await readyLines();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines().filter((line) => line.msg === 'discord adapter stopped')).toHaveLength(2);
  }, 60_000);
});
