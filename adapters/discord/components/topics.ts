import { openTopic } from '../../../src/use-cases/open-topic.js';
import type { ComponentHandler } from '../context.js';
import { cooldownNote, answerTopicPrivately, isEphemeral, privately } from '../respond.js';
import { allowedMentions, messageUrl, renderAnswer, renderTopicsPage } from '../render.js';

/** Buttons and menus that open a topic, and the topic list's pages. */

/**
 * "Did you mean" and example buttons. The asker's click turns the message into the answer (the
 * question is settled); anyone else gets the answer privately, leaving the asker's message alone.
 */
export const pickTopic: ComponentHandler<'pick'> = async (interaction, id, ctx) => {
  if (interaction.user.id !== id.askerId) {
    await answerTopicPrivately(interaction, ctx, id.topicId);
    return;
  }
  const answer = openTopic(
    { bot: ctx.bot, log: ctx.log },
    {
      platform: 'discord',
      userId: interaction.user.id,
      topicId: id.topicId,
      via: 'suggestion',
      conversation: `${interaction.channelId}:${interaction.user.id}`,
    },
  );
  if (!answer) {
    await answerTopicPrivately(interaction, ctx, id.topicId);
    return;
  }
  const topic = answer.topic;
  if (isEphemeral(interaction)) {
    await interaction.update({ ...renderAnswer(answer), allowedMentions: allowedMentions() });
    return;
  }
  // Turning a public message into an answer is posting that answer publicly: the cooldown applies.
  const claim = await ctx.cooldown.claim(interaction.channelId, topic.id);
  if (!claim.ok) {
    await interaction.reply(privately(renderAnswer(answer, { content: cooldownNote(topic.title, claim.previous) })));
    return;
  }
  try {
    await interaction.update({ ...renderAnswer(answer), allowedMentions: allowedMentions() });
    claim.posted(messageUrl(interaction.guildId, interaction.channelId, interaction.message.id));
  } catch (error) {
    claim.release();
    throw error;
  }
};

/** Related-topic buttons under an answer: a private answer for whoever clicked. */
export const showTopic: ComponentHandler<'show'> = async (interaction, id, ctx) => {
  await answerTopicPrivately(interaction, ctx, id.topicId);
};

/** The topic list's menu. */
export const selectTopic: ComponentHandler<'topics-select'> = async (interaction, _id, ctx) => {
  const topicId = interaction.isStringSelectMenu() ? interaction.values[0] : undefined;
  await answerTopicPrivately(interaction, ctx, topicId ?? '');
};

/** Previous/next on the topic list; on someone else's public message, a private list instead. */
export const topicsPage: ComponentHandler<'topics-page'> = async (interaction, id, ctx) => {
  const page = renderTopicsPage(ctx.bot.topics(), id.page);
  if (isEphemeral(interaction)) await interaction.update({ ...page, allowedMentions: allowedMentions() });
  else await interaction.reply(privately(page));
};
