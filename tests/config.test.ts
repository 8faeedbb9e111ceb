import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, readConfig } from '../app/config.js';
import { CareerbotError } from '../src/errors.js';

const ROOT = path.resolve(import.meta.dirname, '..');

const SLACK_HTTP = { SLACK_BOT_TOKEN: 'xoxb-111-222-abc', SLACK_SIGNING_SECRET: 'shh-signing-secret' };

/** Runs `readConfig` and returns the error it throws (failing the test when it does not throw). */
function configError(env: Record<string, string | undefined>): CareerbotError {
  try {
    readConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(CareerbotError);
    return error as CareerbotError;
  }
  throw new Error(`readConfig accepted ${JSON.stringify(env)}`);
}

describe('readConfig', () => {
  it('has defaults for an empty environment: the shipped knowledge, no chat platforms', () => {
    const config = readConfig({});
    expect(PROJECT_ROOT).toBe(ROOT);
    expect(config).toEqual({
      knowledgeDir: path.join(ROOT, 'knowledge'),
      logLevel: 'info',
      dataDir: path.join(ROOT, 'data'),
      databaseUrl: undefined,
      rateLimitPerMinute: 10,
      slack: null,
      discord: null,
    });
  });

  it('treats empty and blank variables as unset', () => {
    const config = readConfig({
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: '  ',
      DISCORD_TOKEN: '',
      DISCORD_GUILD_ID: '',
      PORT: '',
      KNOWLEDGE_DIR: ' ',
    });
    expect(config.slack).toBeNull();
    expect(config.discord).toBeNull();
    expect(config.knowledgeDir).toBe(path.join(ROOT, 'knowledge'));
  });

  it('ignores variables it does not know (the environment is full of them)', () => {
    expect(readConfig({ HOME: '/home/me', PATH: '/usr/bin', npm_config_foo: 'x' }).slack).toBeNull();
  });

  it('resolves KNOWLEDGE_DIR and DATA_DIR to absolute paths; the --knowledge override wins', () => {
    const config = readConfig({ KNOWLEDGE_DIR: 'community/faq', DATA_DIR: 'var/data' });
    expect(config.knowledgeDir).toBe(path.resolve('community/faq'));
    expect(config.dataDir).toBe(path.resolve('var/data'));
    expect(readConfig({ KNOWLEDGE_DIR: '/from/env' }, { knowledgeDir: '/from/flag' }).knowledgeDir).toBe(
      path.resolve('/from/flag'),
    );
    expect(readConfig({ KNOWLEDGE_DIR: '/from/env' }, { knowledgeDir: undefined }).knowledgeDir).toBe(path.resolve('/from/env'));
  });

  it('builds the Slack section in HTTP mode', () => {
    const config = readConfig({
      ...SLACK_HTTP,
      SLACK_MODERATORS: 'U012AB3CD, W0456, S0GROUP1',
      SLACK_API_URL: 'http://127.0.0.1:4000/api/',
      PORT: '8080',
      LOG_LEVEL: 'debug',
    });
    expect(config.logLevel).toBe('debug');
    expect(config.slack).toEqual({
      botToken: 'xoxb-111-222-abc',
      signingSecret: 'shh-signing-secret',
      appToken: undefined,
      moderators: ['U012AB3CD', 'W0456', 'S0GROUP1'],
      apiUrl: 'http://127.0.0.1:4000/api/',
      port: 8080,
    });
    expect(config.discord).toBeNull();
  });

  it('builds the Slack section in Socket Mode (app token, no signing secret)', () => {
    const config = readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A' });
    expect(config.slack).toMatchObject({ botToken: 'xoxb-1', appToken: 'xapp-1-A', signingSecret: undefined, port: 3000 });
  });

  it('builds the Discord section', () => {
    const config = readConfig({
      DISCORD_TOKEN: 'discord-bot-token',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_GUILD_ID: '876543210987654321',
      DISCORD_MODERATOR_ROLE: 'Moderators',
      DISCORD_COOLDOWN_SECONDS: '30',
      RATE_LIMIT_PER_MINUTE: '5',
    });
    expect(config.slack).toBeNull();
    expect(config.rateLimitPerMinute).toBe(5);
    expect(config.discord).toEqual({
      token: 'discord-bot-token',
      applicationId: '123456789012345678',
      guildId: '876543210987654321',
      moderatorRole: 'Moderators',
      apiUrl: undefined,
      cooldownSeconds: 30,
      shards: undefined,
      isShard: false,
    });
  });

  it.each<[string, 'auto' | number]>([
    ['auto', 'auto'],
    ['1', 1],
    ['4', 4],
  ])('reads DISCORD_SHARDS=%s', (value, shards) => {
    expect(readConfig({ DISCORD_TOKEN: 'discord-bot-token', DISCORD_SHARDS: value }).discord?.shards).toBe(shards);
  });

  it('builds both sections when both platforms are configured', () => {
    const config = readConfig({ ...SLACK_HTTP, DISCORD_TOKEN: 'discord-bot-token' });
    expect(config.slack?.botToken).toBe('xoxb-111-222-abc');
    expect(config.discord?.token).toBe('discord-bot-token');
  });

  it.each<[string, Record<string, string>, string]>([
    ['SLACK_BOT_TOKEN without xoxb-', { SLACK_BOT_TOKEN: 'xoxp-user-token-1234', SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN'],
    ['SLACK_APP_TOKEN without xapp-', { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-wrong-kind' }, 'SLACK_APP_TOKEN'],
    ['SLACK_API_URL not a URL', { SLACK_API_URL: 'localhost port 4000' }, 'SLACK_API_URL'],
    ['DISCORD_API_URL not a URL', { DISCORD_API_URL: 'not a url' }, 'DISCORD_API_URL'],
    ['DISCORD_SHARDS zero', { DISCORD_TOKEN: 't', DISCORD_SHARDS: '0' }, 'DISCORD_SHARDS'],
    ['DISCORD_SHARDS not a count', { DISCORD_TOKEN: 't', DISCORD_SHARDS: 'many' }, 'DISCORD_SHARDS'],
    ['PORT not a number', { PORT: 'eighty' }, 'PORT'],
    ['PORT a fraction', { PORT: '80.5' }, 'PORT'],
    ['PORT negative', { PORT: '-1' }, 'PORT'],
    ['PORT too large', { PORT: '70000' }, 'PORT'],
    ['LOG_LEVEL bad', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    ['LOG_LEVEL in capitals', { LOG_LEVEL: 'DEBUG' }, 'LOG_LEVEL'],
    [
      'SLACK_MODERATORS with a name instead of an id',
      { ...SLACK_HTTP, SLACK_MODERATORS: 'U012AB3CD,@alice' },
      'SLACK_MODERATORS',
    ],
    ['SLACK_MODERATORS with a channel id', { ...SLACK_HTTP, SLACK_MODERATORS: 'C0123ABCD' }, 'SLACK_MODERATORS'],
    ['DISCORD_GUILD_ID not digits', { DISCORD_TOKEN: 't', DISCORD_GUILD_ID: 'my-server' }, 'DISCORD_GUILD_ID'],
    ['DISCORD_APPLICATION_ID not digits', { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: 'abc' }, 'DISCORD_APPLICATION_ID'],
    ['DISCORD_COOLDOWN_SECONDS not a number', { DISCORD_COOLDOWN_SECONDS: 'a minute' }, 'DISCORD_COOLDOWN_SECONDS'],
    ['RATE_LIMIT_PER_MINUTE not a number', { RATE_LIMIT_PER_MINUTE: 'ten' }, 'RATE_LIMIT_PER_MINUTE'],
    ['SLACK_BOT_TOKEN missing when SLACK_SIGNING_SECRET is set', { SLACK_SIGNING_SECRET: 'shh' }, 'SLACK_BOT_TOKEN'],
    ['SLACK_BOT_TOKEN missing when SLACK_APP_TOKEN is set', { SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_BOT_TOKEN'],
    ['SLACK_SIGNING_SECRET missing in HTTP mode', { SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET'],
  ])('%s throws careerbot_config_invalid naming the variable', (_what, env, variable) => {
    const error = configError(env);
    expect(error.code).toBe('careerbot_config_invalid');
    expect(error.message).toMatch(new RegExp(`^\\s+${variable}: \\S`, 'm'));
    // Errors go to logs and terminals: never echo a secret's value back.
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN'] as const) {
      const value = env[name];
      if (value && value.length > 3) expect(error.message).not.toContain(value);
    }
  });

  it('reports every malformed variable at once, not just the first', () => {
    const error = configError({ PORT: 'x', LOG_LEVEL: 'loud', SLACK_API_URL: 'nope', DISCORD_GUILD_ID: 'abc' });
    for (const variable of ['PORT', 'LOG_LEVEL', 'SLACK_API_URL', 'DISCORD_GUILD_ID']) {
      expect(error.message).toMatch(new RegExp(`^\\s+${variable}: `, 'm'));
    }
  });

  it.each(['postgres://bot:pw@db.internal:5432/careerbot', 'postgresql://127.0.0.1/careerbot?sslmode=disable'])(
    'takes DATABASE_URL %s as the shared store',
    (url) => {
      expect(readConfig({ DATABASE_URL: ` ${url} ` }).databaseUrl).toBe(url);
    },
  );

  it.each(['mysql://bot:hunter2@db/careerbot', 'db.example:5432/careerbot', 'postgres://bot:hunter2@[bad'])(
    'refuses DATABASE_URL %s, naming the variable and never echoing the value',
    (url) => {
      const error = configError({ DATABASE_URL: url });
      expect(error.code).toBe('careerbot_config_invalid');
      expect(error.message).toMatch(/DATABASE_URL: must be a PostgreSQL URL/);
      expect(error.message).not.toContain('hunter2');
      expect(error.message).not.toContain(url);
    },
  );
});
