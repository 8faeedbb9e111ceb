import type { Logger } from '../../../src/logger.js';
import { recordModeratorLink } from '../../../src/use-cases/moderator-link.js';
import type { CommandArgs, SlackDeps } from '../deps.js';
import { COMMAND } from '../ids.js';
import { escapeMrkdwn, quoted, renderNotice, renderReply } from '../render.js';
import { parseLinkArguments, slackToPlain } from '../text.js';
import { refusal } from '../../shared/texts.js';

export const MODERATOR_REFUSAL = refusal(
  'post',
  'moderators',
  `Ask your own question with \`${COMMAND} <question>\`: only you will see the answer, and you can share it.`,
);

const USAGE = `Usage: \`${COMMAND} link <topic id or words> [@user]\`, for example \`${COMMAND} link sql-backend-language @ann\`. \`${COMMAND} help\` lists the topics.`;

/** `/career link <topic id or words> [@user]`: a moderator posts an answer publicly, addressing the user. */
export async function runCareerLink(
  { command, respond }: CommandArgs,
  deps: SlackDeps,
  log: Logger,
  rest: string,
): Promise<void> {
  const ephemeral = (mrkdwn: string) => respond({ response_type: 'ephemeral', ...renderNotice(mrkdwn) });
  if (!(await deps.moderators.isModerator(command.user_id))) {
    log.info('refused /career link to a non-moderator');
    await ephemeral(MODERATOR_REFUSAL);
    return;
  }
  const { query, userId, unresolved } = parseLinkArguments(rest);
  if (unresolved) {
    await ephemeral(
      `I can't tell who ${escapeMrkdwn(unresolved)} is: pick the person from Slack's @ suggestions so the mention is a link. (The command needs "Escape channels, users, and links" turned on, as in the manifest.)`,
    );
    return;
  }
  const words = slackToPlain(query);
  if (words === '') {
    await ephemeral(USAGE);
    return;
  }
  const topic = deps.bot.find(words);
  if (!topic) {
    await ephemeral(`No topic matches ${quoted(words)}. ${USAGE}`);
    return;
  }
  // A response_url in_channel post works in any channel the command was typed in, member or not.
  await respond({
    response_type: 'in_channel',
    ...renderReply(deps.bot.answer(topic), { mention: userId, sharedBy: command.user_id }),
  });
  log.info({ topicId: topic.id, mentioned: userId }, 'moderator linked an answer');
  // No message text here (only the topic words), so nothing to learn: the link is recorded for the report.
  await recordModeratorLink(deps.store, log, deps.bot, {
    platform: 'slack',
    topicId: topic.id,
    moderatorId: command.user_id,
    text: null,
  });
}
