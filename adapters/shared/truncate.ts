/**
 * Cutting text to a platform's length limit, the same way on every platform: at a word boundary
 * when one is near, with an ellipsis, never leaving a dangling escape backslash or half a
 * surrogate pair at the cut.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const base = space > max * 0.6 ? cut.slice(0, space) : cut;
  return `${base.replace(/\\+$/, '').replace(/[\uD800-\uDBFF]$/, '')}…`;
}

/** For one-line plain text (headers, buttons, options): whitespace collapsed, then cut. */
export function truncateLine(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}
