import type { CareerBot } from '../../src/bot.js';
import type { Logger } from '../../src/logger.js';
import type { TopicCooldown } from '../../src/policies/cooldown.js';
import type { CareerStore } from '../../src/store/store.js';
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { InFlight } from '../shared/in-flight.js';
import type { ModeratorCheck } from './moderators.js';

/** What every handler gets: the core, the root logger, the moderator check, the in-flight tracker and the store. */
export interface SlackDeps {
  bot: CareerBot;
  logger: Logger;
  moderators: ModeratorCheck;
  inFlight: InFlight;
  /** Public answers: the same topic is not posted in one channel twice within the window. */
  cooldown: TopicCooldown;
  /** Where questions, feedback and moderator links are recorded (none: nothing is recorded). */
  store?: CareerStore | undefined;
}

/** What Bolt hands a `/career` command listener (and its `link` and `report` sub-commands). */
export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
