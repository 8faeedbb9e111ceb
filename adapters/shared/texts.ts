import type { LinkRefusalReason } from '../../src/use-cases/moderator-link.js';

/**
 * What every platform says in the same situation, once. Each adapter passes its own Markdown
 * flavour's pieces (who the moderators are, the command to use instead).
 */

/** What a user sees when a handler fails: short, no stack trace, no internals. */
export const APOLOGY = 'Sorry, something went wrong on my side. Please try again in a moment.';

/** What a non-moderator tried. */
export type ModeratorAction = 'post' | 'report';

/**
 * The one refusal text per case. `moderators` names who may (already escaped for the platform);
 * `instead`, when given, tells the user what they can do themselves.
 */
export function refusal(action: ModeratorAction, moderators: string, instead?: string): string {
  const text = action === 'post' ? `Only ${moderators} can post answers for others.` : `Only ${moderators} can see the report.`;
  return instead ? `${text} ${instead}` : text;
}

/**
 * The note for a topic that was posted in this channel moments ago (the cooldown policy): `title`,
 * `when` and `where` are already in the platform's markup.
 */
export function cooldownNote(title: string, when: string, where?: string): string {
  return `${title} was already posted in this channel ${when}${where ? `: ${where}` : ''}. To avoid duplicates it is not posted again for a short while.`;
}

/** The thanks for a 👍 / 👎 click, the same on every platform. */
export function feedbackThanks(vote: 'up' | 'down'): string {
  return vote === 'up' ? 'Thanks, glad it helped!' : 'Thanks for telling me: it is noted so the answer can be improved.';
}

/** A platform's pieces for the moderator link's texts, already in its markup. */
export interface LinkTextParts {
  /** Who the moderators are ("moderators", "members with **Manage Messages**"). */
  moderators: string;
  /** How anyone asks their own question (a command, in a code span). */
  ask: string;
  /** How a moderator picks a topic on this platform (for "no such topic"), when there is more to say. */
  pick?: string | undefined;
  /** The words that matched nothing, quoted and escaped. */
  words?: string | undefined;
}

/** The one text per moderator-link refusal (src/use-cases/moderator-link.ts), on every platform. */
export function linkRefusal(reason: LinkRefusalReason, parts: LinkTextParts): string {
  const then = (text: string) => (parts.pick ? `${text} ${parts.pick}` : text);
  switch (reason) {
    case 'not-moderator':
      return refusal('post', parts.moderators, `Ask your own question with ${parts.ask}.`);
    case 'no-topic':
      return then('Pick a topic.');
    case 'no-such-topic':
      return then(`No topic matches ${parts.words ?? 'that'}.`);
    case 'topic-gone':
      return then('That topic no longer exists.');
  }
}

/** The line above an answer a moderator posted for someone: `to` and `by` are the platform's mentions. */
export function linkedAnswerIntro(to: string, by?: string): string {
  return `${to} here is an answer from the career FAQ${by ? `, shared by ${by}` : ''}.`;
}
