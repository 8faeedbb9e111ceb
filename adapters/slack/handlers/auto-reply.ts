import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../../src/logger.js';
import { recordFeedback } from '../../../src/store/record.js';
import { decideAutoReply, logAutoReply, recordAutoReplyEvent, type AutoReplyMessage } from '../../../src/use-cases/auto-reply.js';
import { APOLOGY } from '../../shared/texts.js';
import { REMOVE_REFUSED } from '../../shared/auto-reply-texts.js';
import type { SlackDeps } from '../deps.js';
import { guard } from '../guard.js';
import { renderNotice } from '../render.js';
import { slackToPlain } from '../text.js';
import { AUTO_REPLY_ACTIONS, decodeAutoReplyValue, renderAutoReply } from './auto-reply-render.js';

type MessageArgs = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;
type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** Subtypes that are still a person's new message (a file with its text); every other subtype is not. */
const NEW_MESSAGE_SUBTYPES = new Set([undefined, 'file_share']);

/**
 * Issue 13 on Slack: in an auto-reply channel (`/career autoreply on`, SLACK_AUTO_REPLY_CHANNELS), a
 * person's new top-level message gets the FAQ's answer in a thread when the matcher is very sure.
 * Needs the `message.channels` / `message.groups` events (and their history scopes).
 */
async function onChannelMessage({ event, client, context }: MessageArgs, deps: SlackDeps, log: Logger): Promise<void> {
  if (event.channel_type !== 'channel' && event.channel_type !== 'group') return;
  const { autoReply } = deps;
  if (!(await autoReply.channels.isOn(event.channel))) return;
  const subtype = 'subtype' in event ? event.subtype : undefined;
  const raw = event as { text?: unknown; user?: unknown; bot_id?: unknown; thread_ts?: unknown; ts: string };
  // Thread replies are part of a conversation people are having: not new questions.
  if (typeof raw.thread_ts === 'string' && raw.thread_ts !== raw.ts) return;
  const text = typeof raw.text === 'string' ? raw.text : '';
  // A message that mentions the bot is answered by the app_mention handler already.
  if (context.botUserId && text.includes(`<@${context.botUserId}`)) return;
  const user = typeof raw.user === 'string' ? raw.user : '';
  const message: AutoReplyMessage = {
    platform: 'slack',
    channelId: event.channel,
    userId: user,
    text: slackToPlain(text),
    fromBot: raw.bot_id !== undefined || subtype === 'bot_message' || user === '' || user === context.botUserId,
    edited: subtype === 'message_changed',
  };
  if (!NEW_MESSAGE_SUBTYPES.has(subtype) && !message.fromBot && !message.edited) {
    log.debug({ subtype }, 'auto-reply ignores this kind of message');
    return;
  }
  // Slack retries an event it thinks was not received: one reply per message, whatever arrives.
  if (!autoReply.firstTime(`${event.channel}:${raw.ts}`)) return;
  const decision = await decideAutoReply(
    { bot: deps.bot, log, cooldown: deps.cooldown, channelLimit: autoReply.channelLimit, threshold: autoReply.threshold },
    message,
  );
  logAutoReply(log, message, decision);
  if (!decision.post) return;
  try {
    const posted = await client.chat.postMessage({
      channel: event.channel,
      thread_ts: raw.ts,
      unfurl_links: false,
      unfurl_media: false,
      ...renderAutoReply(decision.reply, user),
    });
    decision.posted(typeof posted.ts === 'string' ? posted.ts : undefined);
  } catch (error) {
    decision.release();
    throw error;
  }
  await recordAutoReplyEvent(deps.store, log, {
    platform: 'slack',
    channelId: event.channel,
    topicId: decision.reply.topic.id,
    kind: 'posted',
  });
}

function valueOf(action: BlockAction['actions'][number]): string | undefined {
  return 'value' in action && typeof action.value === 'string' ? action.value : undefined;
}

async function onFeedback(args: ActionArgs, deps: SlackDeps, log: Logger): Promise<void> {
  const { ack, action, body, respond } = args;
  await ack();
  const value = decodeAutoReplyValue(valueOf(action));
  const vote = action.action_id === AUTO_REPLY_ACTIONS.up ? 'up' : 'down';
  const channelId = body.channel?.id ?? '';
  log.info({ topicId: value?.topicId, userId: body.user.id, vote, autoReply: true }, 'feedback');
  if (value && deps.bot.topic(value.topicId)) {
    await recordFeedback(deps.store, log, { platform: 'slack', topicId: value.topicId, vote });
    await recordAutoReplyEvent(deps.store, log, { platform: 'slack', channelId, topicId: value.topicId, kind: vote });
  }
  await respond({ response_type: 'ephemeral', replace_original: false, ...renderNotice('Thanks for the feedback!') });
}

/** "Not helpful, remove": the asker or a moderator deletes the automatic reply. */
async function onRemove(args: ActionArgs, deps: SlackDeps, log: Logger): Promise<void> {
  const { ack, action, body, respond, client } = args;
  await ack();
  const value = decodeAutoReplyValue(valueOf(action));
  const clicker = body.user.id;
  const channelId = body.channel?.id ?? String(body.container['channel_id'] ?? '');
  const ts = body.message?.ts;
  if (!value || !ts) {
    log.warn({ value: valueOf(action) }, 'remove button without its message');
    return;
  }
  if (clicker !== value.askerId && !(await deps.moderators.isModerator(clicker))) {
    log.info({ userId: clicker }, 'refused to remove an automatic reply');
    await respond({ response_type: 'ephemeral', replace_original: false, ...renderNotice(REMOVE_REFUSED) });
    return;
  }
  await client.chat.delete({ channel: channelId, ts });
  log.info({ topicId: value.topicId, userId: clicker, byAsker: clicker === value.askerId }, 'auto-reply removed');
  await recordAutoReplyEvent(deps.store, log, { platform: 'slack', channelId, topicId: value.topicId, kind: 'removed' });
}

export function registerAutoReply(app: App, deps: SlackDeps): void {
  app.event(
    'message',
    guard<MessageArgs>(deps, 'message.channels', (args, log) => onChannelMessage(args, deps, log)),
  );
  const apologize = async ({ respond }: ActionArgs) => {
    await respond({ response_type: 'ephemeral', replace_original: false, ...renderNotice(APOLOGY) });
  };
  app.action<BlockAction>(
    { type: 'block_actions', action_id: new RegExp(`^(${AUTO_REPLY_ACTIONS.up}|${AUTO_REPLY_ACTIONS.down})$`) },
    guard<ActionArgs>(deps, 'action.autoreply_feedback', (args, log) => onFeedback(args, deps, log), apologize),
  );
  app.action<BlockAction>(
    { type: 'block_actions', action_id: AUTO_REPLY_ACTIONS.remove },
    guard<ActionArgs>(deps, 'action.autoreply_remove', (args, log) => onRemove(args, deps, log), apologize),
  );
}
