import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageComponentInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { CareerBot } from '../../src/bot.js';
import type { DiscordConfig } from './config.js';
import type { Logger } from '../../src/logger.js';
import type { CareerStore } from '../../src/store/store.js';
import type { TopicCooldown } from '../../src/policies/cooldown.js';
import type { AutoReplySetup } from '../../src/use-cases/auto-reply.js';
import type { CustomId } from './custom-ids.js';
import type { MessageTexts } from './message-texts.js';

/** What every handler gets: the core, configuration, shared state, and a logger for this interaction. */
export interface HandlerContext {
  bot: CareerBot;
  config: DiscordConfig;
  cooldown: TopicCooldown;
  /** Child logger carrying platform, interaction id, command, user and guild. */
  log: Logger;
  /** Where questions, feedback and moderator links are recorded (none: nothing is recorded). */
  store?: CareerStore | undefined;
  /** Texts of messages a moderator is answering, until the topic is picked. */
  messageTexts: MessageTexts;
  /** Where automatic replies are on (issue 13). */
  autoReply?: AutoReplySetup | undefined;
}

export interface SlashCommand {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: HandlerContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: HandlerContext): Promise<void>;
}

export interface MessageCommand {
  definition: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(interaction: MessageContextMenuCommandInteraction, ctx: HandlerContext): Promise<void>;
}

export type ComponentHandler<K extends CustomId['kind']> = (
  interaction: MessageComponentInteraction,
  id: Extract<CustomId, { kind: K }>,
  ctx: HandlerContext,
) => Promise<unknown>;

export type ComponentHandlers = { [K in CustomId['kind']]: ComponentHandler<K> };
