import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { MAX_QUESTION_CHARS } from '../../../src/bot.js';
import { recordQuestion } from '../../../src/store/record.js';
import type { HandlerContext, SlashCommand } from '../context.js';
import { parseTopicChoice } from '../custom-ids.js';
import { describeModerators } from '../moderators.js';
import { allowedMentions, LIMITS, renderHelp, renderReply, renderTopicsPage, topicChoices } from '../render.js';
import { privately, replyPrivately, replyWithPublicAnswer } from '../respond.js';

/** `/career ask|topics|help`: everything members use. Moderator commands live apart so they can be hidden. */

const definition = new SlashCommandBuilder()
  .setName('career')
  .setDescription('Answers about becoming a backend developer')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addSubcommand((sub) =>
    sub
      .setName('ask')
      .setDescription('Ask a question in your own words')
      .addStringOption((option) =>
        option
          .setName('question')
          .setDescription('Your question; pick a suggested topic to get exactly that one')
          .setRequired(true)
          .setMaxLength(MAX_QUESTION_CHARS)
          .setAutocomplete(true),
      )
      .addBooleanOption((option) => option.setName('private').setDescription('Show the answer only to you')),
  )
  .addSubcommand((sub) => sub.setName('topics').setDescription('Browse the topics I cover'))
  .addSubcommand((sub) => sub.setName('help').setDescription('How to use the career FAQ bot'))
  .toJSON();

async function ask(interaction: ChatInputCommandInteraction, ctx: HandlerContext): Promise<void> {
  const raw = interaction.options.getString('question', true);
  const isPrivate = interaction.options.getBoolean('private') ?? false;
  const chosenId = parseTopicChoice(raw);
  const chosen = chosenId ? ctx.bot.topic(chosenId) : undefined;
  // A picked suggestion answers that topic exactly; anything else goes through the matcher.
  const user = `discord:${interaction.user.id}`;
  const reply = chosen ? await ctx.bot.answerPicked(chosen, { user }) : (await ctx.bot.askAs(chosenId ?? raw, { user })).reply;
  const question = chosen ? undefined : raw;
  ctx.log.info(
    {
      outcome: reply.kind,
      topic: reply.kind === 'answer' ? reply.topic.id : undefined,
      confidence: reply.kind === 'answer' ? reply.confidence : undefined,
      picked: Boolean(chosen),
      private: isPrivate,
    },
    'question answered',
  );
  await recordQuestion(ctx.store, ctx.log, { platform: 'discord', channelId: interaction.channelId, text: raw, reply });
  if (reply.kind === 'answer' && !isPrivate) {
    await replyWithPublicAnswer(interaction, ctx, reply, { question });
    return;
  }
  const message = renderReply(reply, { question, askerId: interaction.user.id });
  // A notice (the rate limit) concerns only the asker: never post it in the channel.
  if (isPrivate || reply.kind === 'notice') await interaction.reply(privately(message));
  else await interaction.reply({ ...message, allowedMentions: allowedMentions() });
}

export const career: SlashCommand = {
  definition,

  async execute(interaction, ctx) {
    const sub = interaction.options.getSubcommand(true);
    switch (sub) {
      case 'ask':
        return ask(interaction, ctx);
      case 'topics':
        return replyPrivately(interaction, renderTopicsPage(ctx.bot.topics(), 0));
      case 'help':
        return replyPrivately(
          interaction,
          renderHelp({ topicCount: ctx.bot.topics().length, moderators: describeModerators(ctx.config.moderatorRole) }),
        );
      default:
        ctx.log.warn({ sub }, 'unknown /career subcommand (are the deployed commands out of date?)');
        return replyPrivately(interaction, 'I do not know that command yet. Ask a moderator to redeploy the commands.');
    }
  },

  async autocomplete(interaction: AutocompleteInteraction, ctx) {
    const focused = interaction.options.getFocused(true);
    if (focused.name !== 'question') return interaction.respond([]);
    const typed = String(focused.value);
    const own = parseTopicChoice(typed) ? null : typed;
    // One slot for the user's own words, the rest for topics.
    await interaction.respond(topicChoices(ctx.bot.suggest(typed, LIMITS.choices - (own?.trim() ? 1 : 0)), own));
  },
};
