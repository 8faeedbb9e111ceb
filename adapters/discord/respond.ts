import {
  MessageFlags,
  type ChatInputCommandInteraction,
  type InteractionReplyOptions,
  type MessageComponentInteraction,
} from 'discord.js';
import type { AnswerReply } from '../../src/reply.js';
import { openTopic } from '../../src/use-cases/open-topic.js';
import type { HandlerContext } from './context.js';
import type { CooldownEntry } from '../../src/policies/cooldown.js';
import { cooldownNote as sharedCooldownNote } from '../shared/texts.js';
import { escapeText } from './markdown.js';
import { allowedMentions, messageUrl, renderAnswer, type AnswerOptions, type DiscordMessage } from './render.js';

/** Shared ways of answering: privately, publicly under the channel cooldown, or in place of a message. */

export function privately(message: DiscordMessage | string): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
  const body = typeof message === 'string' ? { content: message, embeds: [], components: [] } : message;
  return { ...body, flags: MessageFlags.Ephemeral, allowedMentions: allowedMentions() };
}

/** Anything we can reply to: commands and components alike. */
export interface Replyable {
  user: { id: string };
  channelId?: string | null;
  reply(options: InteractionReplyOptions): Promise<unknown>;
}

export async function replyPrivately(interaction: Replyable, message: DiscordMessage | string): Promise<void> {
  await interaction.reply(privately(message));
}

/** Whether a message we are acting on is only visible to one user. */
export function isEphemeral(interaction: MessageComponentInteraction): boolean {
  return interaction.message.flags.has(MessageFlags.Ephemeral);
}

/** The note for a topic that was posted in this channel moments ago. */
export function cooldownNote(title: string, previous: CooldownEntry): string {
  return sharedCooldownNote(`**${escapeText(title)}**`, `<t:${Math.floor(previous.at / 1000)}:R>`, previous.url);
}

/** A topic's answer, visible only to whoever clicked or asked. */
export async function answerTopicPrivately(
  interaction: Replyable,
  ctx: HandlerContext,
  topicId: string,
): Promise<AnswerReply | null> {
  const answer = openTopic(
    { bot: ctx.bot, log: ctx.log },
    {
      platform: 'discord',
      userId: interaction.user.id,
      topicId,
      via: 'button',
      conversation: interaction.channelId ? `${interaction.channelId}:${interaction.user.id}` : undefined,
    },
  );
  if (!answer) {
    await replyPrivately(interaction, 'That topic no longer exists. Try `/career topics` for the current list.');
    return null;
  }
  await replyPrivately(interaction, renderAnswer(answer));
  return answer;
}

/**
 * Post an answer as the interaction's public reply, unless the same topic was posted in this
 * channel within the cooldown: then the user gets the answer privately, with a link to the earlier one.
 * `mention` is the one user this message may ping.
 */
export async function replyWithPublicAnswer(
  interaction: ChatInputCommandInteraction,
  ctx: HandlerContext,
  answer: AnswerReply,
  options: AnswerOptions & { mention?: string | undefined },
): Promise<'posted' | 'cooled-down'> {
  const claim = await ctx.cooldown.claim(interaction.channelId, answer.topic.id);
  if (!claim.ok) {
    ctx.log.info({ topic: answer.topic.id, previous: claim.previous }, 'topic on cooldown in this channel');
    const note = cooldownNote(answer.topic.title, claim.previous);
    await interaction.reply(privately({ ...renderAnswer(answer, { ...options, content: note }) }));
    return 'cooled-down';
  }
  try {
    const response = await interaction.reply({
      ...renderAnswer(answer, options),
      allowedMentions: allowedMentions(options.mention ? [options.mention] : []),
      withResponse: true,
    });
    const messageId = response.resource?.message?.id;
    claim.posted(messageId ? messageUrl(interaction.guildId, interaction.channelId, messageId) : undefined);
    return 'posted';
  } catch (error) {
    claim.release();
    throw error;
  }
}
