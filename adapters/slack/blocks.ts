import type { types } from '@slack/bolt';
import type { TopicRef } from '../../src/reply.js';
import { truncate } from './escape.js';

/** Block Kit builders, within Slack's documented limits. Texts given to them are already mrkdwn. */

export type KnownBlock = types.KnownBlock;
type Button = types.Button;
type PlainTextOption = types.PlainTextOption;

/** Slack's documented limits that these renderers respect. */
export const LIMITS = {
  blocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  contextText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  actionsElements: 25,
  selectOptions: 100,
  modalTitle: 24,
  privateMetadata: 3000,
} as const;

export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text, verbatim: true } };
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.contextText), verbatim: true }] };
}

export function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncate(text, LIMITS.buttonText), emoji: true },
    value: value.slice(0, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

export function topicOption(topic: TopicRef): PlainTextOption {
  return {
    text: { type: 'plain_text', text: truncate(topic.title, LIMITS.optionText), emoji: true },
    value: topic.id.slice(0, LIMITS.optionValue),
  };
}
