import { openPostgresStore, type PostgresStoreOptions } from './postgres.js';
import type { SharedState } from './shared.js';
import { openSqliteStore } from './sqlite.js';
import type { CareerStore } from './store.js';

/** A store the bot can run on: what it remembers, and what replicas share. */
export type AppStore = CareerStore & SharedState;

export interface OpenStoreOptions {
  /** DATABASE_URL: set, the shared PostgreSQL store; unset, the embedded SQLite file in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  now?: () => number;
  /** PostgreSQL only: where a lost notification connection is reported. */
  onError?: PostgresStoreOptions['onError'];
}

/** Open the store the configuration names; failures are `careerbot_store_unavailable` errors saying what to fix. */
export async function openStore(options: OpenStoreOptions): Promise<AppStore> {
  const { now, onError } = options;
  if (options.databaseUrl !== undefined) {
    return openPostgresStore(options.databaseUrl, { ...(now ? { now } : {}), ...(onError ? { onError } : {}) });
  }
  return openSqliteStore(options.dataDir, now ? { now } : {});
}
