import { Lexer, type Token, type Tokens } from 'marked';

/**
 * Answers are Markdown; each platform speaks its own dialect (Slack mrkdwn, Discord Markdown, a
 * terminal). This turns an answer into a small neutral tree that every renderer walks, so no
 * renderer re-parses Markdown and none can miss a construct the others handle.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'break' };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { type: 'code'; text: string }
  | { type: 'quote'; children: Inline[] };

function inlineTokens(tokens: readonly Token[] | undefined): Inline[] {
  const out: Inline[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
        out.push({ type: 'strong', children: inlineTokens((token as Tokens.Strong).tokens) });
        break;
      case 'em':
        out.push({ type: 'em', children: inlineTokens((token as Tokens.Em).tokens) });
        break;
      case 'codespan':
        out.push({ type: 'code', text: decodeEntities((token as Tokens.Codespan).text) });
        break;
      case 'link': {
        const link = token as Tokens.Link;
        out.push({ type: 'link', href: link.href, children: inlineTokens(link.tokens) });
        break;
      }
      case 'br':
        out.push({ type: 'break' });
        break;
      case 'text': {
        const text = token as Tokens.Text;
        if (text.tokens && text.tokens.length > 0) out.push(...inlineTokens(text.tokens));
        else out.push({ type: 'text', text: decodeEntities(text.text) });
        break;
      }
      case 'escape':
        out.push({ type: 'text', text: (token as Tokens.Escape).text });
        break;
      default:
        // html, images, del and anything newer: keep the raw text rather than lose words.
        out.push({
          type: 'text',
          text: 'text' in token && typeof token.text === 'string' ? decodeEntities(token.text) : token.raw,
        });
    }
  }
  return out;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function blocksFrom(tokens: readonly Token[], out: Block[]): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'paragraph':
      case 'heading':
        out.push({ type: 'paragraph', children: inlineTokens((token as Tokens.Paragraph).tokens) });
        break;
      case 'text':
        out.push({ type: 'paragraph', children: inlineTokens([token]) });
        break;
      case 'list': {
        const list = token as Tokens.List;
        const items = list.items.map((item) => {
          // A list item holds block tokens (text, or paragraphs when the list is loose); flatten them.
          const inline: Inline[] = [];
          item.tokens.forEach((child, i) => {
            if (i > 0 && child.type !== 'space') inline.push({ type: 'break' });
            if (child.type === 'text' || child.type === 'paragraph')
              inline.push(...inlineTokens((child as Tokens.Text).tokens ?? [child]));
            else if (child.type !== 'space') inline.push({ type: 'text', text: child.raw.trim() });
          });
          return inline;
        });
        out.push({ type: 'list', ordered: list.ordered, start: typeof list.start === 'number' ? list.start : 1, items });
        break;
      }
      case 'code':
        out.push({ type: 'code', text: (token as Tokens.Code).text });
        break;
      case 'blockquote':
        out.push({
          type: 'quote',
          children: inlineTokens(
            (token as Tokens.Blockquote).tokens.flatMap((t) => ('tokens' in t && t.tokens ? t.tokens : [t])),
          ),
        });
        break;
      case 'space':
      case 'hr':
        break;
      default:
        out.push({ type: 'paragraph', children: [{ type: 'text', text: token.raw.trim() }] });
    }
  }
}

/** Parsed texts kept for reuse: the answers are the topics' bodies, a small set parsed again and again. */
const PARSED_CACHE_SIZE = 500;
const parsed = new Map<string, readonly Block[]>();

/**
 * The Markdown as blocks. The result is shared between calls with the same text (each topic's answer
 * is rendered once per reply, and lexing was a tenth of a reply's cost): read it, do not change it.
 */
export function parseMarkdown(markdown: string): readonly Block[] {
  const cached = parsed.get(markdown);
  if (cached) {
    // Re-insert so the Map's order is least recently used first.
    parsed.delete(markdown);
    parsed.set(markdown, cached);
    return cached;
  }
  const blocks: Block[] = [];
  blocksFrom(new Lexer({ gfm: true }).lex(markdown), blocks);
  parsed.set(markdown, blocks);
  if (parsed.size > PARSED_CACHE_SIZE) parsed.delete(parsed.keys().next().value as string);
  return blocks;
}

/** Plain text of inline nodes (for previews, choice names and tests). */
export function inlineText(nodes: readonly Inline[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
        case 'code':
          return node.text;
        case 'break':
          return '\n';
        default:
          return inlineText(node.children);
      }
    })
    .join('');
}
