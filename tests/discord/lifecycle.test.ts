import { afterEach, describe, expect, it } from 'vitest';
import { slashCommand, stringOption } from '../fakes/discord-interactions.js';
import { CALLBACK, EPHEMERAL, freshChannel, GUILD, startHarness, USERS, type Harness } from './harness.js';

/** Starting, stopping, and moderator checks when the guild is not cached. */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const link = (user: (typeof USERS)[keyof typeof USERS]) =>
  slashCommand(user, freshChannel(), { name: 'career-link', options: [stringOption('topic', 'topic:databases')] });

describe('lifecycle', () => {
  it('identifies with only the Guilds intent', async () => {
    h = await startHarness();
    const identify = h.fake.gatewayFrames.find((frame) => frame.op === 2) as { d: { intents: number; token: string } };
    expect(identify.d.intents).toBe(1);
    expect(identify.d.token).toBe('test-token');
  });

  it('stop lets an in-flight interaction finish, then closes the connection', async () => {
    h = await startHarness();
    const interaction = slashCommand(USERS.alice, freshChannel(), {
      name: 'career',
      subcommand: 'ask',
      options: [stringOption('question', 'is sql a backend language?')],
    });
    h.fake.hold((r) => r.path.startsWith(`/interactions/${interaction.id}/`), 300);
    const received = Date.now();
    await h.fake.interact(interaction); // the callback is now in flight (held for 300 ms)
    await h.running.stop();
    expect(Date.now() - received).toBeGreaterThanOrEqual(290);
    const handled = h.logs.findIndex((l) => l.msg === 'interaction handled' && l.interactionId === interaction.id);
    const stopped = h.logs.findIndex((l) => l.msg === 'discord adapter stopped');
    expect(handled).toBeGreaterThan(-1);
    expect(handled).toBeLessThan(stopped);
    expect(h.client.isReady()).toBe(false);
    expect(h.logs.some((l) => l.msg === 'interaction failed')).toBe(false);
    await h.fake.close();
    h = undefined;
  });
});

describe('moderators in an uncached guild', () => {
  it('a role name is checked against the guild roles fetched over REST', async () => {
    h = await startHarness({}, { announceGuilds: false });
    expect(h.client.guilds.cache.size).toBe(0);
    const req = await h.fake.interact(link(USERS.helper));
    expect(req.body.type).toBe(CALLBACK.reply);
    expect(req.body.data.flags ?? 0).toBe(0);
    expect(h.fake.requests.some((r) => r.method === 'GET' && r.path === `/guilds/${GUILD.id}/roles`)).toBe(true);
    const refused = await h.fake.interact(link(USERS.bob));
    expect(refused.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('a role id needs no lookup', async () => {
    h = await startHarness({ DISCORD_MODERATOR_ROLE: GUILD.roles[0]!.id }, { announceGuilds: false });
    const req = await h.fake.interact(link(USERS.helper));
    expect(req.body.data.flags ?? 0).toBe(0);
    expect(h.fake.requests.some((r) => r.path.endsWith('/roles'))).toBe(false);
  });

  it('without a configured role, only Manage Messages counts', async () => {
    h = await startHarness({ DISCORD_MODERATOR_ROLE: '' });
    const refused = await h.fake.interact(link(USERS.helper));
    expect(refused.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(refused.body.data.content).toMatch(/^Only members with \*\*Manage Messages\*\* can/);
    const allowed = await h.fake.interact(link(USERS.mod));
    expect(allowed.body.data.flags ?? 0).toBe(0);
  });
});
