import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { CareerbotError } from '../errors.js';
import { oneLine, type ReadResult } from './rows.js';

/** `[New York](city)`, `[NYC](city:New York)`, `[Berlin]{"entity": "city"}`: the visible text stays. */
const ENTITY = /\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})+/g;

export function stripEntities(text: string): string {
  return text.replace(ENTITY, '$1');
}

/**
 * Rasa NLU YAML (Rasa 2 and 3): `nlu:` entries with `intent` and `examples` (a `|` block of `- ` lines,
 * or a list of `{ text }`); synonym, regex and lookup entries are skipped. When the same file has
 * `responses:`, `utter_<intent>`'s first text becomes that topic's answer.
 */
export function readRasaNlu(source: string, file: string): ReadResult {
  const lines = new LineCounter();
  const document = parseDocument(source, { prettyErrors: false, lineCounter: lines });
  if (document.errors.length > 0) {
    const error = document.errors[0]!;
    const line = error.linePos?.[0]?.line;
    throw new CareerbotError(
      'careerbot_import_invalid',
      `${file}: YAML error${line ? ` on line ${line}` : ''}: ${error.message.split('\n')[0]}`,
    );
  }
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 0);
  const root = document.contents;
  const nlu = isMap(root) ? root.get('nlu', true) : undefined;
  if (!isSeq(nlu)) {
    throw new CareerbotError(
      'careerbot_import_invalid',
      `${file}: not Rasa NLU YAML: expected a top-level "nlu:" list of { intent, examples }`,
    );
  }
  const responses = new Map<string, string>();
  const js = document.toJS() as { responses?: unknown } | null;
  if (js && typeof js.responses === 'object' && js.responses !== null) {
    for (const [name, value] of Object.entries(js.responses as Record<string, unknown>)) {
      const text = Array.isArray(value) ? (value[0] as { text?: unknown } | undefined)?.text : undefined;
      if (name.startsWith('utter_') && typeof text === 'string') responses.set(name.slice('utter_'.length), text.trim());
    }
  }
  const result: ReadResult = { rows: [], skipped: [] };
  for (const entry of nlu.items) {
    if (!isMap(entry) || !entry.has('intent')) continue;
    const intent = oneLine(String(entry.get('intent') ?? ''));
    const examples = entry.get('examples', true) as Node | undefined;
    const start = lineOf(examples) || lineOf(entry as Node);
    if (intent === '') {
      result.skipped.push({ line: start, reason: 'no topic' });
      continue;
    }
    const answer = responses.get(intent) || undefined;
    const push = (text: string, line: number) => {
      const question = oneLine(stripEntities(text));
      if (question === '') result.skipped.push({ line, reason: 'no question' });
      else result.rows.push({ question, topic: intent, answer, line });
    };
    if (isScalar(examples) && typeof examples.value === 'string') {
      // A `|` block: its content starts on the line after `examples: |`.
      examples.value.split('\n').forEach((text, i) => {
        const trimmed = text.trim();
        if (trimmed === '') return;
        push(trimmed.replace(/^-\s*/, ''), start + 1 + i);
      });
    } else if (isSeq(examples)) {
      for (const item of examples.items) {
        const value = isScalar(item) ? item.value : isMap(item) ? { text: item.get('text') } : undefined;
        const text = typeof value === 'string' ? value : (value as { text?: unknown } | null)?.text;
        if (typeof text === 'string') push(text, lineOf(item as Node));
      }
    }
  }
  return result;
}
