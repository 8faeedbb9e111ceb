import { GuildMember, PermissionFlagsBits, Routes, type APIRole, type BaseInteraction } from 'discord.js';
import type { LinkTextParts } from '../shared/texts.js';
import { escapeText } from './markdown.js';

/**
 * Who may post answers for others: members with Manage Messages in the channel, or with the role
 * named in DISCORD_MODERATOR_ROLE (a role id, or a role name compared case-insensitively).
 * Moderator commands are also hidden by default member permissions; this is the check that counts.
 */

const SNOWFLAKE = /^\d{15,25}$/;
const ROLES_TIMEOUT_MS = 1500;

export async function isModerator(interaction: BaseInteraction, moderatorRole: string | undefined): Promise<boolean> {
  if (!interaction.inGuild()) return false;
  // Channel-level permissions, computed by Discord and sent with the interaction.
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages)) return true;
  const wanted = moderatorRole?.trim();
  if (!wanted) return false;
  const member = interaction.member;
  const roleIds: readonly string[] = member instanceof GuildMember ? [...member.roles.cache.keys()] : member.roles;
  if (SNOWFLAKE.test(wanted)) return roleIds.includes(wanted);
  if (roleIds.length === 0) return false;
  const name = wanted.toLowerCase();
  // With the Guilds intent the roles are cached; an uncached guild costs one REST call, cut short
  // so the interaction can still be answered inside Discord's 3 seconds.
  const guild = interaction.guild;
  const roles: { id: string; name: string }[] = guild
    ? [...guild.roles.cache.values()]
    : ((await interaction.client.rest.get(Routes.guildRoles(interaction.guildId), {
        signal: AbortSignal.timeout(ROLES_TIMEOUT_MS),
      })) as APIRole[]);
  return roles.some((role) => roleIds.includes(role.id) && role.name.toLowerCase() === name);
}

/** How moderators are recognised, as Discord Markdown for refusals and help (a role id shows as the role). */
export function describeModerators(moderatorRole: string | undefined): string {
  const role = moderatorRole?.trim();
  if (!role) return 'members with **Manage Messages**';
  // Sent with `allowedMentions: { parse: [] }`, so the role mention renders without pinging anyone.
  return `members with **Manage Messages** or the ${SNOWFLAKE.test(role) ? `<@&${role}>` : `**${escapeText(role)}**`} role`;
}

/** Discord's pieces of the moderator link's texts (adapters/shared/texts.ts). */
export function discordLinkTexts(moderatorRole: string | undefined): LinkTextParts {
  return { moderators: describeModerators(moderatorRole), ask: '`/career ask`' };
}
