import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../app/config.js';
import { createLogger } from '../src/logger.js';

/** A pino destination that keeps every log line in memory. */
function memoryLog(level = 'info') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      lines.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((line) => line !== ''),
      );
      callback();
    },
  });
  const logger = createLogger({ level, destination });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, records };
}

function at(record: unknown, path: string[]): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], record);
}

const SECRET = 'xoxb-9999-SECRET-VALUE';

describe('createLogger redaction', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['token', { token: SECRET }, ['token']],
    ['botToken', { botToken: SECRET }, ['botToken']],
    ['signingSecret', { signingSecret: SECRET }, ['signingSecret']],
    ['appToken', { appToken: SECRET }, ['appToken']],
    ['a nested token', { discord: { token: SECRET } }, ['discord', 'token']],
    ['a token two levels down', { event: { body: { token: SECRET } } }, ['event', 'body', 'token']],
    ['config.slack.botToken', { config: { slack: { botToken: SECRET } } }, ['config', 'slack', 'botToken']],
    ['config.slack.signingSecret', { config: { slack: { signingSecret: SECRET } } }, ['config', 'slack', 'signingSecret']],
    ['config.slack.appToken', { config: { slack: { appToken: SECRET } } }, ['config', 'slack', 'appToken']],
    ['config.discord.token', { config: { discord: { token: SECRET } } }, ['config', 'discord', 'token']],
    ['headers.authorization', { headers: { authorization: `Bearer ${SECRET}` } }, ['headers', 'authorization']],
    ['req.headers.authorization', { req: { headers: { authorization: `Bot ${SECRET}` } } }, ['req', 'headers', 'authorization']],
    ['a request Slack signature', { req: { headers: { 'x-slack-signature': SECRET } } }, ['req', 'headers', 'x-slack-signature']],
    // HTTP header names are case-insensitive; outgoing requests (fetch, REST clients) usually spell it "Authorization".
    ['headers.Authorization', { headers: { Authorization: `Bot ${SECRET}` } }, ['headers', 'Authorization']],
  ])('hides %s and keeps the rest of the line', (_what, object, secretPath) => {
    const { logger, lines, records } = memoryLog();
    logger.info({ ...object, topicId: 'salary-india' }, 'something happened');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('SECRET-VALUE');
    const [record] = records();
    expect(at(record, secretPath)).toBe('[redacted]');
    expect(record).toMatchObject({ msg: 'something happened', topicId: 'salary-india', level: 30, name: 'careerbot' });
  });

  it('hides every secret of a whole parsed config', () => {
    const config = readConfig({
      SLACK_BOT_TOKEN: 'xoxb-SECRET-1',
      SLACK_SIGNING_SECRET: 'SECRET-2',
      SLACK_APP_TOKEN: 'xapp-SECRET-3',
      DISCORD_TOKEN: 'SECRET-4',
    });
    const { logger, lines, records } = memoryLog();
    logger.info({ config }, 'starting');
    expect(lines[0]).not.toMatch(/SECRET/);
    const [record] = records();
    expect(at(record, ['config', 'slack', 'port'])).toBe(3000);
    expect(at(record, ['config', 'knowledgeDir'])).toBe(config.knowledgeDir);
  });

  it('hides secrets in child logger bindings', () => {
    const { logger, lines } = memoryLog();
    logger.child({ token: SECRET, platform: 'slack' }).warn('rate limited');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('SECRET-VALUE');
    expect(lines[0]).toContain('"platform":"slack"');
  });

  it('hides a token attached to a logged error', () => {
    const { logger, lines, records } = memoryLog();
    const error = Object.assign(new Error('invalid_auth'), { token: SECRET });
    logger.error({ err: error }, 'slack call failed');
    expect(lines[0]).not.toContain('SECRET-VALUE');
    expect(at(records()[0], ['err', 'message'])).toBe('invalid_auth');
  });

  it('does not alter the object that was logged', () => {
    const { logger } = memoryLog();
    const object = { config: { slack: { botToken: SECRET } }, headers: { authorization: SECRET } };
    logger.info(object, 'x');
    expect(object).toEqual({ config: { slack: { botToken: SECRET } }, headers: { authorization: SECRET } });
  });

  it('writes nothing below its level', () => {
    const { logger, lines } = memoryLog('warn');
    logger.info({ token: SECRET }, 'quiet');
    logger.debug('quieter');
    logger.warn('loud');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"msg":"loud"');
  });
});
