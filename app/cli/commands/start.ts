import type { Logger } from '../../../src/logger.js';
import { DRAIN_TIMEOUT_MS } from '../../start.js';
import type { Command } from './command.js';
import { chat } from './chat.js';

/** Time the adapters get to finish in-flight replies after SIGINT or SIGTERM: their one drain timeout. */
export const SHUTDOWN_GRACE_MS = DRAIN_TIMEOUT_MS;

/**
 * SIGINT/SIGTERM: stop taking events, let in-flight replies finish (bounded), close connections, exit 0.
 * A second signal exits at once.
 */
function stopOnSignals(running: ReadonlyArray<{ name: string; stop(): Promise<void> }>, logger: Logger): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, adapters: running.map((adapter) => adapter.name) }, 'shutting down');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS, 'timeout').unref());
    const stopped = Promise.allSettled(running.map((adapter) => adapter.stop())).then((results) => {
      results.forEach((result, i) => {
        if (result.status === 'rejected')
          logger.error({ err: result.reason, adapter: running[i]?.name }, 'adapter did not stop cleanly');
      });
      return 'stopped' as const;
    });
    void Promise.race([stopped, timeout]).then((outcome) => {
      if (outcome === 'timeout') logger.warn({ graceMs: SHUTDOWN_GRACE_MS }, 'in-flight replies did not finish in time');
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // A platform library's stray promise (a failed reconnect, say) must not take the bot down.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
}

export const start: Command = {
  name: 'start',
  usage: [['start', 'start the Slack and/or Discord adapters when their tokens are set, else the terminal chat']],
  options: chat.options,
  logsAtConfiguredLevel: true,
  async run(ctx) {
    if (!ctx.config.slack && !ctx.config.discord) return chat.run(ctx);
    // Loaded only when configured: the terminal commands never pay for the chat SDKs.
    const { startAdapters } = await import('../../start.js');
    const running = await startAdapters(ctx.config, ctx.logger);
    stopOnSignals(running, ctx.logger);
    return -1; // the adapters keep the process running
  },
};
