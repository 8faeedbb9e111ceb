import { LIMITS } from './blocks.js';
import { MAX_ECHO_CHARS } from './escape.js';

/**
 * The state carried in Slack's buttons and modals: what "Share in channel" shares, and where a
 * moderator's answer goes. Decoding never trusts the payload: anything malformed is null.
 */

/** The share button's value: the topic and the question, so the shared message can show what was asked. */
export interface ShareValue {
  topicId: string;
  question: string | undefined;
}

export function encodeShareValue(value: ShareValue): string {
  const full = JSON.stringify({ t: value.topicId, q: value.question?.slice(0, MAX_ECHO_CHARS) });
  return full.length <= LIMITS.buttonValue ? full : JSON.stringify({ t: value.topicId });
}

export function decodeShareValue(raw: string | undefined): ShareValue | null {
  try {
    const parsed: unknown = JSON.parse(raw ?? '');
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { t, q } = parsed as { t?: unknown; q?: unknown };
    if (typeof t !== 'string') return null;
    return { topicId: t, question: typeof q === 'string' ? q : undefined };
  } catch {
    return null;
  }
}

/** Where a moderator's answer goes; carried in the modal's private_metadata. */
export interface LinkTarget {
  channel: string;
  threadTs: string;
  author: string | undefined;
  /** The message's text (plain, cut), to rank the picker's options when the search box is empty. */
  text: string;
}

export function encodeLinkTarget(target: LinkTarget): string {
  let text = target.text.slice(0, 1000);
  let encoded = JSON.stringify({ c: target.channel, ts: target.threadTs, a: target.author, q: text });
  while (encoded.length > LIMITS.privateMetadata && text.length > 0) {
    text = text.slice(0, Math.floor(text.length / 2));
    encoded = JSON.stringify({ c: target.channel, ts: target.threadTs, a: target.author, q: text });
  }
  return encoded;
}

export function decodeLinkTarget(raw: string | undefined): LinkTarget | null {
  try {
    const parsed: unknown = JSON.parse(raw ?? '');
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { c, ts, a, q } = parsed as Record<string, unknown>;
    if (typeof c !== 'string' || typeof ts !== 'string') return null;
    return { channel: c, threadTs: ts, author: typeof a === 'string' ? a : undefined, text: typeof q === 'string' ? q : '' };
  } catch {
    return null;
  }
}
