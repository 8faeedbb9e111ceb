import { webApi, type AllMiddlewareArgs, type App, type BlockAction, type SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../../src/logger.js';
import { giveFeedback } from '../../../src/use-cases/feedback.js';
import { openTopic } from '../../../src/use-cases/open-topic.js';
import type { SlackDeps } from '../deps.js';
import { APOLOGY, cooldownNote, feedbackThanks } from '../../shared/texts.js';
import { guard } from '../guard.js';
import { ACTIONS } from '../ids.js';
import { decodeShareValue } from '../state.js';
import { escapeMrkdwn } from '../escape.js';
import { renderNotice, renderReply } from '../render.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** The value an element carries: a button's value, or a select's chosen option. */
function valueOf(action: BlockAction['actions'][number]): string | undefined {
  if ('value' in action && typeof action.value === 'string') return action.value;
  if ('selected_option' in action && action.selected_option) return action.selected_option.value;
  return undefined;
}

function isEphemeral(body: BlockAction): boolean {
  return body.container['is_ephemeral'] === true || body.message === undefined;
}

function isDirectMessage(channel: string): boolean {
  return channel.startsWith('D');
}

/** Errors meaning "the bot may not post there": answer privately instead. */
function cannotPostThere(error: unknown): boolean {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== webApi.ErrorCode.PlatformError) return false;
  const reason = (error as webApi.WebAPIPlatformError).data.error;
  return reason === 'not_in_channel' || reason === 'channel_not_found' || reason === 'is_archived';
}

async function apologize({ respond }: ActionArgs): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, ...renderNotice(APOLOGY) });
}

/**
 * Show a topic's answer after a click. `replace` (a "Did you mean" choice) swaps the clarify
 * message for the answer; otherwise the answer is added: privately under a private message, in
 * the thread under a public one.
 */
async function showTopic(args: ActionArgs, deps: SlackDeps, log: Logger, mode: 'replace' | 'add'): Promise<void> {
  const { ack, action, body, respond, client } = args;
  await ack();
  const channel = body.channel?.id ?? String(body.container['channel_id'] ?? '');
  const message = body.message;
  const threadTs =
    typeof message?.thread_ts === 'string' ? message.thread_ts : isDirectMessage(channel) ? undefined : message?.ts;
  const reply = openTopic(
    { bot: deps.bot, log },
    {
      platform: 'slack',
      userId: body.user.id,
      topicId: valueOf(action) ?? '',
      via: mode === 'replace' ? 'suggestion' : 'button',
      // The same conversation keys as the ask use case's callers: a private answer is the
      // clicker's own in that channel, a public one belongs to its thread (or the DM).
      conversation: isEphemeral(body)
        ? `${channel}:${body.user.id}`
        : threadTs === undefined
          ? channel
          : `${channel}:${threadTs}`,
    },
  );
  if (!reply) {
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...renderNotice('That topic is no longer available. Try `/career help` for the current list.'),
    });
    return;
  }
  if (isEphemeral(body)) {
    await respond({
      response_type: 'ephemeral',
      replace_original: mode === 'replace',
      ...renderReply(reply, { ephemeral: true }),
    });
    return;
  }
  if (mode === 'replace') {
    await respond({ replace_original: true, ...renderReply(reply) });
    return;
  }
  try {
    await client.chat.postMessage({ channel, thread_ts: threadTs, ...renderReply(reply) });
  } catch (error) {
    if (!cannotPostThere(error)) throw error;
    // A message shared through response_url can live in a channel the bot has not joined.
    log.info({ err: error }, 'cannot post in this channel; answering privately');
    await respond({ response_type: 'ephemeral', replace_original: false, ...renderReply(reply, { ephemeral: true }) });
  }
}

/** "Share in channel" under a private answer: post it publicly, then remove the private copy. */
async function share(args: ActionArgs, deps: SlackDeps, log: Logger): Promise<void> {
  const { ack, action, body, respond } = args;
  await ack();
  const value = decodeShareValue(valueOf(action));
  const topic = value ? deps.bot.topic(value.topicId) : undefined;
  if (!value || !topic) {
    log.warn({ value: valueOf(action) }, 'share button without a known topic');
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...renderNotice('That answer is no longer available.'),
    });
    return;
  }
  const channel = body.channel?.id ?? String(body.container['channel_id'] ?? '');
  // Posting publicly: the channel cooldown applies, as on every platform. The private copy stays.
  const claim = await deps.cooldown.claim(channel, topic.id);
  if (!claim.ok) {
    log.info({ topicId: topic.id, previous: claim.previous }, 'topic on cooldown in this channel');
    const when = `<!date^${Math.floor(claim.previous.at / 1000)}^{ago}|moments ago>`;
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...renderNotice(cooldownNote(`*${escapeMrkdwn(topic.title)}*`, when)),
    });
    return;
  }
  try {
    await respond({
      response_type: 'in_channel',
      replace_original: false,
      ...renderReply(deps.bot.answer(topic), { sharedBy: body.user.id, question: value.question }),
    });
  } catch (error) {
    claim.release();
    throw error;
  }
  claim.posted(undefined);
  log.info({ topicId: topic.id }, 'answer shared in channel');
  try {
    await respond({ delete_original: true });
  } catch (err) {
    log.warn({ err }, 'shared, but could not remove the private copy');
  }
}

/** 👍 / 👎: the feedback use case (logged with topic and user, stored with topic only), then thanks privately. */
async function feedback(args: ActionArgs, deps: SlackDeps, log: Logger): Promise<void> {
  const { ack, action, body, respond } = args;
  await ack();
  const topicId = valueOf(action);
  if (!topicId) {
    log.warn('feedback button without a topic');
    return;
  }
  const { vote } = await giveFeedback(
    { bot: deps.bot, store: deps.store, log },
    { platform: 'slack', userId: body.user.id, topicId, vote: action.action_id === ACTIONS.feedbackUp ? 'up' : 'down' },
  );
  await respond({ response_type: 'ephemeral', replace_original: false, ...renderNotice(escapeMrkdwn(feedbackThanks(vote))) });
}

export function registerActions(app: App, deps: SlackDeps): void {
  const on = (actionId: string | RegExp, event: string, run: (args: ActionArgs, log: Logger) => Promise<void>) =>
    app.action<BlockAction>({ type: 'block_actions', action_id: actionId }, guard<ActionArgs>(deps, event, run, apologize));

  on(new RegExp(`^${ACTIONS.clarify}\\d+$`), 'action.clarify', (args, log) => showTopic(args, deps, log, 'replace'));
  on(new RegExp(`^${ACTIONS.show}\\d+$`), 'action.show', (args, log) => showTopic(args, deps, log, 'add'));
  on(ACTIONS.pick, 'action.pick', (args, log) => showTopic(args, deps, log, 'add'));
  on(ACTIONS.share, 'action.share', (args, log) => share(args, deps, log));
  on(new RegExp(`^(${ACTIONS.feedbackUp}|${ACTIONS.feedbackDown})$`), 'action.feedback', (args, log) =>
    feedback(args, deps, log),
  );
}
