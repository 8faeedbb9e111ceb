import { inlineText, parseMarkdown, type Block, type Inline } from '../../src/markdown.js';
import { LIMITS } from './blocks.js';
import { defuseMassMentions, escapeMrkdwn } from './escape.js';

/** The core's Markdown to Slack mrkdwn, and mrkdwn cut to fit section texts. */

function emphasis(mark: string, inner: string): string {
  // Slack only honours `*`/`_` when they touch the words: keep surrounding spaces outside.
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner);
  const [, lead = '', body = '', trail = ''] = match ?? [];
  return body === '' ? inner : `${lead}${mark}${body}${mark}${trail}`;
}

export function linkTo(href: string, children: readonly Inline[]): string {
  const label = escapeMrkdwn(inlineText(children).replace(/\s+/g, ' ').trim());
  if (!/^(https?:|mailto:)/i.test(href)) return label;
  const url = href
    .replace(/&/g, '&amp;')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/\|/g, '%7C')
    .replace(/\s/g, '%20')
    // The same address, and nothing in the message reads as `@here` (see inlineMrkdwn).
    .replace(/@(?=here|channel|everyone)/gi, '%40');
  return label === '' || label === escapeMrkdwn(href) ? `<${url}>` : `<${url}|${label}>`;
}

function inlineMrkdwn(nodes: readonly Inline[]): string {
  const mrkdwn = nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
          return escapeMrkdwn(node.text);
        case 'code':
          // A backtick inside inline code would end it early in mrkdwn.
          return node.text === '' ? '' : `\`${escapeMrkdwn(node.text.replace(/`/g, 'ʼ'))}\``;
        case 'break':
          return '\n';
        case 'strong':
          return emphasis('*', inlineMrkdwn(node.children));
        case 'em':
          return emphasis('_', inlineMrkdwn(node.children));
        case 'link':
          return linkTo(node.href, node.children);
      }
    })
    .join('');
  // Neighbouring nodes can join into a mass mention (an escaped `\@` and then `here`): defuse the whole.
  return defuseMassMentions(mrkdwn);
}

function blockMrkdwn(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return inlineMrkdwn(block.children);
    case 'quote':
      return inlineMrkdwn(block.children)
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'code':
      return `\`\`\`\n${escapeMrkdwn(block.text.replace(/```/g, 'ʼʼʼ'))}\n\`\`\``;
    case 'list':
      return block.items
        .map((item, i) => `${block.ordered ? `${block.start + i}.` : '•'} ${inlineMrkdwn(item).replace(/\n/g, '\n    ')}`)
        .join('\n');
  }
}

/** Markdown to Slack mrkdwn, one string per Markdown block. */
export function markdownToMrkdwn(markdown: string): string[] {
  return parseMarkdown(markdown)
    .map(blockMrkdwn)
    .filter((text) => text.trim() !== '');
}

/** Where a long mrkdwn text may be cut without breaking a `<link|label>` or an `&amp;` entity. */
export function safeCut(text: string, max: number): number {
  let cut = text.lastIndexOf('\n', max);
  if (cut < max / 2) cut = text.lastIndexOf(' ', max);
  if (cut < max / 2) cut = max;
  const head = text.slice(0, cut);
  const open = head.lastIndexOf('<');
  if (open > head.lastIndexOf('>') && open > 0) cut = open;
  const amp = text.slice(0, cut).lastIndexOf('&');
  if (amp !== -1 && amp > cut - 6 && !text.slice(amp, cut).includes(';') && amp > 0) cut = amp;
  return cut;
}

/** Split mrkdwn into pieces of at most `max` characters, at line, then word boundaries. */
export function splitMrkdwn(text: string, max: number = LIMITS.sectionText): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = safeCut(rest, max);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.trim() !== '') pieces.push(rest);
  return pieces;
}

/** Pack mrkdwn parts into as few section texts as fit the section limit. */
export function packSections(parts: readonly string[], max: number = LIMITS.sectionText): string[] {
  const sections: string[] = [];
  let current = '';
  for (const part of parts.flatMap((p) => splitMrkdwn(p, max))) {
    const joined = current === '' ? part : `${current}\n\n${part}`;
    if (joined.length <= max) current = joined;
    else {
      sections.push(current);
      current = part;
    }
  }
  if (current !== '') sections.push(current);
  return sections;
}
