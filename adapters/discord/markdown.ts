import { inlineText, parseMarkdown, type Block, type Inline } from '../../src/markdown.js';
import { truncate } from '../shared/truncate.js';

export { truncate };

/**
 * Discord Markdown from the core's neutral tree, and the text hygiene every string we send goes
 * through: mass and user mentions are broken with a zero-width space so no text (a user's
 * question, a knowledge file) can ping anyone, whatever `allowedMentions` says.
 */

const ZWSP = '\u200b';

/** `@everyone`, `@here`, `<@123>`, `<@!123>`, `<@&123>` lose their power; everything else is unchanged. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<@([!&]?\d+)>/g, `<@${ZWSP}$1>`);
}

/** Escape characters Discord would read as formatting, so plain text stays plain. */
export function escapeText(text: string): string {
  return neutraliseMentions(text.replace(/[\\*_~`|]/g, '\\$&'));
}

/** People's words echoed: on one line, cut, escaped, in quotes. */
export function quoted(text: string, max = 150): string {
  return `“${escapeText(truncate(text.replace(/\s+/g, ' '), max))}”`;
}

function inlineCode(text: string): string {
  const body = neutraliseMentions(text.replace(/\n/g, ' '));
  // A code span containing a backtick needs a longer fence and padding.
  return body.includes('`') ? `\`\` ${body.replace(/``+/g, '`\u200b`')} \`\`` : `\`${body}\``;
}

/**
 * A web URL as the target of a Discord link: `)` and spaces would end it early, and a mention token
 * (`@everyone`, `<@&id>`) must not appear even there; percent-encoding keeps the same address.
 */
export function safeUrl(href: string): string {
  return href
    .replace(/\)/g, '%29')
    .replace(/\s/g, '%20')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/@(?=everyone|here)/gi, '%40');
}

function link(href: string, children: readonly Inline[]): string {
  const label = inlineText(children).trim();
  const safeHref = /^https?:\/\//i.test(href) ? safeUrl(href) : null;
  if (!safeHref) return inline(children);
  // A label that is itself the URL reads better bare; Discord also refuses URL-looking labels.
  if (label === '' || label === href || /^https?:\/\//i.test(label)) return safeHref;
  return `[${escapeText(label).replace(/[[\]]/g, '\\$&')}](${safeHref})`;
}

function inline(nodes: readonly Inline[], indent = ''): string {
  const text = nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
          return escapeText(node.text).replace(/\n/g, `\n${indent}`);
        case 'strong':
          return `**${inline(node.children, indent)}**`;
        case 'em':
          return `*${inline(node.children, indent)}*`;
        case 'code':
          return inlineCode(node.text);
        case 'link':
          return link(node.href, node.children);
        case 'break':
          return `\n${indent}`;
      }
    })
    .join('');
  // Neighbouring nodes can join into a mention (an escaped `\@` and then `everyone`): defuse the whole.
  return neutraliseMentions(text);
}

function block(node: Block): string {
  switch (node.type) {
    case 'paragraph':
      return inline(node.children);
    case 'quote':
      return inline(node.children)
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'code':
      return `\`\`\`\n${neutraliseMentions(node.text).replace(/```/g, '`\u200b``')}\n\`\`\``;
    case 'list':
      return node.items
        .map((item, i) => {
          const marker = node.ordered ? `${node.start + i}.` : '-';
          return `${marker} ${inline(item, ' '.repeat(marker.length + 1))}`;
        })
        .join('\n');
  }
}

/**
 * Markdown as Discord Markdown, within `max` characters: whole blocks are kept while they fit, and
 * a shortened answer says so rather than ending mid-word.
 */
export function toDiscordMarkdown(markdown: string, max = Infinity): string {
  const blocks = parseMarkdown(markdown).map((node) => block(node).trimEnd());
  const full = blocks.join('\n\n');
  if (full.length <= max) return full;
  const marker = '\n\n*(shortened)*';
  const kept: string[] = [];
  let length = 0;
  for (const text of blocks) {
    const next = length + (kept.length > 0 ? 2 : 0) + text.length;
    if (next + marker.length > max) break;
    kept.push(text);
    length = next;
  }
  if (kept.length === 0) return truncate(blocks[0] ?? '', max - marker.length) + marker;
  return kept.join('\n\n') + marker;
}
