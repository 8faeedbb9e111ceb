import { Document, isMap, isSeq, type Node } from 'yaml';
import type { Identity } from '../../src/types.js';
import { truncateLine } from '../shared/truncate.js';
import { ANSWER_SHORTCUT, COMMAND } from './ids.js';

/**
 * The Slack app manifest (`careerbot manifest`, checked in as adapters/slack/manifest.yaml): the
 * ids the adapter registers (adapters/slack/ids.ts), the scopes and events it needs, and the
 * descriptions people see in Slack, written from the knowledge's identity (bot.yaml). The command
 * and the shortcut keep their names; only what describes them follows the identity.
 */

/** Slack's lengths for what the manifest describes. */
const MAX = { appDescription: 140, commandDescription: 100, shortcutDescription: 150 } as const;

/** The placeholder for the public URL (HTTP mode); the header says where to change it. */
export const EXAMPLE_URL = 'https://careerbot.example.com/slack/events';

export const SHORTCUT_NAME = 'Answer with career FAQ';

/** "Answers questions about X: a, b, c": the part before a colon when the whole is too long. */
function appDescription(identity: Identity): string {
  const full = `Answers ${identity.about}`;
  if (full.length <= MAX.appDescription) return truncateLine(full, MAX.appDescription);
  const head = full.split(':')[0] ?? full;
  return truncateLine(head, MAX.appDescription);
}

/** The descriptions the identity decides. */
export function manifestDescriptions(identity: Identity): { app: string; command: string; shortcut: string } {
  return {
    app: appDescription(identity),
    command: truncateLine(`Ask ${identity.name} (only you see the answer, and you can share it)`, MAX.commandDescription),
    shortcut: truncateLine(`Moderators: reply to this message with an answer from ${identity.name}`, MAX.shortcutDescription),
  };
}

export function slackManifest(identity: Identity): Record<string, unknown> {
  const descriptions = manifestDescriptions(identity);
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: { name: 'careerbot', description: descriptions.app, background_color: '#1f3a5f' },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: 'careerbot', always_online: true },
      slash_commands: [
        {
          command: COMMAND,
          url: EXAMPLE_URL,
          description: descriptions.command,
          usage_hint: '<question> | help | link <topic id or words> [@user] | report [days] | autoreply on|off|status',
          should_escape: true,
        },
      ],
      shortcuts: [{ name: SHORTCUT_NAME, type: 'message', callback_id: ANSWER_SHORTCUT, description: descriptions.shortcut }],
    },
    oauth_config: {
      scopes: {
        bot: [
          'app_mentions:read',
          'chat:write',
          'chat:write.public',
          'commands',
          'im:history',
          'channels:history',
          'groups:history',
          'usergroups:read',
        ],
      },
    },
    settings: {
      event_subscriptions: {
        request_url: EXAMPLE_URL,
        bot_events: ['app_home_opened', 'app_mention', 'message.channels', 'message.groups', 'message.im'],
      },
      interactivity: { is_enabled: true, request_url: EXAMPLE_URL, message_menu_options_url: EXAMPLE_URL },
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    },
  };
}

const HEADER = `Slack app manifest for careerbot, written by \`careerbot manifest\` from the knowledge's identity
(bot.yaml); regenerate it rather than editing it: careerbot manifest > adapters/slack/manifest.yaml
Create the app: https://api.slack.com/apps → "Create New App" → "From an app manifest" → pick the
workspace → paste this file. The README section "Slack" walks through the rest.

Socket Mode is on: the app connects out to Slack, so no public URL is needed. For HTTP mode
instead, set socket_mode_enabled to false and replace https://careerbot.example.com below
(four places) with the public URL where \`npm start\` listens; the endpoint is /slack/events.

Ids here come from adapters/slack/ids.ts (the command and the shortcut's callback_id).`;

/** Why each scope and setting is there, as comments above it. */
const COMMENTS: Array<[path: (string | number)[], comment: string]> = [
  [
    ['features', 'slash_commands', 0, 'should_escape'],
    ' Slack sends @mentions as <@U…> ids, which `/career link … @user` needs.',
  ],
  [['oauth_config', 'scopes', 'bot', 0], ' Mentions in channels.'],
  [
    ['oauth_config', 'scopes', 'bot', 1],
    ' Posting answers; .public lets moderators answer in public channels the bot has not joined.',
  ],
  [['oauth_config', 'scopes', 'bot', 3], ' /career and the message shortcut.'],
  [['oauth_config', 'scopes', 'bot', 4], ' Direct messages to the app (message.im).'],
  [
    ['oauth_config', 'scopes', 'bot', 5],
    ' Auto-reply (issue 13): new messages in public and private channels the bot is a member of\n (message.channels, message.groups); only channels turned on with /career autoreply are answered.',
  ],
  [['oauth_config', 'scopes', 'bot', 7], ' Moderators listed as a user group (S…) in SLACK_MODERATORS.'],
  [
    ['settings', 'interactivity', 'message_menu_options_url'],
    " The moderator modal's searchable topic picker (an external select).",
  ],
];

/** The node at `path`: for a map entry its key (so the comment sits above the line), for a list item the item. */
function nodeAt(document: Document, path: (string | number)[]): Node | undefined {
  const parent = document.getIn(path.slice(0, -1), true);
  const last = path.at(-1);
  if (isMap(parent)) return parent.items.find((pair) => (pair.key as { value?: unknown }).value === last)?.key as Node;
  if (isSeq(parent) && typeof last === 'number') return parent.items[last] as Node;
  return undefined;
}

/** The manifest as YAML, with the header and the comments that say why each part is there. */
export function slackManifestYaml(identity: Identity): string {
  const document = new Document(slackManifest(identity));
  document.commentBefore = HEADER.split('\n')
    .map((line) => (line === '' ? '' : ` ${line}`))
    .join('\n');
  for (const [path, comment] of COMMENTS) {
    const node = nodeAt(document, path);
    if (node) node.commentBefore = comment;
  }
  return document.toString({ lineWidth: 0, singleQuote: true });
}
