import { Client, DiscordAPIError, Events, GatewayIntentBits, RESTEvents, RESTJSONErrorCodes, type Interaction } from 'discord.js';
import type { CareerBot } from '../../src/bot.js';
import type { DiscordConfig } from './config.js';
import type { Logger } from '../../src/logger.js';
import type { SharedState } from '../../src/store/shared.js';
import type { CareerStore } from '../../src/store/store.js';
import { createAutoReply, type AutoReplySetup } from '../../src/use-cases/auto-reply.js';
import { AUTO_REPLY_PREFIX, DiscordAutoReply } from './auto-reply.js';
import { DEFAULT_DRAIN_MS, InFlight } from '../shared/in-flight.js';
import { APOLOGY } from '../shared/texts.js';
import type { HandlerContext } from './context.js';
import { TopicCooldown } from '../../src/policies/cooldown.js';
import { decodeCustomId, type CustomId } from './custom-ids.js';
import { loggableError } from './errors.js';
import { componentHandlers, messageCommands, slashCommands } from './handlers.js';
import { MessageTexts } from './message-texts.js';
import { allowedMentions } from './render.js';
import { privately, replyPrivately } from './respond.js';

/**
 * The discord.js Client and the routing around it: interactions in, one handler each, and one
 * central error handler that logs with context and answers the user briefly, so no failure of
 * ours or of Discord's ever crashes the process. discord.js itself handles reconnects.
 */

/** A discord.js Client with only the Guilds intent (no privileged intents), talking to `config.apiUrl` when set. */
export function createClient(config: Pick<DiscordConfig, 'apiUrl' | 'messageContent'>): Client {
  return new Client({
    // Guilds brings forum posts (thread create); text channels' messages need the privileged
    // Message Content intent, asked for only when the operator says it is enabled (else Discord closes with 4014).
    intents: config.messageContent
      ? [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent]
      : [GatewayIntentBits.Guilds],
    // A default for everything sent through discord.js; each message also sets its own.
    allowedMentions: allowedMentions(),
    rest: config.apiUrl ? { api: config.apiUrl.replace(/\/+$/, '') } : {},
  });
}

export interface DiscordAdapterOptions {
  config: DiscordConfig;
  bot: CareerBot;
  logger: Logger;
  /** Shared cooldown state; tests pass one with their own clock. */
  cooldown?: TopicCooldown;
  /** Records unanswered questions, feedback and moderator links (issue 7); optional. */
  store?: CareerStore | undefined;
  /** How long `stop()` waits for in-flight interactions before closing the connection anyway. */
  drainTimeoutMs?: number | undefined;
  /** Where the auto-reply channel list survives restarts (the app store). */
  settings?: SharedState | undefined;
  autoReplyThreshold?: number | undefined;
}

export class DiscordAdapter {
  readonly name = 'discord';
  readonly client: Client;
  private readonly cooldown: TopicCooldown;
  private readonly logger: Logger;
  private readonly inFlight = new InFlight();
  private readonly messageTexts = new MessageTexts();
  private stopping = false;
  readonly autoReplySetup: AutoReplySetup;
  private readonly autoReply: DiscordAutoReply;

  constructor(private readonly options: DiscordAdapterOptions) {
    this.logger = options.logger.child({ platform: 'discord' });
    this.cooldown = options.cooldown ?? new TopicCooldown({ seconds: options.config.cooldownSeconds });
    this.client = createClient(options.config);
    this.autoReplySetup = createAutoReply({
      platform: 'discord',
      fixed: options.config.autoReplyChannels ?? [],
      settings: options.settings,
      onSharedError: (err) => this.logger.warn({ err }, 'shared auto-reply limit unavailable: counting in this process'),
      threshold: options.autoReplyThreshold,
    });
    this.autoReply = new DiscordAutoReply({
      client: this.client,
      bot: options.bot,
      config: options.config,
      cooldown: this.cooldown,
      logger: options.logger,
      store: options.store,
      setup: this.autoReplySetup,
      track: (work) => void this.inFlight.track(work),
      isStopping: () => this.stopping,
    });
    this.autoReply.attach();
    this.client.on(Events.InteractionCreate, (interaction) => this.accept(interaction));
    // Without an 'error' listener an EventEmitter error would throw; log and let discord.js recover.
    this.client.on(Events.Error, (err) => this.logger.error({ err }, 'discord client error'));
    this.client.on(Events.Warn, (message) => this.logger.warn(message));
    this.client.on(Events.ShardError, (err, shard) => this.logger.error({ err, shard }, 'gateway connection error'));
    this.client.on(Events.ShardDisconnect, (event, shard) =>
      this.logger.warn({ code: event.code, shard }, 'gateway disconnected'),
    );
    this.client.on(Events.ShardReconnecting, (shard) => {
      // stop() closes the connection too, and discord.js reports that as a reconnect: not news while stopping.
      if (!this.stopping) this.logger.info({ shard }, 'gateway reconnecting');
    });
    this.client.on(Events.ShardResume, (shard, replayed) => this.logger.info({ shard, replayed }, 'gateway resumed'));
    this.client.rest.on(RESTEvents.RateLimited, (info) =>
      this.logger.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited by Discord'),
    );
  }

  /** Log in and resolve once the gateway session is ready. */
  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    await this.client.login(this.options.config.token);
    await ready;
    this.logger.info(
      {
        user: this.client.user?.tag,
        guilds: this.client.guilds.cache.size,
        topics: this.options.bot.topics().length,
        // Which of how many shards this connection is (a shard process's line says which servers it holds).
        shards: this.client.options.shards,
        shardCount: this.client.options.shardCount,
      },
      'discord adapter ready',
    );
    if (!this.options.config.messageContent) {
      this.logger.info(
        'auto-reply: forum posts are matched on their title only, and text channels are not answered, until the Message Content intent is enabled in the Developer Portal and DISCORD_MESSAGE_CONTENT=true is set',
      );
    }
  }

  /** Stop taking interactions, let in-flight ones finish (bounded by the drain timeout), then close the gateway connection. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.inFlight.size > 0) {
      this.logger.info({ pending: this.inFlight.size }, 'waiting for in-flight interactions');
      const drained = await this.inFlight.drain(this.options.drainTimeoutMs ?? DEFAULT_DRAIN_MS);
      if (!drained) this.logger.warn({ running: this.inFlight.size }, 'stopping with discord interactions still running');
    }
    await this.client.destroy();
    this.logger.info('discord adapter stopped');
  }

  private accept(interaction: Interaction): void {
    if (this.stopping) {
      this.logger.debug({ interactionId: interaction.id }, 'interaction ignored while stopping');
      return;
    }
    let log: Logger;
    try {
      log = this.options.logger.child({
        platform: 'discord',
        interactionId: interaction.id,
        command: describe(interaction),
        user: interaction.user.id,
        guild: interaction.guildId ?? undefined,
      });
    } catch (err) {
      // An event listener must not throw into discord.js's gateway handling.
      this.logger.error({ err, interactionId: interaction.id }, 'could not read the interaction');
      return;
    }
    void this.inFlight.track(this.handle(interaction, log));
  }

  private async handle(interaction: Interaction, log: Logger): Promise<void> {
    const started = performance.now();
    const ctx: HandlerContext = {
      bot: this.options.bot,
      config: this.options.config,
      cooldown: this.cooldown,
      log,
      store: this.options.store,
      messageTexts: this.messageTexts,
      autoReply: this.autoReplySetup,
    };
    try {
      await this.route(interaction, ctx);
      log.debug({ ms: Math.round(performance.now() - started) }, 'interaction handled');
    } catch (error) {
      await this.fail(interaction, error, log);
    }
  }

  private async route(interaction: Interaction, ctx: HandlerContext): Promise<void> {
    if (interaction.isAutocomplete()) {
      const command = slashCommands.get(interaction.commandName);
      if (command?.autocomplete) await command.autocomplete(interaction, ctx);
      else await interaction.respond([]);
      return;
    }
    if (interaction.isChatInputCommand()) {
      const command = slashCommands.get(interaction.commandName);
      if (command) return command.execute(interaction, ctx);
      return this.unknown(interaction, ctx);
    }
    if (interaction.isMessageContextMenuCommand()) {
      const command = messageCommands.get(interaction.commandName);
      if (command) return command.execute(interaction, ctx);
      return this.unknown(interaction, ctx);
    }
    if (interaction.isMessageComponent() && interaction.customId.startsWith(`${AUTO_REPLY_PREFIX}:`)) {
      return this.autoReply.handleComponent(interaction, ctx.log);
    }
    if (interaction.isMessageComponent()) {
      const id = decodeCustomId(interaction.customId);
      if (!id) return this.unknown(interaction, ctx);
      // The table pairs each kind with its handler; TypeScript cannot follow the pairing through the index.
      const handler = componentHandlers[id.kind] as (
        i: typeof interaction,
        id: CustomId,
        ctx: HandlerContext,
      ) => Promise<unknown>;
      await handler(interaction, id, ctx);
      return;
    }
    ctx.log.debug({ type: interaction.type }, 'interaction type not handled');
  }

  private async unknown(interaction: Interaction, ctx: HandlerContext): Promise<void> {
    ctx.log.warn('unknown command or component (are the deployed commands out of date? run npm run discord:deploy)');
    if (interaction.isRepliable()) {
      await replyPrivately(interaction, 'I do not know this command or button any more. Try `/career help`.');
    }
  }

  /** The central error handler: log with the interaction's context, tell the user briefly, never throw. */
  private async fail(interaction: Interaction, error: unknown, log: Logger): Promise<void> {
    log.error({ err: loggableError(error) }, 'interaction failed');
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction) {
      return; // expired or already answered: there is nothing left to answer
    }
    try {
      if (interaction.isAutocomplete()) {
        if (!interaction.responded) await interaction.respond([]);
      } else if (interaction.isRepliable()) {
        if (interaction.deferred || interaction.replied) await interaction.followUp(privately(APOLOGY));
        else await interaction.reply(privately(APOLOGY));
      }
    } catch (secondary) {
      log.warn({ err: loggableError(secondary) }, 'could not tell the user about the failure');
    }
  }
}

/** A short label for logs: `/career ask`, `Answer with career FAQ`, `component:pick`. */
function describe(interaction: Interaction): string {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
    const sub = interaction.options.getSubcommand(false);
    return `/${interaction.commandName}${sub ? ` ${sub}` : ''}${interaction.isAutocomplete() ? ' (autocomplete)' : ''}`;
  }
  if (interaction.isCommand()) return interaction.commandName;
  if (interaction.isMessageComponent()) return `component:${decodeCustomId(interaction.customId)?.kind ?? 'unknown'}`;
  return `type:${interaction.type}`;
}
