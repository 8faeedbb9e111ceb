import { inlineText, parseMarkdown, type Block, type Inline } from '../../src/markdown.js';
import type { Reply, TopicRef } from '../../src/reply.js';

/** Terminal rendering: readable plain text, with ANSI emphasis when the terminal supports it. */

export interface TerminalStyle {
  bold(text: string): string;
  dim(text: string): string;
  underline(text: string): string;
}

export const PLAIN: TerminalStyle = { bold: (t) => t, dim: (t) => t, underline: (t) => t };

export const ANSI: TerminalStyle = {
  bold: (t) => `\u001b[1m${t}\u001b[22m`,
  dim: (t) => `\u001b[2m${t}\u001b[22m`,
  underline: (t) => `\u001b[4m${t}\u001b[24m`,
};

function inline(nodes: readonly Inline[], style: TerminalStyle): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
          return node.text;
        case 'code':
          return node.text;
        case 'break':
          return '\n   ';
        case 'strong':
          return style.bold(inline(node.children, style));
        case 'em':
          return inline(node.children, style);
        case 'link': {
          const label = inlineText(node.children);
          return label === node.href
            ? style.underline(node.href)
            : `${inline(node.children, style)} (${style.underline(node.href)})`;
        }
      }
    })
    .join('');
}

export function renderMarkdown(markdown: string, style: TerminalStyle = PLAIN): string {
  return parseMarkdown(markdown)
    .map((block: Block) => {
      switch (block.type) {
        case 'paragraph':
          return inline(block.children, style);
        case 'quote':
          return `> ${inline(block.children, style)}`;
        case 'code':
          return block.text
            .split('\n')
            .map((line) => `    ${line}`)
            .join('\n');
        case 'list':
          return block.items
            .map((item, i) => `${block.ordered ? `${block.start + i}.` : ' •'} ${inline(item, style)}`)
            .join('\n');
      }
    })
    .join('\n\n');
}

function numbered(topics: readonly TopicRef[], from = 1): string {
  return topics.map((topic, i) => `  ${from + i}. ${topic.title} [${topic.id}]`).join('\n');
}

/** A reply as terminal text. Numbered topic lists let the chat user answer with a number. */
export function renderReply(reply: Reply, style: TerminalStyle = PLAIN): string {
  switch (reply.kind) {
    case 'answer': {
      const parts = [style.bold(reply.topic.title), '', renderMarkdown(reply.body, style)];
      if (reply.related.length > 0) parts.push('', style.dim('Related:'), numbered(reply.related));
      // Numbered after the related topics, in the order `offeredTopics` lists them.
      const also = reply.also ?? [];
      if (also.length > 0) {
        parts.push('', style.dim(`You also asked about: ${also.map((t) => t.title).join('; ')}`));
        parts.push(numbered(also, reply.related.length + 1));
      }
      if (reply.sources.length > 0) {
        parts.push('', style.dim(`Sources: ${reply.sources.map((s) => (s.url ? `${s.title} (${s.url})` : s.title)).join('; ')}`));
      }
      return parts.join('\n');
    }
    case 'clarify':
      return [reply.text, numbered(reply.suggestions)].join('\n');
    default:
      return reply.topics.length > 0 ? [reply.text, numbered(reply.topics)].join('\n') : reply.text;
  }
}

/** The topic refs a reply offers, in the order `renderReply` numbers them. */
export function offeredTopics(reply: Reply): TopicRef[] {
  switch (reply.kind) {
    case 'answer':
      return [...reply.related, ...(reply.also ?? [])];
    case 'clarify':
      return reply.suggestions;
    default:
      return reply.topics;
  }
}
