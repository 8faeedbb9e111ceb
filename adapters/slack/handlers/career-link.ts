import type { Logger } from '../../../src/logger.js';
import { linkModeratorAnswer } from '../../../src/use-cases/moderator-link.js';
import type { CommandArgs, SlackDeps } from '../deps.js';
import { COMMAND } from '../ids.js';
import { escapeMrkdwn, quoted } from '../escape.js';
import { renderNotice, renderReply } from '../render.js';
import { parseLinkArguments, slackToPlain } from '../text.js';
import { linkRefusal, type LinkTextParts } from '../../shared/texts.js';

/** Slack's pieces of the moderator link's texts (adapters/shared/texts.ts). */
export const SLACK_LINK_TEXTS: LinkTextParts = { moderators: 'moderators', ask: `\`${COMMAND} <question>\`` };

export const MODERATOR_REFUSAL = linkRefusal('not-moderator', SLACK_LINK_TEXTS);

/** What `/career link` adds when no topic was given or found: how to name one. */
export const LINK_USAGE = `Usage: \`${COMMAND} link <topic id or words> [@user]\`, for example \`${COMMAND} link sql-backend-language @ann\`. \`${COMMAND} help\` lists the topics.`;

/** `/career link <topic id or words> [@user]`: a moderator posts an answer publicly, addressing the user. */
export async function runCareerLink(
  { command, respond }: CommandArgs,
  deps: SlackDeps,
  log: Logger,
  rest: string,
): Promise<void> {
  const ephemeral = (mrkdwn: string) => respond({ response_type: 'ephemeral', ...renderNotice(mrkdwn) });
  const isModerator = await deps.moderators.isModerator(command.user_id);
  const { query, userId, unresolved } = parseLinkArguments(rest);
  if (isModerator && unresolved) {
    await ephemeral(
      `I can't tell who ${escapeMrkdwn(unresolved)} is: pick the person from Slack's @ suggestions so the mention is a link. (The command needs "Escape channels, users, and links" turned on, as in the manifest.)`,
    );
    return;
  }
  // No message text here (only the topic words), so nothing to learn: the link is recorded for the report.
  const result = await linkModeratorAnswer(
    { bot: deps.bot, store: deps.store, log },
    {
      platform: 'slack',
      moderatorId: command.user_id,
      isModerator,
      topic: { words: slackToPlain(query) },
      forUserId: userId,
      text: null,
    },
  );
  if (result.kind === 'refused') {
    const words = result.words === undefined ? undefined : quoted(result.words);
    await ephemeral(linkRefusal(result.reason, { ...SLACK_LINK_TEXTS, pick: LINK_USAGE, words }));
    return;
  }
  // A response_url in_channel post works in any channel the command was typed in, member or not.
  await respond({
    response_type: 'in_channel',
    ...renderReply(result.answer, { mention: result.forUserId, sharedBy: result.sharedBy }),
  });
  log.info({ topicId: result.answer.topic.id, mentioned: userId }, 'moderator linked an answer');
}
