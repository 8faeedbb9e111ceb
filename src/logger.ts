import pino, { type DestinationStream, type Logger } from 'pino';

/** Every path where a secret could appear in a log line; pino replaces the values. */
export const REDACTED_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.*.token',
  '*.*.botToken',
  '*.*.appToken',
  '*.*.signingSecret',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'headers.Authorization',
  '*.headers.Authorization',
  'req.headers.Authorization',
  'req.headers["x-slack-signature"]',
  'config.slack.botToken',
  'config.slack.appToken',
  'config.slack.signingSecret',
  'config.discord.token',
];

export function createLogger(options: { level?: string; destination?: DestinationStream; name?: string } = {}): Logger {
  return pino(
    {
      name: options.name ?? 'careerbot',
      level: options.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    // Asynchronous: under load a synchronous write(2) per line held up the event loop, and with it every
    // pending acknowledgement. pino flushes what is buffered when the process exits (process.exit too).
    options.destination ?? pino.destination({ dest: 2, sync: false }),
  );
}

export type { Logger };
