/**
 * Incoming Slack text to the plain words the core matches on. Slack encodes mentions, channels,
 * special mentions and links as `<...>` and escapes `&`, `<`, `>`; the core must see none of that.
 */

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

export function isSlackUserId(value: string | undefined): value is string {
  return value !== undefined && SLACK_USER_ID.test(value);
}

/** `<@U1|ann>` → `@ann`, `<!here>` → `@here`, `<https://x|label>` → `label`; the bot's own mention is dropped. */
export function slackToPlain(text: string, botUserId?: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const [target = '', label] = splitLabel(inner);
      switch (target[0]) {
        case '@':
          if (botUserId !== undefined && target.slice(1) === botUserId) return ' ';
          return label ? `@${label.replace(/^@/, '')}` : '@someone';
        case '#':
          return label ? `#${label}` : '#channel';
        case '!': {
          const special = target.slice(1).split('^')[0] ?? '';
          if (label) return label;
          return special === 'here' || special === 'channel' || special === 'everyone' ? `@${special}` : '';
        }
        default:
          return label ?? target;
      }
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar === -1 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

export interface LinkArguments {
  /** The topic id or words. */
  query: string;
  /** The user to mention, from a trailing Slack-escaped mention (`<@U1|ann>`). */
  userId: string | undefined;
  /** A trailing `@name` Slack did not escape (the command's "escape" setting is off). */
  unresolved: string | undefined;
}

/** `/career link <topic id or words> [@user]`, given the text after `link`. */
export function parseLinkArguments(text: string): LinkArguments {
  const trimmed = text.trim();
  const escaped = /\s*<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(trimmed);
  if (escaped) return { query: trimmed.slice(0, escaped.index).trim(), userId: escaped[1], unresolved: undefined };
  const plain = /(?:^|\s)(@[\w.-]+)$/.exec(trimmed);
  if (plain) return { query: trimmed.slice(0, plain.index).trim(), userId: undefined, unresolved: plain[1] };
  return { query: trimmed, userId: undefined, unresolved: undefined };
}
