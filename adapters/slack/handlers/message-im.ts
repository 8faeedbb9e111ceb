import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { guard } from '../guard.js';
import { answerMessage, apologizeIn, type Conversation } from './conversation.js';

type MessageArgs = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/** A direct message to the app: the answer in the DM (in the thread, when the user wrote in one). */
export function registerDirectMessage(app: App, deps: SlackDeps): void {
  app.event(
    'message',
    guard<MessageArgs>(
      deps,
      'message.im',
      async ({ event, client, context }, log) => {
        if (event.channel_type !== 'im') return;
        // Edits, deletions, joins and bot posts arrive as subtypes; only plain user messages are questions.
        if (event.subtype !== undefined || event.bot_id !== undefined) {
          log.debug({ subtype: event.subtype }, 'ignored a message that is not a user question');
          return;
        }
        const where: Conversation = { channel: event.channel, threadTs: event.thread_ts };
        await answerMessage(deps, client, log, where, event.user, event.text ?? '', context.botUserId);
      },
      async ({ event, client }) => {
        if (event.channel_type !== 'im') return;
        const threadTs = 'thread_ts' in event && typeof event.thread_ts === 'string' ? event.thread_ts : undefined;
        await apologizeIn(client, { channel: event.channel, threadTs });
      },
    ),
  );
}
