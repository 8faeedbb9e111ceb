/**
 * The custom ids our buttons and menus carry (at most 100 characters, Discord's limit), and the
 * autocomplete values that mark a chosen topic. One place builds and parses them, so a renderer
 * and a handler cannot drift apart.
 */

export const CUSTOM_ID_MAX = 100;
const PREFIX = 'cb';

export type CustomId =
  /** A "Did you mean" or example topic: the asker's pick replaces the message; anyone else gets a private answer. */
  | { kind: 'pick'; topicId: string; askerId: string }
  /** A related topic: a private answer for whoever clicks. */
  | { kind: 'show'; topicId: string }
  | { kind: 'feedback'; vote: 'up' | 'down'; topicId: string }
  /** A page of the topic list. */
  | { kind: 'topics-page'; page: number }
  /** The topic list's select menu (the chosen topic id is the menu's value). */
  | { kind: 'topics-select' }
  /** The moderator's menu from "Answer with career FAQ": reply to this message, mentioning its author. */
  | { kind: 'share'; messageId: string; authorId: string };

export function encodeCustomId(id: CustomId): string {
  const parts: (string | number)[] = (() => {
    switch (id.kind) {
      case 'pick':
        return ['pick', id.topicId, id.askerId];
      case 'show':
        return ['show', id.topicId];
      case 'feedback':
        return ['fb', id.vote, id.topicId];
      case 'topics-page':
        return ['tp', id.page];
      case 'topics-select':
        return ['ts'];
      case 'share':
        return ['share', id.messageId, id.authorId];
    }
  })();
  const encoded = [PREFIX, ...parts].join(':');
  if (encoded.length > CUSTOM_ID_MAX) throw new RangeError(`custom id longer than ${CUSTOM_ID_MAX} characters: ${encoded}`);
  return encoded;
}

/** Our custom ids back to their meaning; null for anything we did not make (or made by an older version). */
export function decodeCustomId(customId: string): CustomId | null {
  const [prefix, kind, a, b] = customId.split(':');
  if (prefix !== PREFIX) return null;
  switch (kind) {
    case 'pick':
      return a && b ? { kind: 'pick', topicId: a, askerId: b } : null;
    case 'show':
      return a ? { kind: 'show', topicId: a } : null;
    case 'fb':
      return (a === 'up' || a === 'down') && b ? { kind: 'feedback', vote: a, topicId: b } : null;
    case 'tp': {
      const page = Number(a);
      return Number.isInteger(page) && page >= 0 ? { kind: 'topics-page', page } : null;
    }
    case 'ts':
      return { kind: 'topics-select' };
    case 'share':
      return a && b ? { kind: 'share', messageId: a, authorId: b } : null;
    default:
      return null;
  }
}

/** Autocomplete values for a chosen topic start with this, so the handler answers that topic exactly. */
export const TOPIC_CHOICE_PREFIX = 'topic:';

export function topicChoiceValue(topicId: string): string {
  return `${TOPIC_CHOICE_PREFIX}${topicId}`;
}

/** The topic id in an autocomplete value, or null when the user typed their own text. */
export function parseTopicChoice(value: string): string | null {
  return value.startsWith(TOPIC_CHOICE_PREFIX) ? value.slice(TOPIC_CHOICE_PREFIX.length) : null;
}
