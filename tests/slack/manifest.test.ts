import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../app/cli/main.js';
import { ANSWER_SHORTCUT, COMMAND } from '../../adapters/slack/ids.js';
import { slackManifestYaml } from '../../adapters/slack/manifest.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { resolveIdentity } from '../../src/knowledge/identity.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

/** The shipped manifest declares everything the adapter registers, and the scopes its calls need. */

interface Manifest {
  display_information: { name: string; description: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string; should_escape: boolean; usage_hint: string; description: string }[];
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

/** `careerbot manifest` with `args`, in process. */
async function manifestCommand(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = text(stdout);
  const err = text(stderr);
  const stdin = new PassThrough();
  stdin.end('');
  const status = await runCli(['manifest', ...args], { stdin, stdout, stderr, env: {} });
  stdout.end();
  stderr.end();
  return { status, stdout: await out, stderr: await err };
}

const BANK = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'bank');
// The fixture bank's identity says nothing about careers; its manifest must not either.
const CAREER = /career|backend|salar|developer/i;

describe('the manifest is written from the knowledge identity', () => {
  it('the checked-in manifest is what `careerbot manifest` writes for knowledge/', async () => {
    const { knowledge } = await loadKnowledge(path.join(PROJECT_ROOT, 'knowledge'));
    const identity = knowledge.identity ?? resolveIdentity({}, knowledge.topics);
    const shipped = await readFile(path.join(PROJECT_ROOT, 'adapters/slack/manifest.yaml'), 'utf8');
    expect(shipped).toBe(slackManifestYaml(identity));
    const result = await manifestCommand([]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(shipped);
    expect(manifest.display_information.description).toContain(identity.about.split(':')[0]!.trim());
  });

  it('describes a non-career bot by its own identity; the command and shortcut keep their names', async () => {
    const result = await manifestCommand(['--knowledge', BANK]);
    expect(result.status).toBe(0);
    const bank = parse(result.stdout) as Manifest;
    const [command] = bank.features.slash_commands;
    const [shortcut] = bank.features.shortcuts;
    expect(bank.display_information.description).toBe('Answers questions about your Northbank account, cards and transfers');
    expect(command?.description).toMatch(/^Ask Northbank help\b/);
    expect(shortcut?.description).toContain('Northbank help');
    for (const description of [bank.display_information.description, command?.description, shortcut?.description]) {
      expect(description).not.toMatch(CAREER);
    }
    expect(command).toMatchObject({ command: COMMAND, should_escape: true });
    expect(shortcut).toMatchObject({ callback_id: ANSWER_SHORTCUT, name: 'Answer with career FAQ' });
    // Within Slack's lengths.
    expect(bank.display_information.description.length).toBeLessThanOrEqual(140);
    expect(command!.description.length).toBeLessThanOrEqual(100);
    expect(shortcut!.description.length).toBeLessThanOrEqual(150);
  });

  it('a knowledge directory without bot.yaml gets neutral descriptions built from its topics', async () => {
    const { knowledge } = await loadKnowledge(BANK);
    const neutral = parse(slackManifestYaml(resolveIdentity({}, knowledge.topics))) as Manifest;
    expect(neutral.display_information.description).toMatch(/^Answers questions about /);
    expect(neutral.features.slash_commands[0]?.description).toMatch(/^Ask FAQ bot\b/);
    expect(neutral.display_information.description).not.toMatch(CAREER);
  });
});
