import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands, deployFromEnv } from '../../adapters/discord/deploy.js';
import { PROJECT_ROOT, readConfig } from '../../app/config.js';
import { APPLICATION_ID, FakeDiscord } from '../fakes/discord-server.js';

/** `npm run discord:deploy` against the fake REST API: the exact command JSON Discord receives. */

const GUILD_ID = '810000000000000001';
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await new FakeDiscord().start();
});
afterAll(async () => {
  await fake?.close();
});

function env(extra: Record<string, string> = {}) {
  return { DISCORD_TOKEN: 'deploy-token', DISCORD_API_URL: fake.apiUrl, DISCORD_APPLICATION_ID: APPLICATION_ID, ...extra };
}

const PUBLIC_CONTEXTS = [0, 1]; // guild, bot DM
const GUILD_CONTEXT = [0];
const MANAGE_MESSAGES = '8192';

/** The commands as Discord should see them, written out by hand. */
const EXPECTED = [
  {
    name: 'career',
    type: 1,
    contexts: PUBLIC_CONTEXTS,
    integration_types: [0],
    default_member_permissions: undefined,
    options: [
      {
        type: 1,
        name: 'ask',
        options: [
          { type: 3, name: 'question', required: true, autocomplete: true, max_length: 500 },
          { type: 5, name: 'private', required: false },
        ],
      },
      { type: 1, name: 'topics' },
      { type: 1, name: 'help' },
    ],
  },
  {
    name: 'career-link',
    type: 1,
    contexts: GUILD_CONTEXT,
    integration_types: [0],
    default_member_permissions: MANAGE_MESSAGES,
    options: [
      { type: 3, name: 'topic', required: true, autocomplete: true },
      { type: 6, name: 'user', required: false },
      { type: 3, name: 'question', required: false, max_length: 500 },
    ],
  },
  {
    name: 'career-report',
    type: 1,
    contexts: GUILD_CONTEXT,
    integration_types: [0],
    default_member_permissions: MANAGE_MESSAGES,
    options: [{ type: 4, name: 'days', required: false, min_value: 1, max_value: 3650 }],
  },
  {
    name: 'career-autoreply',
    type: 1,
    contexts: GUILD_CONTEXT,
    integration_types: [0],
    default_member_permissions: MANAGE_MESSAGES,
    options: [
      { type: 3, name: 'mode', required: true },
      { type: 7, name: 'channel', required: false, channel_types: [15, 0] },
    ],
  },
  {
    name: 'Answer with career FAQ',
    type: 3,
    contexts: GUILD_CONTEXT,
    integration_types: [0],
    default_member_permissions: MANAGE_MESSAGES,
  },
];

describe('discord:deploy', () => {
  it('PUTs the commands to one guild when DISCORD_GUILD_ID is set', async () => {
    const line = await deployFromEnv(env({ DISCORD_GUILD_ID: GUILD_ID }));
    expect(line).toMatch(/^Registered 5 commands in server 810000000000000001/);
    const put = fake.requests.findLast((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`);
    expect(put.authorization).toBe('Bot deploy-token');
    expect(put.body).toHaveLength(EXPECTED.length);
    for (const [i, expected] of EXPECTED.entries()) {
      const { options, ...top } = expected;
      const sent = put.body[i];
      expect(sent).toMatchObject(Object.fromEntries(Object.entries(top).filter(([, v]) => v !== undefined)));
      if (top.default_member_permissions === undefined) expect(sent.default_member_permissions ?? null).toBeNull();
      if (options) expect(sent.options).toMatchObject(options);
      expect(sent.name.length).toBeLessThanOrEqual(32);
      if (sent.type === 1) {
        expect(sent.name).toMatch(/^[-_a-z0-9]{1,32}$/);
        expect(sent.description.length).toBeGreaterThan(0);
        expect(sent.description.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('PUTs them globally without DISCORD_GUILD_ID', async () => {
    const result = await deployCommands(readConfig(env()).discord!);
    expect(result.scope).toBe('global');
    const put = fake.requests.findLast((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/applications/${APPLICATION_ID}/commands`);
    expect(put.body.map((c: { name: string }) => c.name)).toEqual(EXPECTED.map((c) => c.name));
  });

  it('names DISCORD_APPLICATION_ID (or DISCORD_TOKEN) when it is missing', async () => {
    await expect(deployFromEnv({ DISCORD_TOKEN: 'x', DISCORD_API_URL: fake.apiUrl })).rejects.toThrow(/DISCORD_APPLICATION_ID/);
    await expect(deployFromEnv({ DISCORD_APPLICATION_ID: APPLICATION_ID })).rejects.toThrow(/DISCORD_TOKEN/);
  });

  describe('as a script', () => {
    let cwd: string;
    // A directory without a .env, so a developer's own .env cannot leak into the test.
    beforeAll(async () => {
      cwd = await mkdtemp(path.join(os.tmpdir(), 'careerbot-deploy-'));
    });
    afterAll(async () => {
      await rm(cwd, { recursive: true, force: true });
    });
    const run = (variables: Record<string, string>) =>
      promisify(execFile)(
        process.execPath,
        [path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(PROJECT_ROOT, 'adapters/discord/deploy.ts')],
        { cwd, env: { PATH: process.env.PATH ?? '', ...variables }, timeout: 30_000 },
      );

    it('registers the commands and says where', async () => {
      const before = fake.requests.length;
      const { stdout } = await run(env({ DISCORD_GUILD_ID: GUILD_ID }));
      expect(stdout).toMatch(/Registered 5 commands in server/);
      expect(fake.requests.slice(before).filter((r) => r.method === 'PUT')).toHaveLength(1);
    });

    it('exits non-zero, naming DISCORD_APPLICATION_ID, when it is missing', async () => {
      const failure = await run({ DISCORD_TOKEN: 'x', DISCORD_API_URL: fake.apiUrl }).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure).toMatchObject({ code: 1 });
      expect((failure as { stderr: string }).stderr).toMatch(/^discord:deploy: DISCORD_APPLICATION_ID: required/);
    });
  });
});
