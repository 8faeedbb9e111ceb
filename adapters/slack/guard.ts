import type { Logger } from '../../src/logger.js';
import type { SlackDeps } from './deps.js';

type Fields = Record<string, string>;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function field(object: unknown, key: string): unknown {
  return typeof object === 'object' && object !== null ? (object as Record<string, unknown>)[key] : undefined;
}

/** The ids worth having on every log line of one request: event id, user, channel. */
export function logContext(body: unknown): Fields {
  const event = field(body, 'event');
  const fields: Record<string, string | undefined> = {
    eventId: str(field(body, 'event_id')),
    user: str(field(event, 'user')) ?? str(field(body, 'user_id')) ?? str(field(field(body, 'user'), 'id')),
    channel:
      str(field(event, 'channel')) ??
      str(field(body, 'channel_id')) ??
      str(field(field(body, 'channel'), 'id')) ??
      str(field(field(body, 'container'), 'channel_id')),
  };
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export interface GuardState {
  /** Whether the handler already acknowledged the request (commands, actions, views, options). */
  acked: boolean;
}

type Handler<A> = (args: A, log: Logger, state: GuardState) => Promise<void>;

/**
 * Wraps one Bolt listener: a child logger per request, in-flight tracking for graceful stop, the work
 * after the acknowledgement (matching, rendering, posting) deferred behind the acknowledgements of the
 * requests already received (Slack allows 3 s for those; `deps.afterAcks`), and
 * on failure a log line with context plus a short apology (itself guarded: a failing apology is
 * logged, never thrown). Nothing escapes to Bolt, so one bad request cannot take the process down.
 */
export function guard<A extends { body: unknown }>(
  deps: SlackDeps,
  event: string,
  run: Handler<A>,
  apologize: Handler<A> = async () => {},
): (args: A) => Promise<void> {
  return (args) =>
    deps.inFlight.track(
      (async () => {
        const log = deps.logger.child({ platform: 'slack', event, ...logContext(args.body) });
        const state: GuardState = { acked: false };
        const original = (args as { ack?: (...a: unknown[]) => Promise<void> }).ack;
        const tracked = original
          ? ({
              ...args,
              ack: async (...a: unknown[]) => {
                state.acked = true;
                await original(...a);
                await deps.afterAcks.turn();
              },
            } as A)
          : args;
        try {
          // Bolt acknowledged an event before calling us; a command or an action acknowledges in `run`.
          if (!original) await deps.afterAcks.turn();
          await run(tracked, log, state);
        } catch (err) {
          log.error({ err }, `${event} handler failed`);
          try {
            await apologize(tracked, log, state);
          } catch (apologyError) {
            log.warn({ err: apologyError }, 'could not send the apology');
          }
        }
      })(),
    );
}
