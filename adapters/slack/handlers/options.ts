import type { AllMiddlewareArgs, App, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { guard } from '../guard.js';
import { ACTIONS } from '../ids.js';
import { decodeLinkTarget } from '../state.js';
import { LIMITS, topicOption } from '../blocks.js';

type OptionsArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;

const SEARCH_RESULTS = 20;
const BEST_FIRST = 5;

/**
 * The moderator picker's options, served by the matcher: while the box is empty, the best
 * topics for the message being answered and then every other topic; once the moderator types,
 * the best topics for what they typed.
 */
export function registerTopicOptions(app: App, deps: SlackDeps): void {
  app.options<'block_suggestion'>(
    { type: 'block_suggestion', action_id: ACTIONS.topicPicker },
    guard<OptionsArgs>(
      deps,
      'options',
      async ({ options, ack }, log) => {
        const typed = options.value.trim();
        let topics;
        if (typed === '') {
          const messageText = decodeLinkTarget(options.view?.private_metadata)?.text ?? '';
          const best = messageText === '' ? [] : deps.bot.suggest(messageText, BEST_FIRST);
          const seen = new Set(best.map((topic) => topic.id));
          topics = [...best, ...deps.bot.topics().filter((topic) => !seen.has(topic.id))];
        } else {
          topics = deps.bot.suggest(typed, SEARCH_RESULTS);
        }
        await ack({ options: topics.slice(0, LIMITS.selectOptions).map(topicOption) });
        log.debug({ results: topics.length }, 'served topic options');
      },
      async ({ ack }, _log, state) => {
        if (!state.acked) await ack({ options: [] });
      },
    ),
  );
}
