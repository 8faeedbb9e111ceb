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
  SLACK_AUTO_REPLY_CHANNELS: list,
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
  /** Channel ids (C…/G…) where automatic replies are always on (issue 13); moderators add more by command. */
  autoReplyChannels?: string[] | undefined;
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
  const badChannel = e.SLACK_AUTO_REPLY_CHANNELS.find((id) => !/^[CG][A-Z0-9]{2,}$/.test(id));
  if (badChannel) problems.push(`SLACK_AUTO_REPLY_CHANNELS: "${badChannel}" is not a Slack channel id (C…/G…)`);
  return {
    value: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      moderators: e.SLACK_MODERATORS,
      apiUrl: e.SLACK_API_URL,
      port: e.PORT,
      autoReplyChannels: e.SLACK_AUTO_REPLY_CHANNELS.length > 0 ? e.SLACK_AUTO_REPLY_CHANNELS : undefined,
    },
    problems,
  };
}
