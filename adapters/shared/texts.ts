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
