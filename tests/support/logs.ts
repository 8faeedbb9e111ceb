import { createLogger, type Logger } from '../../src/logger.js';

/** pino writing JSON lines into memory, for assertions on what was logged. */

export type LogLine = Record<string, unknown> & { level: number; msg: string };

export interface MemoryLogger {
  logger: Logger;
  lines: LogLine[];
  find(msg: string | RegExp): LogLine[];
}

export function memoryLogger(level: 'debug' | 'info' = 'debug'): MemoryLogger {
  const lines: LogLine[] = [];
  const logger = createLogger({
    level,
    destination: {
      write: (chunk: string) => {
        for (const line of chunk.split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as LogLine);
      },
    },
  });
  return {
    logger,
    lines,
    find: (msg) => lines.filter((line) => (typeof msg === 'string' ? line.msg === msg : msg.test(line.msg))),
  };
}
