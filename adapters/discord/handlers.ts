import type { RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';
import { answerWithFaq, shareSelected } from './commands/answer-with-faq.js';
import { careerAutoReply } from './commands/career-autoreply.js';
import { careerLink } from './commands/career-link.js';
import { careerReport } from './commands/career-report.js';
import { career } from './commands/career.js';
import { recordFeedback } from './components/feedback.js';
import { pickTopic, selectTopic, showTopic, topicsPage } from './components/topics.js';
import type { ComponentHandlers, MessageCommand, SlashCommand } from './context.js';

/** Every command and component handler, by name or custom-id kind: the router's table and the deploy script's list. */

export const slashCommands: ReadonlyMap<string, SlashCommand> = new Map(
  [career, careerLink, careerReport, careerAutoReply].map((command) => [command.definition.name, command]),
);

export const messageCommands: ReadonlyMap<string, MessageCommand> = new Map(
  [answerWithFaq].map((command) => [command.definition.name, command]),
);

export const componentHandlers: ComponentHandlers = {
  pick: pickTopic,
  show: showTopic,
  feedback: recordFeedback,
  'topics-page': topicsPage,
  'topics-select': selectTopic,
  share: shareSelected,
};

/** The JSON `npm run discord:deploy` registers. */
export function commandDefinitions(): RESTPutAPIApplicationCommandsJSONBody {
  return [...[...slashCommands.values()].map((c) => c.definition), ...[...messageCommands.values()].map((c) => c.definition)];
}
