import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ANSWER_SHORTCUT, COMMAND } from '../../adapters/slack/ids.js';
import { PROJECT_ROOT } from '../../src/config.js';

/** The shipped manifest declares everything the adapter registers, and the scopes its calls need. */

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string; should_escape: boolean; usage_hint: string }[];
    shortcuts: { name: string; type: string; callback_id: string; description: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string; message_menu_options_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(await readFile(path.join(PROJECT_ROOT, 'adapters/slack/manifest.yaml'), 'utf8')) as Manifest;

describe('adapters/slack/manifest.yaml', () => {
  it('declares the slash command the adapter handles, escaping mentions', () => {
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: COMMAND, should_escape: true, url: expect.stringMatching(/\/slack\/events$/) }),
    ]);
  });

  it('declares the message shortcut with the callback id the adapter handles', () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: ANSWER_SHORTCUT, name: 'Answer with career FAQ' }),
    ]);
    for (const shortcut of manifest.features.shortcuts) {
      expect(shortcut.name.length).toBeLessThanOrEqual(24);
      expect(shortcut.description.length).toBeLessThanOrEqual(150);
    }
  });

  it('subscribes to the events the adapter handles', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_home_opened',
      'app_mention',
      'message.channels',
      'message.groups',
      'message.im',
    ]);
  });

  it('enables interactivity, the options URL for the topic picker, and App Home with DMs', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.interactivity.message_menu_options_url).toMatch(/\/slack\/events$/);
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
  });

  it('asks for the bot scopes the Web API calls need, and no more', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'channels:history',
      'chat:write',
      'chat:write.public',
      'commands',
      'groups:history',
      'im:history',
      'usergroups:read',
    ]);
  });

  it('uses Socket Mode by default', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
