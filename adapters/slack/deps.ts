import type { CareerBot } from '../../src/bot.js';
import type { Logger } from '../../src/logger.js';
import type { InFlight } from './guard.js';
import type { ModeratorCheck } from './moderators.js';

/** What every handler gets: the core, the root logger, the moderator check and the in-flight tracker. */
export interface SlackDeps {
  bot: CareerBot;
  logger: Logger;
  moderators: ModeratorCheck;
  inFlight: InFlight;
}
