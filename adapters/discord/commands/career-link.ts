import { ApplicationIntegrationType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_CHARS } from '../../../src/bot.js';
import { recordModeratorLink } from '../../../src/use-cases/moderator-link.js';
import type { SlashCommand } from '../context.js';
import { parseTopicChoice } from '../custom-ids.js';
import { describeModerators, isModerator } from '../moderators.js';
import { LIMITS, topicChoices } from '../render.js';
import { replyPrivately, replyWithPublicAnswer } from '../respond.js';
import { refusal } from '../../shared/texts.js';

/**
 * `/career-link topic user question`: a moderator posts a topic's answer publicly, mentioning only
 * that user. With `question` (the wording being answered), the bot learns that wording for the topic.
 * A top-level command rather than `/career link`, because Discord applies default member
 * permissions per command, not per subcommand: this is how it stays hidden from other members.
 */

const definition = new SlashCommandBuilder()
  .setName('career-link')
  .setDescription('Moderators: post a career FAQ answer for someone')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addStringOption((option) =>
    option.setName('topic').setDescription('The topic to post (start typing)').setRequired(true).setAutocomplete(true),
  )
  .addUserOption((option) => option.setName('user').setDescription('Who the answer is for (mentioned)'))
  .addStringOption((option) =>
    option
      .setName('question')
      .setDescription('The question you are answering, in their words: I learn it for this topic')
      .setMaxLength(MAX_QUESTION_CHARS),
  )
  .toJSON();

export const careerLink: SlashCommand = {
  definition,

  async execute(interaction, ctx) {
    if (!(await isModerator(interaction, ctx.config.moderatorRole))) {
      ctx.log.info('non-moderator refused');
      return replyPrivately(interaction, refusal('post', describeModerators(ctx.config.moderatorRole)));
    }
    const raw = interaction.options.getString('topic', true);
    const chosenId = parseTopicChoice(raw);
    const topic = chosenId ? ctx.bot.topic(chosenId) : (ctx.bot.find(raw) ?? undefined);
    if (!topic) {
      return replyPrivately(interaction, 'No topic matches that. Start typing and pick one of the suggestions.');
    }
    const target = interaction.options.getUser('user');
    const content = target ? `<@${target.id}>, here is an answer from the career FAQ.` : undefined;
    const outcome = await replyWithPublicAnswer(interaction, ctx, ctx.bot.answer(topic), { content, mention: target?.id });
    ctx.log.info({ topic: topic.id, target: target?.id, outcome }, 'topic linked');
    await recordModeratorLink(ctx.store, ctx.log, ctx.bot, {
      platform: 'discord',
      topicId: topic.id,
      moderatorId: interaction.user.id,
      text: interaction.options.getString('question'),
    });
  },

  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    if (focused.name !== 'topic') return interaction.respond([]);
    await interaction.respond(topicChoices(ctx.bot.suggest(String(focused.value), LIMITS.choices), null));
  },
};
