import {
  webApi,
  type AllMiddlewareArgs,
  type App,
  type MessageShortcut,
  type SlackShortcutMiddlewareArgs,
  type SlackViewMiddlewareArgs,
  type ViewSubmitAction,
} from '@slack/bolt';
import { linkModeratorAnswer } from '../../../src/use-cases/moderator-link.js';
import type { SlackDeps } from '../deps.js';
import { APOLOGY, cooldownNote, linkRefusal } from '../../shared/texts.js';
import { guard } from '../guard.js';
import { ACTIONS, ANSWER_SHORTCUT, BLOCKS, LINK_MODAL } from '../ids.js';
import { decodeLinkTarget, type LinkTarget } from '../state.js';
import { renderLinkModal, renderNotice, renderReply } from '../render.js';
import { slackToPlain } from '../text.js';
import { MODERATOR_REFUSAL, SLACK_LINK_TEXTS } from './career-link.js';

type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;
type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const SUGGESTIONS = 5;

/** Why a post failed, in words a moderator can act on (shown under the picker). */
function postFailure(error: unknown): string {
  const reason =
    error instanceof Error && (error as { code?: unknown }).code === webApi.ErrorCode.PlatformError
      ? (error as webApi.WebAPIPlatformError).data.error
      : undefined;
  switch (reason) {
    case 'not_in_channel':
    case 'channel_not_found':
      return 'I cannot post in that channel: invite me first (/invite @careerbot), then try again.';
    case 'is_archived':
      return 'That channel is archived.';
    default:
      return APOLOGY;
  }
}

/**
 * Message shortcut "Answer with career FAQ" (moderators): a modal whose topic picker starts at the
 * matcher's best guess for the message; on submit, the answer goes to the message's thread,
 * mentioning its author, "shared by" the moderator.
 */
export function registerShortcut(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>(
    { type: 'message_action', callback_id: ANSWER_SHORTCUT },
    guard<ShortcutArgs>(
      deps,
      'shortcut',
      async ({ shortcut, ack, respond, client }, log) => {
        await ack();
        if (!(await deps.moderators.isModerator(shortcut.user.id))) {
          log.info('refused the shortcut to a non-moderator');
          await respond({ response_type: 'ephemeral', ...renderNotice(MODERATOR_REFUSAL) });
          return;
        }
        const { message } = shortcut;
        const target: LinkTarget = {
          channel: shortcut.channel.id,
          threadTs: typeof message.thread_ts === 'string' ? message.thread_ts : message.ts,
          // A bot's message has no user to mention.
          author: message.user,
          text: slackToPlain(message.text ?? ''),
        };
        const suggestions = deps.bot.suggest(target.text, SUGGESTIONS);
        await client.views.open({ trigger_id: shortcut.trigger_id, view: renderLinkModal(target, suggestions) });
        log.info({ suggested: suggestions.map((s) => s.id) }, 'opened the answer modal');
      },
      async ({ respond }) => {
        await respond({ response_type: 'ephemeral', ...renderNotice(APOLOGY) });
      },
    ),
  );

  app.view<ViewSubmitAction>(
    { type: 'view_submission', callback_id: LINK_MODAL },
    guard<SubmitArgs>(
      deps,
      'view_submission',
      async ({ ack, body, view, client }, log) => {
        const error = (text: string) => ack({ response_action: 'errors', errors: { [BLOCKS.topicPicker]: text } });
        const isModerator = await deps.moderators.isModerator(body.user.id);
        const target = decodeLinkTarget(view.private_metadata);
        if (isModerator && !target) {
          await error(APOLOGY);
          return;
        }
        const topicId = view.state.values[BLOCKS.topicPicker]?.[ACTIONS.topicPicker]?.selected_option?.value;
        // The message's text becomes a learned phrasing of the topic: the next such question is answered.
        const result = await linkModeratorAnswer(
          { bot: deps.bot, store: deps.store, log },
          {
            platform: 'slack',
            moderatorId: body.user.id,
            isModerator,
            topic: topicId ? { id: topicId } : null,
            forUserId: target?.author,
            text: target?.text ?? null,
            // A public post: the channel's topic cooldown applies, as on Discord.
            cooldown: target ? { policy: deps.cooldown, channelId: target.channel } : undefined,
          },
        );
        if (result.kind === 'refused' || !target) {
          await error(result.kind === 'refused' ? linkRefusal(result.reason, SLACK_LINK_TEXTS) : APOLOGY);
          return;
        }
        if (result.kind === 'cooled-down') {
          // A modal's error is plain text: no date formatting, no link.
          await error(cooldownNote(result.topic.title, 'recently'));
          return;
        }
        const topic = result.answer.topic;
        // Post before closing the modal, so a failure can be shown where the moderator is looking.
        try {
          await client.chat.postMessage({
            channel: target.channel,
            thread_ts: target.threadTs,
            ...renderReply(result.answer, { mention: result.forUserId, sharedBy: result.sharedBy }),
          });
        } catch (err) {
          result.claim.release();
          log.warn({ err, topicId: topic.id }, 'could not post the moderator answer');
          await error(postFailure(err));
          return;
        }
        result.claim.posted(undefined);
        await ack();
        log.info({ topicId: topic.id, channel: target.channel, author: target.author }, 'moderator answer posted');
      },
      async ({ ack }, _log, state) => {
        if (!state.acked) await ack({ response_action: 'errors', errors: { [BLOCKS.topicPicker]: APOLOGY } });
      },
    ),
  );
}
