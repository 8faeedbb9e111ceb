import type { CareerBot } from '../../src/bot.js';
import type { Logger } from '../../src/logger.js';
import type { TopicCooldown } from '../../src/policies/cooldown.js';
import type { CareerStore } from '../../src/store/store.js';
import type { AutoReplySetup } from '../../src/use-cases/auto-reply.js';
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AfterAcks } from '../shared/after-acks.js';
import type { InFlight } from '../shared/in-flight.js';
import type { ModeratorCheck } from './moderators.js';

/** What every handler gets: the core, the root logger, the moderator check, the in-flight tracker and the store. */
export interface SlackDeps {
  bot: CareerBot;
  logger: Logger;
  moderators: ModeratorCheck;
  inFlight: InFlight;
  /** Where each handler waits, after its acknowledgement, for its turn to do the work. */
  afterAcks: AfterAcks;
  /** Public answers: the same topic is not posted in one channel twice within the window. */
  cooldown: TopicCooldown;
  /** Where questions, feedback and moderator links are recorded (none: nothing is recorded). */
  store?: CareerStore | undefined;
  /** Automatic replies in the channels moderators chose (issue 13). */
  autoReply: AutoReplySetup;
}

/** What Bolt hands a `/career` command listener (and its `link` and `report` sub-commands). */
export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
