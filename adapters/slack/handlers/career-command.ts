import type { App } from '@slack/bolt';
import { recordQuestion } from '../../../src/store/record.js';
import type { CommandArgs, SlackDeps } from '../deps.js';
import { APOLOGY } from '../../shared/texts.js';
import { guard } from '../guard.js';
import { COMMAND } from '../ids.js';
import { renderNotice, renderReply } from '../render.js';
import { slackToPlain } from '../text.js';
import { runCareerLink } from './career-link.js';
import { runCareerReport } from './career-report.js';

/**
 * `/career <question>`: the answer only the asker sees, with "Share in channel".
 * `/career` or `/career help`: the topic list. `/career link …` and `/career report [days]`: moderators.
 */
export function registerCareerCommand(app: App, deps: SlackDeps): void {
  app.command(
    COMMAND,
    guard<CommandArgs>(
      deps,
      'command',
      async (args, log) => {
        const { command, ack, respond } = args;
        // Acknowledge first: Slack gives a command 3 seconds, and respond() works for 30 minutes.
        await ack();
        const text = command.text.trim();
        const link = /^link(?:\s+|$)/i.exec(text);
        if (link) {
          await runCareerLink(args, deps, log, text.slice(link[0].length));
          return;
        }
        const report = /^report(?:\s+(\d{1,4}))?$/i.exec(text);
        if (report) {
          await runCareerReport(args, deps, log, report[1] === undefined ? undefined : Number(report[1]));
          return;
        }
        const question = slackToPlain(text);
        // Help is not a question: it does not count against the asker's rate limit.
        const help = question === '' || /^help$/i.test(question);
        const { reply, match } = help ? deps.bot.ask('') : await deps.bot.askAs(question, { user: `slack:${command.user_id}` });
        await respond({ response_type: 'ephemeral', ...renderReply(reply, { ephemeral: true, question }) });
        log.info(
          { outcome: reply.kind, topicId: reply.kind === 'answer' ? reply.topic.id : undefined, confidence: match?.confidence },
          'answered',
        );
        await recordQuestion(deps.store, log, { platform: 'slack', channelId: command.channel_id, text: question, reply });
      },
      async ({ respond }) => {
        await respond({ response_type: 'ephemeral', ...renderNotice(APOLOGY) });
      },
    ),
  );
}
