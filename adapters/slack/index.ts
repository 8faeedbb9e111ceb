import { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { webApi } from '@slack/bolt';
import type { CareerBot } from '../../src/bot.js';
import type { SlackConfig } from './config.js';
import type { Logger } from '../../src/logger.js';
import type { TopicCooldown } from '../../src/policies/cooldown.js';
import type { SharedState } from '../../src/store/shared.js';
import type { CareerStore } from '../../src/store/store.js';
import type { RunningAdapter } from '../../src/ports.js';
import { DEFAULT_DRAIN_MS } from '../shared/in-flight.js';
import { createSlackApp } from './app.js';

export { createSlackApp, type SlackApp, type SlackAppOptions } from './app.js';

export interface StartSlackOptions {
  config: SlackConfig;
  bot: CareerBot;
  logger: Logger;
  store?: CareerStore | undefined;
  /** HTTP mode: the interface to listen on (all interfaces when unset; tests use 127.0.0.1). */
  host?: string;
  processBeforeResponse?: boolean;
  clientOptions?: webApi.WebClientOptions;
  /** The per-channel topic cooldown (default: 60 s). */
  cooldown?: TopicCooldown | undefined;
  /** How long `stop()` waits for running handlers. */
  drainTimeoutMs?: number;
  /** Where the auto-reply channel list survives restarts (the app store). */
  settings?: SharedState | undefined;
  autoReplyThreshold?: number | undefined;
}

export interface RunningSlack extends RunningAdapter {
  mode: 'socket' | 'http';
  /** HTTP mode: the port actually bound (useful with port 0). */
  port: number | undefined;
}

/** Start the Slack adapter (Socket Mode with SLACK_APP_TOKEN, HTTP otherwise) and return a handle to stop it. */
export async function startSlack(options: StartSlackOptions): Promise<RunningSlack> {
  const log = options.logger.child({ platform: 'slack' });
  const slack = await createSlackApp(options);
  const { app, mode, deps } = slack;
  let port: number | undefined;
  if (mode === 'socket') {
    await app.start();
    log.info('slack adapter connected (Socket Mode)');
  } else {
    const listen = options.host ? { port: options.config.port, host: options.host } : options.config.port;
    const server: unknown = await app.start(listen);
    port = server instanceof Server ? (server.address() as AddressInfo).port : options.config.port;
    log.info({ port, endpoint: '/slack/events', health: '/healthz' }, 'slack adapter listening (HTTP mode)');
  }

  let stopped: Promise<void> | undefined;
  return {
    name: 'slack',
    mode,
    port,
    stop() {
      stopped ??= (async () => {
        slack.refuseNewEvents();
        const drained = await deps.inFlight.drain(options.drainTimeoutMs ?? DEFAULT_DRAIN_MS);
        if (!drained) log.warn({ running: deps.inFlight.size }, 'stopping with slack handlers still running');
        await app.stop();
        log.info('slack adapter stopped');
      })();
      return stopped;
    },
  };
}
