import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * Bolt, its Web API client and the Socket Mode client log through this, so their lines land in
 * the same pino stream (with the same redaction) as ours. The level is pino's: Bolt's `setLevel`
 * is ignored so that LOG_LEVEL stays the one switch.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ platform: 'slack', source: 'bolt' });
  const write =
    (level: Level) =>
    (...messages: unknown[]): void => {
      const err = messages.find((message) => message instanceof Error);
      const text = messages
        .filter((message) => !(message instanceof Error))
        .map((message) => (typeof message === 'string' ? message : safeJson(message)))
        .join(' ');
      if (err) log[level]({ err }, text || (err as Error).message);
      else log[level](text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => {},
    getLevel: () => toBoltLevel(log.level),
    setName: () => {},
  };
}

function toBoltLevel(level: string): LogLevel {
  switch (level) {
    case 'trace':
    case 'debug':
      return LogLevel.DEBUG;
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
