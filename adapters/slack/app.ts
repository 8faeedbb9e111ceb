import type { ServerResponse } from 'node:http';
import { App, type CodedError, type webApi } from '@slack/bolt';
import type { CareerBot } from '../../src/bot.js';
import type { SlackConfig } from './config.js';
import { CareerbotError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import { DEFAULT_COOLDOWN_SECONDS, TopicCooldown } from '../../src/policies/cooldown.js';
import type { SharedState } from '../../src/store/shared.js';
import type { CareerStore } from '../../src/store/store.js';
import { createAutoReply } from '../../src/use-cases/auto-reply.js';
import { boltLogger } from './bolt-logger.js';
import { httpFetch } from './http-fetch.js';
import type { SlackDeps } from './deps.js';
import { AfterAcks } from '../shared/after-acks.js';
import { InFlight } from '../shared/in-flight.js';
import { registerActions } from './handlers/actions.js';
import { registerAutoReply } from './handlers/auto-reply.js';
import { registerCareerCommand } from './handlers/career-command.js';
import { registerHome } from './handlers/home.js';
import { registerMention } from './handlers/mention.js';
import { registerDirectMessage } from './handlers/message-im.js';
import { registerTopicOptions } from './handlers/options.js';
import { registerShortcut } from './handlers/shortcut.js';
import { createModeratorCheck } from './moderators.js';

export interface SlackAppOptions {
  config: SlackConfig;
  bot: CareerBot;
  logger: Logger;
  /** Records unanswered questions, feedback and moderator links (issue 7); optional. */
  store?: CareerStore | undefined;
  /**
   * Hold each HTTP response until its handler finishes. Tests use it for determinism; production
   * leaves it off so slow work never delays Slack's 3-second acknowledgement.
   */
  processBeforeResponse?: boolean;
  /** The per-channel topic cooldown for public answers (default: 60 s); tests pass one with their own clock. */
  cooldown?: TopicCooldown | undefined;
  /** Merged over the defaults (API URL from config, a request timeout, a short retry policy). */
  clientOptions?: webApi.WebClientOptions;
  /** Where the auto-reply channel list is kept across restarts (the app store); none: memory only. */
  settings?: SharedState | undefined;
  /** The auto-reply confidence threshold (default: DEFAULT_AUTO_REPLY_THRESHOLD). */
  autoReplyThreshold?: number | undefined;
}

export interface SlackApp {
  app: App;
  mode: 'socket' | 'http';
  deps: SlackDeps;
  /** Stop taking new events (already-running handlers continue). */
  refuseNewEvents(): void;
}

/**
 * A Web API call never hangs a handler (and so `stop()`) for long; calls and `respond()` go through
 * node:http with kept-alive connections rather than the global fetch (http-fetch.ts).
 */
const DEFAULT_CLIENT_OPTIONS: webApi.WebClientOptions = {
  fetch: httpFetch,
  timeout: 10_000,
  retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 3_000 },
};

/** How long /healthz waits for the store before calling it unreachable (a load balancer's check is short). */
export const HEALTH_STORE_TIMEOUT_MS = 2_000;

/**
 * Readiness for a load balancer: 200 `{ready:true}` when knowledge is loaded and the store answers,
 * 503 `{ready:false, reason}` otherwise (and while stopping), so traffic goes to replicas that can serve.
 */
function healthz(bot: CareerBot, store: CareerStore | undefined, isStopping: () => boolean) {
  const reasonNotReady = async (): Promise<string | null> => {
    if (isStopping()) return 'stopping';
    if (bot.knowledge.topics.length === 0) return 'no knowledge loaded';
    if (!store) return null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${HEALTH_STORE_TIMEOUT_MS} ms`)), HEALTH_STORE_TIMEOUT_MS);
    });
    try {
      await Promise.race([store.ping(), timeout]);
      return null;
    } catch {
      // The details (which server, why) are the store's log lines; a public probe learns no host names.
      return 'data store unreachable';
    } finally {
      clearTimeout(timer);
    }
  };
  return (_req: unknown, res: ServerResponse) => {
    void reasonNotReady().then((reason) => {
      res.writeHead(reason === null ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reason === null ? { ready: true, topics: bot.knowledge.topics.length } : { ready: false, reason }));
    });
  };
}

/**
 * Build the Bolt App with every handler registered: Socket Mode when an app token is configured,
 * HTTP (`POST /slack/events`, `GET /healthz`) otherwise. Verifies the bot token (auth.test) before
 * returning, so a wrong token fails at start with a message that names the variable.
 */
export async function createSlackApp(options: SlackAppOptions): Promise<SlackApp> {
  const { config, bot, logger } = options;
  const mode = config.appToken ? 'socket' : 'http';
  if (mode === 'http' && !config.signingSecret) {
    throw new CareerbotError(
      'careerbot_config_invalid',
      'SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN to use Socket Mode)',
    );
  }
  let stopping = false;
  const clientOptions: webApi.WebClientOptions = {
    ...DEFAULT_CLIENT_OPTIONS,
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    ...options.clientOptions,
  };
  const app = new App({
    token: config.botToken,
    logger: boltLogger(logger),
    clientOptions,
    // auth.test runs in init() below, where its failure can be reported properly.
    deferInitialization: true,
    // No handler reads Bolt's per-conversation state: not keeping it saves a middleware per request.
    convoStore: false,
    ...(mode === 'socket'
      ? { socketMode: true, appToken: config.appToken }
      : {
          signingSecret: config.signingSecret,
          processBeforeResponse: options.processBeforeResponse ?? false,
          customRoutes: [{ path: '/healthz', method: ['GET'], handler: healthz(bot, options.store, () => stopping) }],
        }),
  });

  const deps: SlackDeps = {
    bot,
    logger,
    moderators: createModeratorCheck({ ids: config.moderators, client: app.client, logger }),
    inFlight: new InFlight(),
    afterAcks: new AfterAcks(),
    cooldown: options.cooldown ?? new TopicCooldown({ seconds: DEFAULT_COOLDOWN_SECONDS }),
    store: options.store,
    autoReply: createAutoReply({
      platform: 'slack',
      fixed: config.autoReplyChannels ?? [],
      settings: options.settings,
      onSharedError: (err) =>
        logger.warn({ err, platform: 'slack' }, 'shared auto-reply limit unavailable: counting in this process'),
      threshold: options.autoReplyThreshold,
    }),
  };

  // Once stopping, acknowledge and drop: Slack retries events, and commands get no half answer.
  app.use(async (args) => {
    if (!stopping) return args.next();
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  });

  registerMention(app, deps);
  registerDirectMessage(app, deps);
  registerCareerCommand(app, deps);
  registerActions(app, deps);
  registerAutoReply(app, deps);
  registerShortcut(app, deps);
  registerTopicOptions(app, deps);
  registerHome(app, deps);

  // Handlers catch their own failures (guard.ts); this catches what fails around them (authorization, acks).
  app.error(async (error: CodedError) => {
    logger.error({ err: error, code: error.code, platform: 'slack' }, 'slack request failed outside a handler');
  });

  try {
    await app.init();
  } catch (err) {
    const reason = (err as { data?: { error?: string } }).data?.error;
    throw new CareerbotError(
      'careerbot_config_invalid',
      reason === 'invalid_auth' || reason === 'not_authed' || reason === 'token_revoked' || reason === 'account_inactive'
        ? `SLACK_BOT_TOKEN: Slack rejected the bot token (${reason}); copy the Bot User OAuth Token (xoxb-…) from the app's "OAuth & Permissions" page`
        : `cannot verify SLACK_BOT_TOKEN with Slack (auth.test failed: ${(err as Error).message}); check the network${config.apiUrl ? ' and SLACK_API_URL' : ''}`,
      { cause: err },
    );
  }

  return {
    app,
    mode,
    deps,
    refuseNewEvents: () => {
      stopping = true;
    },
  };
}
