import type { Logger } from '../../../src/logger.js';
import { reportDocument } from '../../../src/report/document.js';
import { buildReport } from '../../../src/store/report.js';
import type { CommandArgs, SlackDeps } from '../deps.js';
import { renderNotice } from '../render.js';
import { renderSlackReport } from '../render-report.js';
import { refusal } from '../../shared/texts.js';

/** `/career report [days]`: the moderators' report, only to the moderator who asked. */
export async function runCareerReport(
  { command, respond }: CommandArgs,
  deps: SlackDeps,
  log: Logger,
  days: number | undefined,
): Promise<void> {
  if (!(await deps.moderators.isModerator(command.user_id))) {
    log.info('refused /career report to a non-moderator');
    await respond({ response_type: 'ephemeral', ...renderNotice(refusal('report', 'moderators')) });
    return;
  }
  if (!deps.store) {
    await respond({
      response_type: 'ephemeral',
      ...renderNotice('The report needs the data store, which this bot runs without.'),
    });
    return;
  }
  const report = await buildReport(deps.store, { days, titleOf: (topicId) => deps.bot.topic(topicId)?.title });
  await respond({ response_type: 'ephemeral', ...renderSlackReport(reportDocument(report)) });
  log.info({ days: report.days, groups: report.questions.length }, 'report shown');
}
