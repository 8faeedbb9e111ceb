import type { webApi } from '@slack/bolt';
import { expect } from 'vitest';
import { startSlack, type RunningSlack } from '../../adapters/slack/index.js';
import type { CareerBot } from '../../src/bot.js';
import type { SlackConfig } from '../../app/config.js';
import type { CareerStore } from '../../src/store/store.js';
import { FakeSlackApi, type ApiCall, type FakeSlackApiOptions } from '../fakes/slack-api.js';
import { slackRequester, type SlackRequester } from '../fakes/slack-request.js';
import { loadBot } from '../support/bot.js';
import { memoryLogger } from '../support/logs.js';
import type { TopicCooldown } from '../../src/policies/cooldown.js';

// One bot and one in-memory logger for every test (tests/support); re-exported for the Slack tests.
export { loadBot, loadTestKnowledge } from '../support/bot.js';
export { memoryLogger, type LogLine } from '../support/logs.js';

export const SIGNING_SECRET = 'test-signing-secret';

export interface Harness {
  api: FakeSlackApi;
  slack: RunningSlack;
  send: SlackRequester;
  logs: ReturnType<typeof memoryLogger>;
  bot: CareerBot;
  endpoint: string;
  close(): Promise<void>;
}

/** The real Bolt App in HTTP mode on 127.0.0.1, talking to a fake Web API. */
export async function startHttpHarness(
  options: {
    moderators?: string[];
    api?: FakeSlackApiOptions;
    processBeforeResponse?: boolean;
    bot?: CareerBot;
    /** The per-channel topic cooldown (the adapter's default when unset). */
    cooldown?: TopicCooldown;
    /** Replaces the default of no retries (fault tests let the client retry). */
    clientOptions?: webApi.WebClientOptions;
    /** Other credentials (the secrets test uses recognisable ones). */
    botToken?: string;
    signingSecret?: string;
    /** Where the adapter records questions, feedback and links (none by default). */
    store?: CareerStore;
  } = {},
): Promise<Harness> {
  const api = await new FakeSlackApi(options.api).start();
  const logs = memoryLogger();
  const bot = options.bot ?? (await loadBot());
  const signingSecret = options.signingSecret ?? SIGNING_SECRET;
  const config: SlackConfig = {
    botToken: options.botToken ?? 'xoxb-test-token',
    signingSecret,
    appToken: undefined,
    moderators: options.moderators ?? [],
    apiUrl: api.apiUrl,
    port: 0,
  };
  const slack = await startSlack({
    config,
    bot,
    logger: logs.logger,
    host: '127.0.0.1',
    processBeforeResponse: options.processBeforeResponse ?? true,
    clientOptions: options.clientOptions ?? { retryConfig: { retries: 0 } },
    store: options.store,
    cooldown: options.cooldown,
  });
  const endpoint = `http://127.0.0.1:${slack.port}/slack/events`;
  return {
    api,
    slack,
    send: slackRequester(endpoint, signingSecret),
    logs,
    bot,
    endpoint,
    async close() {
      await slack.stop();
      await api.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reading what the adapter sent

type Json = Record<string, unknown>;

export function blocksOf(message: Json | undefined): Json[] {
  const blocks = message?.blocks;
  return Array.isArray(blocks) ? (blocks as Json[]) : [];
}

/** Every piece of text in a message's blocks (and its top-level text), joined by newlines. */
export function textOf(message: Json | undefined): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const object = node as Json;
      if (typeof object.text === 'string') out.push(object.text);
      for (const [key, value] of Object.entries(object)) if (key !== 'text' || typeof value !== 'string') walk(value);
    }
  };
  if (typeof message?.text === 'string') out.push(message.text);
  walk(message?.blocks);
  return out.join('\n');
}

export interface FoundElement {
  blockId: string;
  element: Json;
}

/** Interactive elements (buttons, selects) in a message, in order. */
export function elementsOf(message: Json | undefined): FoundElement[] {
  return blocksOf(message).flatMap((block) =>
    block.type === 'actions' && Array.isArray(block.elements)
      ? (block.elements as Json[]).map((element) => ({ blockId: String(block.block_id), element }))
      : [],
  );
}

export function findElement(message: Json | undefined, actionId: string | RegExp): FoundElement {
  const found = elementsOf(message).find(({ element }) =>
    typeof actionId === 'string' ? element.action_id === actionId : actionId.test(String(element.action_id)),
  );
  if (!found) throw new Error(`no element ${String(actionId)} in ${JSON.stringify(message)}`);
  return found;
}

/** Slack's limits, checked on every message a test sees. */
export function expectValidBlocks(message: Json | undefined): void {
  const blocks = blocksOf(message);
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(50);
  for (const block of blocks) {
    const text = block.text as Json | undefined;
    if (block.type === 'section') expect(String(text?.text).length).toBeLessThanOrEqual(3000);
    if (block.type === 'header') expect(String(text?.text).length).toBeLessThanOrEqual(150);
    if (block.type === 'actions') {
      const elements = block.elements as Json[];
      expect(elements.length).toBeLessThanOrEqual(25);
      const ids = elements.map((element) => element.action_id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const element of elements) {
        if (element.type === 'button') {
          expect(String(element.value).length).toBeLessThanOrEqual(2000);
          expect(String((element.text as Json).text).length).toBeLessThanOrEqual(75);
        }
      }
    }
  }
}

/**
 * No mass mention and no user mention other than the allowed ids, anywhere Slack renders text
 * (button values and private_metadata are data handed back to the app, never shown).
 */
export function expectNoUnwantedMentions(message: Json | undefined, allowedUserIds: string[] = []): void {
  const raw = JSON.stringify(message, (key, value: unknown) =>
    key === 'value' || key === 'private_metadata' ? undefined : value,
  );
  expect(raw).not.toMatch(/<!(channel|here|everyone)/);
  expect(raw).not.toMatch(/<!subteam/);
  for (const [, id] of raw.matchAll(/<@([A-Z0-9]+)/g)) expect(allowedUserIds).toContain(id);
}

/** The message shortcut "Answer with career FAQ" used by `user` on a message in #general. */
export function answerShortcutPayload(options: {
  user: string;
  text: string;
  responseUrl: string;
  /** The message's own fields beyond its text (ts, thread_ts, user). */
  message?: Json | undefined;
}): Json {
  const ts = '1700000100.000100';
  return {
    type: 'message_action',
    callback_id: 'careerbot_answer_with_faq',
    trigger_id: 'trigger-shortcut',
    message_ts: ts,
    action_ts: '1700000100.000900',
    response_url: options.responseUrl,
    message: { type: 'message', user: 'UAUTHOR', ts, text: options.text, ...options.message },
    user: { id: options.user, name: 'someone' },
    channel: { id: 'CGENERAL', name: 'general' },
  };
}

/** The link modal submitted by `user` with `topicId` picked (none: undefined). */
export function linkModalSubmission(user: string, privateMetadata: string, topicId: string | undefined): Json {
  return {
    type: 'view_submission',
    user: { id: user, name: 'mod' },
    trigger_id: 'trigger-submit',
    view: {
      id: 'V0001',
      type: 'modal',
      callback_id: 'careerbot_link_modal',
      private_metadata: privateMetadata,
      state: {
        values: {
          careerbot_topic: {
            careerbot_topic_picker: {
              type: 'external_select',
              selected_option: topicId ? { text: { type: 'plain_text', text: topicId }, value: topicId } : null,
            },
          },
        },
      },
    },
  };
}

/** A block_actions payload for clicking `element` in a message posted to `channel`. */
export function clickPayload(options: {
  element: FoundElement;
  user: string;
  channel: string;
  responseUrl: string;
  /** The public message clicked (absent for ephemeral messages, as in Slack's payloads). */
  message?: { ts: string; thread_ts?: string } | undefined;
  selectedValue?: string;
}): Json {
  const { element, user, channel, message } = options;
  const action: Json = {
    type: element.element.type,
    action_id: element.element.action_id,
    block_id: element.blockId,
    action_ts: '1700000000.000001',
  };
  if (element.element.type === 'button') {
    action.value = element.element.value;
    action.text = element.element.text;
  } else {
    action.selected_option = { text: { type: 'plain_text', text: 'x' }, value: options.selectedValue };
  }
  return {
    type: 'block_actions',
    user: { id: user, username: 'someone', name: 'someone', team_id: 'T0001' },
    container: message
      ? { type: 'message', message_ts: message.ts, channel_id: channel, is_ephemeral: false }
      : { type: 'message', message_ts: '1700000000.000009', channel_id: channel, is_ephemeral: true },
    trigger_id: 'trigger-2',
    channel: { id: channel, name: 'general' },
    ...(message ? { message: { type: 'message', ...message, text: 'x', user: 'UBOT' } } : {}),
    response_url: options.responseUrl,
    actions: [action],
  };
}

export function lastCall(api: FakeSlackApi, method: string): ApiCall {
  const calls = api.callsTo(method);
  const call = calls[calls.length - 1];
  if (!call) throw new Error(`no ${method} call recorded; calls: ${api.calls.map((c) => c.method).join(', ')}`);
  return call;
}
