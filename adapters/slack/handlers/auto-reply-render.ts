import type { types } from '@slack/bolt';
import type { AnswerReply } from '../../../src/reply.js';
import { AUTO_REPLY_NOTE, REMOVE_LABEL } from '../../shared/auto-reply-texts.js';
import { BLOCKS } from '../ids.js';
import { renderAnswer, type SlackMessage } from '../render.js';

/** The automatic reply's own buttons (they carry the asker, so removal can be checked). */
export const AUTO_REPLY_ACTIONS = {
  up: 'careerbot_autoreply_up',
  down: 'careerbot_autoreply_down',
  remove: 'careerbot_autoreply_remove',
} as const;

export interface AutoReplyValue {
  topicId: string;
  /** Who asked: they (or a moderator) may remove the suggestion. */
  askerId: string;
}

export function encodeAutoReplyValue(value: AutoReplyValue): string {
  return JSON.stringify({ t: value.topicId, a: value.askerId });
}

export function decodeAutoReplyValue(raw: string | undefined): AutoReplyValue | null {
  try {
    const parsed = JSON.parse(raw ?? '') as { t?: unknown; a?: unknown } | null;
    if (typeof parsed?.t !== 'string' || typeof parsed.a !== 'string') return null;
    return { topicId: parsed.t, askerId: parsed.a };
  } catch {
    return null;
  }
}

const button = (action_id: string, text: string, value: string): types.Button => ({
  type: 'button',
  action_id,
  text: { type: 'plain_text', text, emoji: true },
  value,
});

/**
 * The answer as an automatic suggestion: a note first, then the answer, with 👍/👎 and "Not helpful,
 * remove" (our own action ids, so feedback on automatic replies can be told apart). No mention.
 */
export function renderAutoReply(reply: AnswerReply, askerId: string): SlackMessage {
  const answer = renderAnswer(reply);
  const value = encodeAutoReplyValue({ topicId: reply.topic.id, askerId });
  const blocks = answer.blocks.map((block) =>
    block.type === 'actions' && block.block_id === BLOCKS.answerActions
      ? {
          type: 'actions' as const,
          block_id: BLOCKS.answerActions,
          elements: [
            button(AUTO_REPLY_ACTIONS.up, '👍 Helpful', value),
            button(AUTO_REPLY_ACTIONS.down, '👎 Not helpful', value),
            button(AUTO_REPLY_ACTIONS.remove, REMOVE_LABEL, value),
          ],
        }
      : block,
  );
  const note: types.KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: `:robot_face: ${AUTO_REPLY_NOTE}` }] };
  return { text: `Automatic suggestion: ${answer.text}`, blocks: [note, ...blocks].slice(0, 50) };
}
