import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { FakeDiscord } from '../fakes/discord-server.js';
import { GUILD } from './harness.js';

/**
 * DISCORD_SHARDS=2 through `careerbot start`: discord.js's ShardingManager spawns two shard processes,
 * each identifies to the (fake) gateway with its own shard id and the count, and SIGTERM stops them all.
 * The fake gateway serves one session's events to whoever identifies and does not split servers by
 * shard, so which shard receives which server's interactions (Discord's side) is not tested here.
 */

let fake: FakeDiscord;
let work: string;
let child: ChildProcess;
let stderr = '';

function lines(): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 150_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  fake = await new FakeDiscord({ guilds: [GUILD] }).start();
  work = await mkdtemp(path.join(tmpdir(), 'careerbot-shards-'));
  child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin/careerbot.js'), 'start'], {
    cwd: work,
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: 'shard-test-token',
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_SHARDS: '2',
      LOG_LEVEL: 'info',
      DATA_DIR: path.join(work, 'data'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
}, 10_000);

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
  await fake.close();
  await rm(work, { recursive: true, force: true });
});

describe('DISCORD_SHARDS', () => {
  it('spawns one process per shard, each identifying with its shard id, and stops them all on SIGTERM', async () => {
    await until('discord shards ready', () => lines().find((line) => line.msg === 'discord shards ready'));
    const identified = fake.framesWithOp(2).map((frame) => (frame.d as { shard?: [number, number] }).shard);
    expect(identified.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const ready = lines().filter((line) => line.msg === 'discord adapter ready');
    expect(ready).toHaveLength(2);
    // Each shard is its own process.
    expect(new Set(ready.map((line) => line.pid)).size).toBe(2);
    expect(ready.map((line) => line.pid)).not.toContain(child.pid);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines().filter((line) => line.msg === 'discord adapter stopped')).toHaveLength(2);
    // Generous: two shard processes start 5.5 s apart and each loads the knowledge; a busy machine is slow.
  }, 180_000);
});
