import { stat } from 'node:fs/promises';
import { CareerbotError } from '../../../src/errors.js';
import type { ExtraPhrasing } from '../../../src/matcher/matcher.js';
import { openStore, type AppStore } from '../../../src/store/open.js';
import type { Config } from '../../config.js';
import type { CommandContext } from './command.js';

/** The data directory holds the SQLite file; false when it does not exist (or is not a directory). */
async function dataDirExists(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

/** Opens the store (creating the SQLite file when missing), runs `use`, and closes it. */
export async function withStore<T>(config: Config, use: (store: AppStore) => Promise<T>): Promise<T> {
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/**
 * For commands that read what the bot recorded (report, learned): a data directory that does not
 * exist is a mistyped --data or DATA_DIR, not an empty history, so nothing is created there.
 */
export async function withExistingStore<T>(config: Config, use: (store: AppStore) => Promise<T>): Promise<T> {
  if (!config.databaseUrl && !(await dataDirExists(config.dataDir))) {
    throw new CareerbotError(
      'careerbot_store_unavailable',
      `data directory ${config.dataDir} does not exist: check --data or DATA_DIR (the bot creates it when it first records a question)`,
    );
  }
  return withStore(config, use);
}

/**
 * The phrasings moderators taught the bot, as the adapters use them: from PostgreSQL when
 * DATABASE_URL is set, else from the data directory when it exists (a one-off question creates
 * no data directory). A store that cannot be read is a warning: the question is still answered.
 */
export async function storedLearned(ctx: CommandContext): Promise<ExtraPhrasing[]> {
  if (!ctx.config.databaseUrl && !(await dataDirExists(ctx.config.dataDir))) return [];
  try {
    return await withStore(ctx.config, (store) => store.learnedPhrasings());
  } catch (err) {
    ctx.logger.warn({ err }, 'learned phrasings not read: answering from the knowledge files only');
    return [];
  }
}

/** The store the terminal chat records into, like the adapters' (created when missing). */
export function openRecordingStore(config: Config): Promise<AppStore> {
  return openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}
