import {
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { autoReplyStatus, CHANNEL_LIST_REFUSED } from '../../shared/auto-reply-texts.js';
import type { SlashCommand } from '../context.js';
import { isModerator } from '../moderators.js';
import { replyPrivately } from '../respond.js';

/** `/career-autoreply on|off|status [channel]`: moderators choose the forums and channels that get automatic replies. */

const definition = new SlashCommandBuilder()
  .setName('career-autoreply')
  .setDescription('Moderators: automatic FAQ replies to new posts in a forum or channel')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addStringOption((option) =>
    option
      .setName('mode')
      .setDescription('Turn automatic replies on or off, or show where they are on')
      .setRequired(true)
      .addChoices({ name: 'on', value: 'on' }, { name: 'off', value: 'off' }, { name: 'status', value: 'status' }),
  )
  .addChannelOption((option) =>
    option
      .setName('channel')
      .setDescription('The forum or text channel (default: this channel, or the forum of this post)')
      .addChannelTypes(ChannelType.GuildForum, ChannelType.GuildText),
  )
  .toJSON();

const ref = (id: string) => `<#${id}>`;

export const careerAutoReply: SlashCommand = {
  definition,

  async execute(interaction, ctx) {
    const setup = ctx.autoReply;
    if (!setup) return replyPrivately(interaction, 'Automatic replies are not available in this bot.');
    const mode = interaction.options.getString('mode') ?? 'status';
    const here = interaction.channel;
    const channelId =
      interaction.options.getChannel('channel')?.id ??
      (here?.isThread() ? (here.parentId ?? interaction.channelId) : interaction.channelId);
    if (mode !== 'status') {
      if (!(await isModerator(interaction, ctx.config.moderatorRole))) {
        ctx.log.info({ mode }, 'non-moderator refused');
        return replyPrivately(interaction, CHANNEL_LIST_REFUSED);
      }
      await setup.channels.set(channelId, mode === 'on');
      ctx.log.info({ channelId, on: mode === 'on' }, 'auto-reply channel list changed');
    }
    const all = await setup.channels.list();
    const status = autoReplyStatus(
      all.includes(channelId),
      setup.channels.isFixed(channelId),
      ref(channelId),
      all.filter((id) => id !== channelId).map(ref),
    );
    const intent = ctx.config.messageContent
      ? ''
      : ' Without the Message Content intent (DISCORD_MESSAGE_CONTENT), forum posts are matched on their title only and text channels are not answered.';
    await replyPrivately(interaction, status + (mode === 'on' ? intent : ''));
  },
};
