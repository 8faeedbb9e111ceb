import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createModeratorCheck } from '../../adapters/slack/moderators.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { memoryLogger } from './harness.js';

/** The moderator check with the real WebClient against the fake Web API (usergroups.users.list). */

let api: FakeSlackApi;
let client: webApi.WebClient;

beforeAll(async () => {
  api = await new FakeSlackApi({ userGroups: { SMODS: ['UGROUP1', 'UGROUP2'] } }).start();
  client = new webApi.WebClient('xoxb-test', { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } });
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => api.reset());

describe('createModeratorCheck', () => {
  it('accepts listed user ids without asking Slack', async () => {
    const { logger } = memoryLogger();
    const check = createModeratorCheck({ ids: ['UMOD', 'WENTERPRISE'], client, logger });
    expect(await check.isModerator('UMOD')).toBe(true);
    expect(await check.isModerator('WENTERPRISE')).toBe(true);
    expect(await check.isModerator('UOTHER')).toBe(false);
    expect(api.calls).toEqual([]);
  });

  it('accepts user group members, caching the list until it expires', async () => {
    const { logger } = memoryLogger();
    let now = 0;
    const check = createModeratorCheck({ ids: ['SMODS'], client, logger, ttlMs: 1000, now: () => now });
    const [a, b] = await Promise.all([check.isModerator('UGROUP1'), check.isModerator('UGROUP2')]);
    expect([a, b]).toEqual([true, true]);
    expect(await check.isModerator('UOTHER')).toBe(false);
    expect(api.callsTo('usergroups.users.list')).toHaveLength(1);
    now = 1001;
    expect(await check.isModerator('UGROUP1')).toBe(true);
    expect(api.callsTo('usergroups.users.list')).toHaveLength(2);
  });

  it('fails closed and logs when the group cannot be read, but keeps a stale list', async () => {
    const logs = memoryLogger();
    let now = 0;
    const check = createModeratorCheck({ ids: ['SMODS', 'SMISSING'], client, logger: logs.logger, ttlMs: 10, now: () => now });
    api.failNext('usergroups.users.list', { body: { ok: false, error: 'missing_scope' } });
    api.failNext('usergroups.users.list', { body: { ok: false, error: 'missing_scope' } });
    expect(await check.isModerator('UGROUP1')).toBe(false);
    expect(logs.find(/moderator user group/)[0]).toMatchObject({ level: 40, usergroup: 'SMODS' });

    expect(await check.isModerator('UGROUP1')).toBe(true); // SMODS readable again
    now = 100;
    api.failNext('usergroups.users.list', { status: 500, body: 'down' });
    expect(await check.isModerator('UGROUP1')).toBe(true); // stale list kept through a blip
  });
});
