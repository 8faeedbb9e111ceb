import { startDiscord } from '../../adapters/discord/index.js';
import type { CareerBot } from '../../src/bot.js';
import { readConfig } from '../../app/config.js';
import type { CareerStore } from '../../src/store/store.js';
import { FakeDiscord, snowflake, type FakeGuild, type RecordedRequest } from '../fakes/discord-server.js';
import { MANAGE_MESSAGES, type FakeUser, type Where } from '../fakes/discord-interactions.js';
import { loadBot } from '../support/bot.js';
import { memoryLogger, type LogLine } from '../support/logs.js';

/** The real adapter (real discord.js Client, real core and knowledge) against the fake Discord, with logs in memory. */

export const GUILD: FakeGuild = {
  id: '810000000000000001',
  name: 'Backend careers',
  roles: [{ id: '810000000000000010', name: 'Career Helper' }],
  channels: [{ id: '810000000000000100', name: 'general' }],
};

export const USERS = {
  alice: { id: '820000000000000001', username: 'alice' },
  bob: { id: '820000000000000002', username: 'bob' },
  /** A moderator by permission. */
  mod: { id: '820000000000000003', username: 'mod', permissions: MANAGE_MESSAGES },
  /** A moderator by the configured role (by name), without Manage Messages. */
  helper: { id: '820000000000000004', username: 'helper', roles: ['810000000000000010'] },
} satisfies Record<string, FakeUser>;

/** A fresh channel in the test guild, so the per-channel cooldown of one test cannot affect another. */
export function freshChannel(): Where {
  return { guildId: GUILD.id, channelId: snowflake() };
}

export type { LogLine } from '../support/logs.js';
export { loadBot } from '../support/bot.js';

export async function startHarness(
  env: Record<string, string> = {},
  options: { announceGuilds?: boolean; refuseResume?: boolean; bot?: CareerBot; store?: CareerStore } = {},
) {
  const { bot: customBot, store, ...fakeOptions } = options;
  const fake = await new FakeDiscord({ guilds: [GUILD], ...fakeOptions }).start();
  const { logger, lines: logs } = memoryLogger();
  const config = readConfig({
    DISCORD_TOKEN: 'test-token',
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_MODERATOR_ROLE: 'Career Helper',
    ...env,
  }).discord!;
  const bot = customBot ?? (await loadBot());
  const running = await startDiscord({ config, bot, logger, store });
  return {
    fake,
    bot,
    logs,
    running,
    client: running.adapter.client,
    async close() {
      await running.stop();
      await fake.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** Callback type numbers (Discord's InteractionResponseType). */
export const CALLBACK = { reply: 4, defer: 5, deferUpdate: 6, update: 7, autocomplete: 8 } as const;
export const EPHEMERAL = 64;

export function isCallback(interaction: { id: string }) {
  return (r: RecordedRequest) => r.method === 'POST' && r.path.startsWith(`/interactions/${interaction.id}/`);
}

/**
 * Discord's documented limits, written out here independently of the adapter's own constants, for
 * every message body the adapter sends.
 */
export function limitProblems(data: any): string[] {
  const problems: string[] = [];
  if ((data.content ?? '').length > 2000) problems.push('content > 2000');
  const embeds: any[] = data.embeds ?? [];
  if (embeds.length > 10) problems.push('more than 10 embeds');
  let total = 0;
  for (const embed of embeds) {
    const fields: any[] = embed.fields ?? [];
    if ((embed.title ?? '').length > 256) problems.push('title > 256');
    if ((embed.description ?? '').length > 4096) problems.push('description > 4096');
    if (fields.length > 25) problems.push('more than 25 fields');
    for (const field of fields) {
      if (field.name.length > 256 || field.value.length > 1024) problems.push(`field ${field.name} too long`);
      if (field.name.length === 0 || field.value.length === 0) problems.push('empty field');
    }
    if ((embed.footer?.text ?? '').length > 2048) problems.push('footer > 2048');
    total +=
      (embed.title ?? '').length +
      (embed.description ?? '').length +
      (embed.footer?.text ?? '').length +
      (embed.author?.name ?? '').length +
      fields.reduce((sum: number, f: any) => sum + f.name.length + f.value.length, 0);
  }
  if (total > 6000) problems.push('embeds total > 6000');
  const rows: any[] = data.components ?? [];
  if (rows.length > 5) problems.push('more than 5 rows');
  for (const row of rows) {
    if (row.type !== 1) problems.push('top-level component is not an action row');
    const buttons = row.components.filter((c: any) => c.type === 2);
    const selects = row.components.filter((c: any) => c.type === 3);
    if (buttons.length > 5) problems.push('more than 5 buttons in a row');
    if (selects.length > 0 && row.components.length > 1) problems.push('a select menu must be alone in its row');
    for (const c of row.components) {
      if (c.custom_id !== undefined && (c.custom_id.length === 0 || c.custom_id.length > 100))
        problems.push(`custom_id length ${c.custom_id.length}`);
      if (c.type === 2 && (c.label ?? '').length > 80) problems.push('button label > 80');
      if (c.type === 3) {
        if (c.options.length === 0 || c.options.length > 25) problems.push(`${c.options.length} select options`);
        for (const o of c.options) {
          if (o.label.length === 0 || o.label.length > 100 || o.value.length > 100) problems.push('select option too long');
          if ((o.description ?? '').length > 100) problems.push('option description > 100');
        }
        if ((c.placeholder ?? '').length > 150) problems.push('placeholder > 150');
      }
    }
  }
  const ids = rows.flatMap((row: any) => row.components.map((c: any) => c.custom_id)).filter(Boolean);
  if (new Set(ids).size !== ids.length) problems.push('duplicate custom_id');
  return problems;
}

/** All custom ids in a message body. */
export function customIds(data: any): string[] {
  return (data.components ?? []).flatMap((row: any) => row.components.map((c: any) => c.custom_id));
}

/** Wait until a log line matches (logs are written after the REST call that a test may be awaiting). */
export async function waitForLog(logs: LogLine[], predicate: (line: LogLine) => boolean, timeoutMs = 5000): Promise<LogLine> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = logs.find(predicate);
    if (line) return line;
    if (Date.now() > deadline)
      throw new Error(`no matching log line within ${timeoutMs} ms; got:\n${logs.map((l) => l.msg).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
