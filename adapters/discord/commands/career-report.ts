import { ApplicationIntegrationType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { reportDocument } from '../../../src/report/document.js';
import { buildReport, DEFAULT_REPORT_DAYS, MAX_REPORT_DAYS } from '../../../src/store/report.js';
import type { SlashCommand } from '../context.js';
import { describeModerators, isModerator } from '../moderators.js';
import { renderDiscordReport } from '../render-report.js';
import { replyPrivately } from '../respond.js';
import { refusal } from '../../shared/texts.js';

/**
 * `/career-report [days]`: the moderators' report, privately. A top-level command (like
 * `/career-link`) so that default member permissions can hide it from other members.
 */

const definition = new SlashCommandBuilder()
  .setName('career-report')
  .setDescription('Moderators: questions I could not answer, feedback, most asked topics')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addIntegerOption((option) =>
    option
      .setName('days')
      .setDescription(`How many days back (default ${DEFAULT_REPORT_DAYS})`)
      .setMinValue(1)
      .setMaxValue(MAX_REPORT_DAYS),
  )
  .toJSON();

export const careerReport: SlashCommand = {
  definition,

  async execute(interaction, ctx) {
    if (!(await isModerator(interaction, ctx.config.moderatorRole))) {
      ctx.log.info('non-moderator refused');
      return replyPrivately(interaction, refusal('report', describeModerators(ctx.config.moderatorRole)));
    }
    if (!ctx.store) return replyPrivately(interaction, 'The report needs the data store, which this bot runs without.');
    const days = interaction.options.getInteger('days') ?? undefined;
    const report = await buildReport(ctx.store, { days, titleOf: (topicId) => ctx.bot.topic(topicId)?.title });
    await replyPrivately(interaction, renderDiscordReport(reportDocument(report)));
    ctx.log.info({ days: report.days, groups: report.questions.length }, 'report shown');
  },
};
