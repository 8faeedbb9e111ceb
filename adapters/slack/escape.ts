import { truncateLine as truncate } from '../shared/truncate.js';
import { isSlackUserId } from './text.js';

/**
 * Escaping and mention defusing for mrkdwn. Every piece of text that is not a mention the adapter
 * built from a Slack user id goes through `escapeMrkdwn`, so nothing a user or a knowledge file
 * writes can become `<!channel>`, `<!here>`, `<!everyone>` or `<@…>`.
 */

/** How much of a user's words is echoed back. */
export const MAX_ECHO_CHARS = 300;

/**
 * Escape for mrkdwn: `&`, `<` and `>` as entities (so `<!channel>` stays text), and a word joiner
 * after `@` in `@here`/`@channel`/`@everyone`, so not even a `link_names` or `parse: full` caller
 * could turn them into mass mentions.
 */
export function escapeMrkdwn(text: string): string {
  return defuseMassMentions(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** The word joiner after `@` in `@here`, `@channel`, `@everyone` (idempotent). */
export function defuseMassMentions(mrkdwn: string): string {
  return mrkdwn.replace(/@(here|channel|everyone)\b/gi, '@\u2060$1');
}

/** Plain text (headers, buttons, options) is never parsed for mentions; it only needs its length cut. */
export { truncate };

/** A mention of a Slack user id, or nothing for anything that is not one. */
export function mention(userId: string | undefined): string {
  return isSlackUserId(userId) ? `<@${userId}>` : '';
}

/** User text, cut and escaped, in quotes: the one way user words are echoed. */
export function quoted(text: string): string {
  return `“${escapeMrkdwn(truncate(text, MAX_ECHO_CHARS))}”`;
}
