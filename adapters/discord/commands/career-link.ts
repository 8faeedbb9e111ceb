import { ApplicationIntegrationType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_CHARS } from '../../../src/bot.js';
import { linkModeratorAnswer } from '../../../src/use-cases/moderator-link.js';
import type { SlashCommand } from '../context.js';
import { parseTopicChoice } from '../custom-ids.js';
import { quoted } from '../markdown.js';
import { discordLinkTexts, isModerator } from '../moderators.js';
import { LIMITS, topicChoices } from '../render.js';
import { replyPrivately, replyWithPublicAnswer } from '../respond.js';
import { linkedAnswerIntro, linkRefusal } from '../../shared/texts.js';

/**
 * `/career-link topic user question`: a moderator posts a topic's answer publicly, mentioning only
 * that user. With `question` (the wording being answered), the bot learns that wording for the topic.
 * A top-level command rather than `/career link`, because Discord applies default member
 * permissions per command, not per subcommand: this is how it stays hidden from other members.
 */

/** How a topic is named here, for "no such topic". */
export const LINK_PICK = 'Start typing and pick one of the suggestions.';

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
    const raw = interaction.options.getString('topic', true);
    const chosenId = parseTopicChoice(raw);
    const target = interaction.options.getUser('user');
    const result = await linkModeratorAnswer(
      { bot: ctx.bot, store: ctx.store, log: ctx.log },
      {
        platform: 'discord',
        moderatorId: interaction.user.id,
        isModerator: await isModerator(interaction, ctx.config.moderatorRole),
        topic: chosenId ? { id: chosenId } : { words: raw },
        forUserId: target?.id,
        text: interaction.options.getString('question'),
      },
    );
    if (result.kind === 'refused') {
      const words = result.words === undefined ? undefined : quoted(result.words);
      const parts = { ...discordLinkTexts(ctx.config.moderatorRole), pick: LINK_PICK, words };
      return replyPrivately(interaction, linkRefusal(result.reason, parts));
    }
    const content = result.forUserId ? linkedAnswerIntro(`<@${result.forUserId}>`) : undefined;
    const outcome = await replyWithPublicAnswer(interaction, ctx, result.answer, { content, mention: result.forUserId });
    ctx.log.info({ topic: result.answer.topic.id, target: target?.id, outcome }, 'topic linked');
  },

  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    if (focused.name !== 'topic') return interaction.respond([]);
    await interaction.respond(topicChoices(ctx.bot.suggest(String(focused.value), LIMITS.choices), null));
  },
};
