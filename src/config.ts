import path from 'node:path';
import { z } from 'zod';
import { CareerbotError } from './errors.js';

/**
 * The core's configuration: its schema, the field helpers every part's schema uses, and where data
 * lives. The adapters declare their own sections (adapters/<platform>/config.ts); the app composes
 * them into one pure `readConfig(env)` (app/config.ts). Errors name the variable to fix.
 */

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

/** A trimmed string; empty counts as unset. */
export const optional = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

export const url = optional.refine(
  (value) => value === undefined || URL.canParse(value),
  'must be a URL such as http://127.0.0.1:3000/api/',
);

export const positiveInt = (fallback: number) =>
  optional.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0) {
      ctx.addIssue({ code: 'custom', message: 'must be a whole number' });
      return z.NEVER;
    }
    return parsed;
  });

export const list = optional.transform((value) =>
  (value ?? '')
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== ''),
);

/** The core's variables. */
export const coreEnvShape = {
  KNOWLEDGE_DIR: optional,
  LOG_LEVEL: z
    .enum(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'must be one of fatal, error, warn, info, debug, trace, silent',
    )
    .optional(),
  RATE_LIMIT_PER_MINUTE: positiveInt(10),
  DATA_DIR: optional,
  DATABASE_URL: optional.refine(
    (value) => value === undefined || (/^postgres(ql)?:\/\//i.test(value) && URL.canParse(value)),
    // Never echo the value: it holds the database password.
    'must be a PostgreSQL URL such as postgres://careerbot:PASSWORD@db.internal:5432/careerbot',
  ),
};

const coreEnvSchema = z.object(coreEnvShape);

/** One part's section: from the validated variables, a value (null: not configured) and the problems found. */
export interface ConfigSection<T> {
  value: T;
  problems: string[];
}

export interface CoreConfig {
  knowledgeDir: string;
  logLevel: string;
  dataDir: string;
  /** The shared PostgreSQL store; undefined: the embedded SQLite file in `dataDir`. Holds a password: never log it. */
  databaseUrl: string | undefined;
  rateLimitPerMinute: number;
}

/** The core's section from already validated variables. */
export function coreConfig(e: z.infer<typeof coreEnvSchema>, overrides: { knowledgeDir?: string | undefined } = {}): CoreConfig {
  return {
    knowledgeDir: path.resolve(overrides.knowledgeDir ?? e.KNOWLEDGE_DIR ?? path.join(PROJECT_ROOT, 'knowledge')),
    logLevel: e.LOG_LEVEL ?? 'info',
    dataDir: path.resolve(e.DATA_DIR ?? path.join(PROJECT_ROOT, 'data')),
    databaseUrl: e.DATABASE_URL,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
  };
}

function fail(problems: string[]): never {
  throw new CareerbotError(
    'careerbot_config_invalid',
    `configuration is invalid:\n${problems.map((problem) => `  ${problem}`).join('\n')}\n(set these in the environment or in .env; see .env.example)`,
  );
}

/**
 * Validate `env` against a schema shape and build the sections from it; any problem, of the schema
 * or of a section, throws one `careerbot_config_invalid` error listing every variable to fix.
 */
export function parseEnv<Shape extends z.ZodRawShape, T>(
  shape: Shape,
  env: Record<string, string | undefined>,
  build: (e: z.infer<z.ZodObject<Shape>>) => ConfigSection<T>,
): T {
  const parsed = z.object(shape).safeParse(env);
  if (!parsed.success) {
    fail(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const section = build(parsed.data);
  if (section.problems.length > 0) fail(section.problems);
  return section.value;
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
export function matcherCacheDir(config: Pick<CoreConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'cache');
}
