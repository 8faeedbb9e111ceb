import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { guard } from '../guard.js';
import { answerMessage, apologizeIn, type Conversation } from './conversation.js';

type MentionArgs = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;

function threadOf(event: MentionArgs['event']): Conversation {
  // In a channel the answer always goes to a thread, so a conversation is not buried.
  return { channel: event.channel, threadTs: event.thread_ts ?? event.ts };
}

/** `@careerbot is sql a backend language?` in a channel: the answer as a threaded reply. */
export function registerMention(app: App, deps: SlackDeps): void {
  app.event(
    'app_mention',
    guard<MentionArgs>(
      deps,
      'app_mention',
      async ({ event, client, context }, log) => {
        // Bolt drops our own messages; other bots' mentions would start bot-to-bot loops.
        if (event.bot_id !== undefined || event.subtype !== undefined || event.user === undefined) {
          log.debug('ignored a mention from a bot');
          return;
        }
        await answerMessage(deps, client, log, threadOf(event), event.user, event.text, context.botUserId);
      },
      async ({ event, client }) => apologizeIn(client, threadOf(event)),
    ),
  );
}
