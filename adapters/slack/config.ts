import { z } from 'zod';
import { list, optional, positiveInt, url, type ConfigSection } from '../../src/config.js';

/** The Slack adapter's variables and section: token prefixes and id rules are Slack's business, so they live here. */

const token = (prefix: string, what: string) =>
  optional.refine((value) => value === undefined || value.startsWith(prefix), `must be ${what} (it starts with "${prefix}")`);

export const slackEnvShape = {
  PORT: positiveInt(3000).refine((port) => port <= 65535, 'must be a port number (0-65535)'),
  SLACK_BOT_TOKEN: token('xoxb-', 'a Slack bot token'),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: token('xapp-', 'a Slack app-level token'),
  SLACK_MODERATORS: list,
  SLACK_API_URL: url,
};

const slackEnvSchema = z.object(slackEnvShape);

export interface SlackConfig {
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  /** Slack user ids (U…/W…) and user group ids (S…) allowed to use moderator features. */
  moderators: string[];
  apiUrl: string | undefined;
  port: number;
}

/** Slack is configured when SLACK_BOT_TOKEN is set. */
export function slackConfig(e: z.infer<typeof slackEnvSchema>): ConfigSection<SlackConfig | null> {
  const problems: string[] = [];
  if (!e.SLACK_BOT_TOKEN) {
    if (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET) {
      problems.push('SLACK_BOT_TOKEN: required when other SLACK_ variables are set (it starts with "xoxb-")');
    }
    return { value: null, problems };
  }
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN to use Socket Mode)');
  }
  const badModerator = e.SLACK_MODERATORS.find((id) => !/^[UWS][A-Z0-9]{2,}$/.test(id));
  if (badModerator) problems.push(`SLACK_MODERATORS: "${badModerator}" is not a Slack user id (U…/W…) or user group id (S…)`);
  return {
    value: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      moderators: e.SLACK_MODERATORS,
      apiUrl: e.SLACK_API_URL,
      port: e.PORT,
    },
    problems,
  };
}
