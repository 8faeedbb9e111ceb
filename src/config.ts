import path from 'node:path';
import { z } from 'zod';
import { CareerbotError } from './errors.js';

/**
 * All configuration, read once from an environment object and validated. Errors name the
 * variable to fix. Adapters receive their section; nothing else reads `process.env`.
 */

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

const optional = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const token = (prefix: string, what: string) =>
  optional.refine((value) => value === undefined || value.startsWith(prefix), `must be ${what} (it starts with "${prefix}")`);

const url = optional.refine(
  (value) => value === undefined || URL.canParse(value),
  'must be a URL such as http://127.0.0.1:3000/api/',
);

const positiveInt = (fallback: number) =>
  optional.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0) {
      ctx.addIssue({ code: 'custom', message: 'must be a whole number' });
      return z.NEVER;
    }
    return parsed;
  });

const list = optional.transform((value) =>
  (value ?? '')
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== ''),
);

const envSchema = z.object({
  KNOWLEDGE_DIR: optional,
  LOG_LEVEL: z
    .enum(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'must be one of fatal, error, warn, info, debug, trace, silent',
    )
    .optional(),
  PORT: positiveInt(3000).refine((port) => port <= 65535, 'must be a port number (0-65535)'),
  SLACK_BOT_TOKEN: token('xoxb-', 'a Slack bot token'),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: token('xapp-', 'a Slack app-level token'),
  SLACK_MODERATORS: list,
  SLACK_API_URL: url,
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional.refine(
    (value) => value === undefined || /^\d{15,25}$/.test(value),
    'must be a Discord application id (digits)',
  ),
  DISCORD_GUILD_ID: optional.refine(
    (value) => value === undefined || /^\d{15,25}$/.test(value),
    'must be a Discord server id (digits)',
  ),
  DISCORD_MODERATOR_ROLE: optional,
  DISCORD_API_URL: url,
  DISCORD_COOLDOWN_SECONDS: positiveInt(60),
  RATE_LIMIT_PER_MINUTE: positiveInt(10),
  DATA_DIR: optional,
  DATABASE_URL: optional.refine(
    (value) => value === undefined || (/^postgres(ql)?:\/\//i.test(value) && URL.canParse(value)),
    // Never echo the value: it holds the database password.
    'must be a PostgreSQL URL such as postgres://careerbot:PASSWORD@db.internal:5432/careerbot',
  ),
});

export interface SlackConfig {
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  /** Slack user ids (U…/W…) and user group ids (S…) allowed to use moderator features. */
  moderators: string[];
  apiUrl: string | undefined;
  port: number;
}

export interface DiscordConfig {
  token: string;
  applicationId: string | undefined;
  guildId: string | undefined;
  moderatorRole: string | undefined;
  apiUrl: string | undefined;
  cooldownSeconds: number;
}

export interface Config {
  knowledgeDir: string;
  logLevel: string;
  dataDir: string;
  /** The shared PostgreSQL store; undefined: the embedded SQLite file in `dataDir`. Holds a password: never log it. */
  databaseUrl: string | undefined;
  rateLimitPerMinute: number;
  slack: SlackConfig | null;
  discord: DiscordConfig | null;
}

function fail(problems: string[]): never {
  throw new CareerbotError(
    'careerbot_config_invalid',
    `configuration is invalid:\n${problems.map((problem) => `  ${problem}`).join('\n')}\n(set these in the environment or in .env; see .env.example)`,
  );
}

/** Parse and validate configuration from an environment object (pure: pass `process.env` or a test's object). */
export function readConfig(
  env: Record<string, string | undefined>,
  overrides: { knowledgeDir?: string | undefined } = {},
): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    fail(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  let slack: SlackConfig | null = null;
  if (e.SLACK_BOT_TOKEN) {
    if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
      problems.push('SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN to use Socket Mode)');
    }
    const badModerator = e.SLACK_MODERATORS.find((id) => !/^[UWS][A-Z0-9]{2,}$/.test(id));
    if (badModerator) problems.push(`SLACK_MODERATORS: "${badModerator}" is not a Slack user id (U…/W…) or user group id (S…)`);
    slack = {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      moderators: e.SLACK_MODERATORS,
      apiUrl: e.SLACK_API_URL,
      port: e.PORT,
    };
  } else if (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_BOT_TOKEN: required when other SLACK_ variables are set (it starts with "xoxb-")');
  }
  let discord: DiscordConfig | null = null;
  if (e.DISCORD_TOKEN) {
    discord = {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      guildId: e.DISCORD_GUILD_ID,
      moderatorRole: e.DISCORD_MODERATOR_ROLE,
      apiUrl: e.DISCORD_API_URL,
      cooldownSeconds: e.DISCORD_COOLDOWN_SECONDS,
    };
  }
  if (problems.length > 0) fail(problems);
  return {
    knowledgeDir: path.resolve(overrides.knowledgeDir ?? e.KNOWLEDGE_DIR ?? path.join(PROJECT_ROOT, 'knowledge')),
    logLevel: e.LOG_LEVEL ?? 'info',
    dataDir: path.resolve(e.DATA_DIR ?? path.join(PROJECT_ROOT, 'data')),
    databaseUrl: e.DATABASE_URL,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    slack,
    discord,
  };
}

/** `.env` in the working directory, if present, fills variables the environment does not set. */
export function loadDotEnv(file = path.resolve('.env')): void {
  try {
    process.loadEnvFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new CareerbotError('careerbot_config_invalid', `cannot read ${file}: ${(error as Error).message}`, { cause: error });
    }
  }
}

/** Where trained matcher weights are cached between runs. */
export function matcherCacheDir(config: Config): string {
  return path.join(config.dataDir, 'cache');
}
