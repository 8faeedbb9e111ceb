import { APPLICATION_ID, BOT_USER, messageObject, snowflake } from './discord-server.js';

/**
 * INTERACTION_CREATE payloads as Discord sends them, with the fields discord.js requires
 * (`entitlements`, `authorizing_integration_owners`, `channel`, `member`, `locale`).
 */

export interface FakeUser {
  id: string;
  username: string;
  /** Permission bit field as a decimal string, e.g. Manage Messages = 8192. */
  permissions?: string;
  roles?: string[];
}

export const MANAGE_MESSAGES = String(1n << 13n);

export interface Where {
  guildId: string;
  channelId: string;
}

function base(type: number, user: FakeUser, where: Where, data: unknown, extra: Record<string, unknown> = {}) {
  return {
    id: snowflake(),
    token: `tok-${snowflake()}`,
    application_id: APPLICATION_ID,
    type,
    version: 1,
    guild_id: where.guildId,
    channel_id: where.channelId,
    channel: { id: where.channelId, type: 0, guild_id: where.guildId, name: 'general' },
    member: {
      user: { id: user.id, username: user.username, discriminator: '0', avatar: null, global_name: user.username },
      roles: user.roles ?? [],
      permissions: user.permissions ?? '0',
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
    },
    app_permissions: '0',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': where.guildId },
    context: 0,
    attachment_size_limit: 8388608,
    data,
    ...extra,
  };
}

export type InteractionPayload = ReturnType<typeof base>;

type Option = { name: string; type: number; value?: string | boolean | number; focused?: boolean; options?: Option[] };

/** `/name sub option:value`; a string option with `focused` makes it an autocomplete interaction. */
export function slashCommand(
  user: FakeUser,
  where: Where,
  command: { name: string; subcommand?: string; options?: Option[]; autocomplete?: boolean; resolvedUsers?: FakeUser[] },
): InteractionPayload {
  const options = command.subcommand
    ? [{ name: command.subcommand, type: 1, options: command.options ?? [] }]
    : (command.options ?? []);
  const resolved = command.resolvedUsers
    ? {
        users: Object.fromEntries(
          command.resolvedUsers.map((u) => [
            u.id,
            { id: u.id, username: u.username, discriminator: '0', avatar: null, global_name: u.username },
          ]),
        ),
        members: Object.fromEntries(
          command.resolvedUsers.map((u) => [
            u.id,
            { roles: [], joined_at: new Date().toISOString(), permissions: '0', flags: 0, nick: null, avatar: null },
          ]),
        ),
      }
    : undefined;
  return base(command.autocomplete ? 4 : 2, user, where, {
    id: snowflake(),
    name: command.name,
    type: 1,
    options,
    ...(resolved ? { resolved } : {}),
  });
}

export function stringOption(name: string, value: string, focused = false): Option {
  return { name, type: 3, value, ...(focused ? { focused: true } : {}) };
}

export function booleanOption(name: string, value: boolean): Option {
  return { name, type: 5, value };
}

export function userOption(name: string, id: string): Option {
  return { name, type: 6, value: id };
}

/** A message the bot sent earlier, as it arrives inside a component interaction. */
export function botMessage(where: Where, fields: { flags?: number; components?: unknown[] } = {}) {
  return messageObject({
    channelId: where.channelId,
    guild_id: where.guildId,
    flags: fields.flags ?? 0,
    components: fields.components ?? [],
  });
}

export function button(user: FakeUser, where: Where, customId: string, message = botMessage(where)): InteractionPayload {
  return base(3, user, where, { custom_id: customId, component_type: 2 }, { message });
}

export function stringSelect(
  user: FakeUser,
  where: Where,
  customId: string,
  values: string[],
  message = botMessage(where),
): InteractionPayload {
  return base(3, user, where, { custom_id: customId, component_type: 3, values }, { message });
}

/** A message context-menu command on a message written by `author`. */
export function messageCommand(
  user: FakeUser,
  where: Where,
  name: string,
  target: { id?: string; author: FakeUser; content: string },
): InteractionPayload {
  const id = target.id ?? snowflake();
  const message = {
    ...messageObject({ channelId: where.channelId, id, content: target.content }),
    author: {
      id: target.author.id,
      username: target.author.username,
      discriminator: '0',
      avatar: null,
      global_name: target.author.username,
    },
  };
  return base(2, user, where, { id: snowflake(), name, type: 3, target_id: id, resolved: { messages: { [id]: message } } });
}

export { BOT_USER };
