import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  DiscordAPIError,
  InteractionContextType,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  Routes,
  type APIMessage,
} from 'discord.js';
import { linkModeratorAnswer } from '../../../src/use-cases/moderator-link.js';
import type { ComponentHandler, MessageCommand } from '../context.js';
import { loggableError } from '../errors.js';
import { escapeText } from '../markdown.js';
import { discordLinkTexts, isModerator } from '../moderators.js';
import { allowedMentions, LIMITS, messageUrl, renderAnswer, renderShareMenu } from '../render.js';
import { cooldownNote, privately, replyPrivately } from '../respond.js';
import { linkedAnswerIntro, linkRefusal } from '../../shared/texts.js';

/**
 * "Answer with career FAQ" on any message: the moderator privately picks a topic (best matches for
 * the message's text first), and the answer is posted as a reply to that message, mentioning its
 * author and saying who shared it.
 */

export const ANSWER_WITH_FAQ = 'Answer with career FAQ';

const definition = new ContextMenuCommandBuilder()
  .setName(ANSWER_WITH_FAQ)
  .setType(ApplicationCommandType.Message)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .toJSON();

export const answerWithFaq: MessageCommand = {
  definition,

  async execute(interaction, ctx) {
    if (!(await isModerator(interaction, ctx.config.moderatorRole))) {
      ctx.log.info('non-moderator refused');
      return replyPrivately(interaction, linkRefusal('not-moderator', discordLinkTexts(ctx.config.moderatorRole)));
    }
    const target = interaction.targetMessage;
    const text = target.content.trim();
    const best = ctx.bot.suggest(text, LIMITS.selectOptions);
    // Nothing matches (small talk, an emoji): offer the topic list rather than an empty menu.
    const suggestions = best.length > 0 ? best : ctx.bot.suggest('', LIMITS.selectOptions);
    if (text !== '') ctx.messageTexts.remember(target.id, text);
    ctx.log.info({ message: target.id, suggestions: suggestions.slice(0, 3).map((s) => s.id) }, 'answer menu shown');
    await interaction.reply(
      privately(renderShareMenu(suggestions, { messageId: target.id, authorId: target.author.id, hasText: text !== '' })),
    );
  },
};

/** The moderator chose a topic in the menu: reply to the original message in the channel. */
export const shareSelected: ComponentHandler<'share'> = async (interaction, id, ctx) => {
  const topicId = interaction.isStringSelectMenu() ? interaction.values[0] : undefined;
  // The message's text becomes a learned phrasing of the topic: the next such question is answered.
  const result = await linkModeratorAnswer(
    { bot: ctx.bot, store: ctx.store, log: ctx.log },
    {
      platform: 'discord',
      moderatorId: interaction.user.id,
      isModerator: await isModerator(interaction, ctx.config.moderatorRole),
      topic: topicId ? { id: topicId } : null,
      forUserId: id.authorId,
      text: ctx.messageTexts.get(id.messageId) ?? null,
      cooldown: { policy: ctx.cooldown, channelId: interaction.channelId },
    },
  );
  if (result.kind === 'refused') {
    const text = linkRefusal(result.reason, discordLinkTexts(ctx.config.moderatorRole));
    // A non-moderator's click (a forged menu) leaves the menu alone; otherwise the menu becomes the note.
    if (result.reason === 'not-moderator') return replyPrivately(interaction, text);
    return interaction.update({ content: text, components: [] });
  }
  if (result.kind === 'cooled-down') {
    return interaction.update({ content: cooldownNote(result.topic.title, result.previous), components: [] });
  }
  const { topic } = result.answer;
  // Posting is a second request; acknowledge first so the 3-second window cannot run out.
  await interaction.deferUpdate();
  const answer = renderAnswer(result.answer, {
    content: linkedAnswerIntro(`<@${id.authorId}>`, `<@${result.sharedBy}>`),
  });
  let posted: APIMessage;
  try {
    // Interaction webhooks cannot reply to a message, so this is a normal channel message.
    posted = (await interaction.client.rest.post(Routes.channelMessages(interaction.channelId), {
      body: {
        content: answer.content,
        embeds: answer.embeds,
        components: answer.components,
        // Only the author is pinged (by the mention and by the reply); the moderator is named, not pinged.
        allowed_mentions: { ...allowedMentions([id.authorId]), replied_user: true },
        message_reference: { message_id: id.messageId, channel_id: interaction.channelId, fail_if_not_exists: false },
      },
    })) as APIMessage;
  } catch (error) {
    result.claim.release();
    if (
      error instanceof DiscordAPIError &&
      (error.code === RESTJSONErrorCodes.MissingAccess || error.code === RESTJSONErrorCodes.MissingPermissions)
    ) {
      ctx.log.warn({ err: loggableError(error), channel: interaction.channelId }, 'cannot post in this channel');
      await interaction.editReply({
        content:
          'I cannot post in this channel. I need the View Channel, Send Messages and Read Message History permissions here.',
        components: [],
      });
      return;
    }
    throw error;
  }
  const url = messageUrl(interaction.guildId, interaction.channelId, posted.id);
  result.claim.posted(url);
  ctx.log.info({ topic: topic.id, message: id.messageId, author: id.authorId }, 'answer shared');
  await interaction.editReply({
    content: `Posted **${escapeText(topic.title)}**: ${url}`,
    components: [],
    allowedMentions: allowedMentions(),
  });
};
