import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CareerBot } from '../../src/bot.js';
import { TopicCooldown } from '../../src/policies/cooldown.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres.js';
import { createTestDatabase, NO_PG_REASON, onDatabase, PG_ADMIN_URL, reportPgSkip } from '../support/store.js';
import { lastCall, loadTestKnowledge, memoryLogger, startHttpHarness, textOf, type Harness } from './harness.js';

/**
 * The PostgreSQL database goes away and comes back under a running Slack replica (the real server:
 * the test database stops accepting connections and its backends are terminated, then it is let
 * back): the process keeps answering, /healthz says not ready (so a load balancer sends traffic
 * elsewhere), the writes it could not make are logged with what they held, and it recovers by itself.
 */

reportPgSkip();

let h: Harness;
let store: PostgresStore;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const storeLogs = memoryLogger();
const sharedErrors: unknown[] = [];

const OFF_TOPIC = 'what is the best pizza topping';

async function health(): Promise<{ status: number; body: { ready: boolean; reason?: string } }> {
  const res = await fetch(h.endpoint.replace('/slack/events', '/healthz'));
  return { status: res.status, body: (await res.json()) as { ready: boolean; reason?: string } };
}

/** Stop (false) or allow (true) connections to the test database, cutting the ones open now. */
async function databaseUp(up: boolean): Promise<void> {
  await onDatabase(PG_ADMIN_URL!, async (admin) => {
    await admin.query(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS ${up ? 'true' : 'false'}`);
    if (!up) {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
        database.name,
      ]);
    }
  });
}

function mention(text: string, ts: string) {
  return h.send.event({ type: 'app_mention', user: 'UASKER', text: `<@UBOT> ${text}`, ts, channel: 'CGENERAL' });
}

describe.skipIf(!PG_ADMIN_URL)(`a database outage under a Slack replica${PG_ADMIN_URL ? '' : ` (${NO_PG_REASON})`}`, () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    store = await openPostgresStore(database.url, { onError: (err) => storeLogs.logger.error({ err }, 'data store connection') });
    // Wired as app/start.ts wires a replica: the rate limit and the cooldown go through the store.
    const bot = new CareerBot(await loadTestKnowledge(), {
      rateLimitPerMinute: 100,
      shared: store,
      onSharedError: (err) => sharedErrors.push(err),
    });
    const cooldown = new TopicCooldown({
      seconds: 60,
      shared: store,
      platform: 'slack',
      onSharedError: (err) => sharedErrors.push(err),
    });
    h = await startHttpHarness({ store, bot, cooldown });
  });
  afterAll(async () => {
    await h?.close();
    await databaseUp(true).catch(() => undefined);
    await store?.close();
    await database?.drop();
  });

  it('keeps answering, reports not ready and logs the lost writes, then recovers', async () => {
    expect(await health()).toEqual({ status: 200, body: { ready: true, topics: h.bot.topics().length } });

    await databaseUp(false);
    const down = await health();
    expect(down.status).toBe(503);
    // No host or database name for whoever probes the port.
    expect(down.body).toEqual({ ready: false, reason: 'data store unreachable' });

    // The user still gets the (fallback) reply; the question that could not be kept is in the log.
    const res = await mention(OFF_TOPIC, '1700000100.000100');
    expect(res.status).toBe(200);
    expect(textOf(lastCall(h.api, 'chat.postMessage').args)).toMatch(/outside what I know/);
    // The shared rate limit could not be asked: counted in this process instead, the question answered.
    expect(sharedErrors.length).toBeGreaterThan(0);
    const [lost] = h.logs.find('could not record an unanswered question');
    expect(lost).toMatchObject({ level: 50, lost: { text: OFF_TOPIC, platform: 'slack', outcome: 'fallback' } });

    await databaseUp(true);
    expect((await health()).status).toBe(200);
    await mention(`${OFF_TOPIC} again`, '1700000100.000200');
    const kept = await store.questionsSince(0);
    expect(kept.map((question) => question.text)).toEqual([`${OFF_TOPIC} again`]);
  });
});
