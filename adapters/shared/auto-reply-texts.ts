/** What every platform says about automatic replies (issue 13), once; markup is the adapter's. */

/** The line above an automatic reply, so nobody mistakes it for a person's answer. */
export const AUTO_REPLY_NOTE =
  'Automatic suggestion from the career FAQ. If it does not help, the asker or a moderator can remove it.';

export const REMOVE_LABEL = 'Not helpful, remove';
export const SOLVED_LABEL = '✅ Solved';

export const REMOVE_REFUSED = 'Only the person who asked or a moderator can remove this suggestion.';
export const SOLVED_REFUSED = 'Only the person who asked can mark the question solved.';
export const CHANNEL_LIST_REFUSED = 'Only moderators can turn automatic replies on or off.';

/** The answer to `… autoreply status` (and after on/off). */
export function autoReplyStatus(on: boolean, fixed: boolean, channel: string, others: readonly string[]): string {
  const here = fixed
    ? `Automatic replies are on in ${channel} (set in the configuration, so they cannot be turned off by command).`
    : `Automatic replies are ${on ? 'on' : 'off'} in ${channel}.`;
  const rest = others.length === 0 ? 'No other channel has them.' : `Also on in: ${others.join(', ')}.`;
  return `${here} ${rest}`;
}
