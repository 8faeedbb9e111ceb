/**
 * A fast reader for the plain YAML nearly every topic file and `bot.yaml` have: `key: value` lines,
 * block lists of one-line strings or of small `key: value` maps (`sources`), folded paragraphs
 * (`key: >-` then indented lines) and whole-line comments between keys. Parsing 34 files with the full
 * YAML library costs ~100-200 ms at a cold start (its parser is not yet compiled by the JIT), more than
 * all the rest of loading. Anything outside this narrow subset (other comments, numbers, booleans other
 * than `draft: true|false`, escapes, anchors, other multi-line or flow values, tabs, odd indentation,
 * repeated keys) returns null and goes to the YAML library, so errors and unusual files read exactly as
 * before.
 * For what it accepts, the result equals `parseDocument(text).toJS()` (tests/knowledge/frontmatter.test.ts
 * checks it against the library on generated and real files).
 */

type Value = string | boolean | Value[] | { [key: string]: Value };

/** Keys of the subset: lowercase words (every field of the schema), never a YAML special word. */
const KEY = /^[a-z][a-z_]*$/;
const SPECIAL_WORDS = new Set(['null', 'true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n']);
/** Characters that cannot start a plain one-line string, or start something else (indicators, `~` null, `+1`). */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`\s+~]/;
/**
 * Text that a YAML schema reads as a number or a date (core: 12, 1.5, 1e3, .5, 0x1f, 0o17, .inf, .nan;
 * YAML 1.1 too, for margin: 1_000, 0b101, 1:30, 2024-01-31). "100k", ".net" and "3 years" are strings.
 */
const NUMBER_LIKE = [
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?0(?:x[0-9a-fA-F_]+|o?[0-7_]+|b[01_]+)$/,
  /^[-+]?\.(?:inf|nan)$/i,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/,
];
/** Control characters but the line feed (tabs, carriage returns...), and separators some YAML readers treat as breaks. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/** A one-line scalar as YAML's core schema reads it (string, or true/false when `booleans`); null: not in the subset. */
function scalar(text: string, booleans: boolean): string | boolean | null {
  if (text.startsWith('"')) {
    const match = /^"([^"\\]*)"$/.exec(text);
    return match ? match[1]! : null;
  }
  if (text.startsWith("'")) {
    const match = /^'((?:[^']|'')*)'$/.exec(text);
    return match ? match[1]!.replace(/''/g, "'") : null;
  }
  if (booleans && (text === 'true' || text === 'false')) return text === 'true';
  if (text === '' || INDICATOR.test(text) || text.endsWith(' ') || text.endsWith(':')) return null;
  if (
    text.includes(': ') ||
    text.includes(' #') ||
    NUMBER_LIKE.some((pattern) => pattern.test(text)) ||
    SPECIAL_WORDS.has(text.toLowerCase())
  ) {
    return null;
  }
  return text;
}

/** `key: rest` with a subset key, or null. */
function keyValue(line: string): { key: string; rest: string | null } | null {
  const colon = line.indexOf(':');
  if (colon <= 0) return null;
  const key = line.slice(0, colon);
  if (!KEY.test(key) || SPECIAL_WORDS.has(key)) return null;
  if (colon === line.length - 1) return { key, rest: null };
  if (line[colon + 1] !== ' ') return null;
  return { key, rest: line.slice(colon + 2) };
}

/**
 * The folded paragraph (`>-`) whose lines start at `start`: its lines, indented alike, joined by spaces
 * (the next line less indented ends it). Null for anything more: empty or more-indented lines inside,
 * trailing spaces.
 */
function foldedBlock(lines: readonly string[], start: number): { text: string; next: number } | null {
  const parts: string[] = [];
  let indent = -1;
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const own = /^ */.exec(line)![0].length;
    if (own === 0) break;
    if (indent < 0) indent = own;
    else if (own !== indent) return null;
    const content = line.slice(indent);
    if (content === '' || content.endsWith(' ')) return null;
    parts.push(content);
  }
  return parts.length === 0 ? null : { text: parts.join(' '), next: i };
}

/** The frontmatter as `parseDocument(text).toJS()` would return it, or null when it is not in the subset. */
export function parseSimpleFrontmatter(text: string): Record<string, Value> | null {
  if (UNSAFE.test(text)) return null;
  const lines = text.split('\n');
  const result: Record<string, Value> = {};
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line === '' || line.startsWith('#')) {
      i++;
      continue;
    }
    const entry = keyValue(line);
    if (entry === null || Object.hasOwn(result, entry.key)) return null;
    i++;
    if (entry.rest === '>-') {
      const folded = foldedBlock(lines, i);
      if (folded === null) return null;
      result[entry.key] = folded.text;
      i = folded.next;
      continue;
    }
    if (entry.rest !== null) {
      const value = entry.rest === '[]' ? [] : scalar(entry.rest, true);
      if (value === null) return null;
      result[entry.key] = value;
      continue;
    }
    // A block list: every item at the same indentation, "- " then a string or a small map.
    const items: Value[] = [];
    let indent = -1;
    while (i < lines.length) {
      const item = lines[i]!;
      if (item === '') {
        i++;
        continue;
      }
      const dash = item.indexOf('- ');
      if (dash < 0 || item.slice(0, dash).trim() !== '' || (indent >= 0 && dash !== indent)) break;
      indent = dash;
      const content = item.slice(dash + 2);
      i++;
      const first = content.startsWith('"') || content.startsWith("'") ? null : keyValue(content);
      if (first === null) {
        const value = scalar(content, false);
        if (value === null) return null;
        items.push(value);
        continue;
      }
      // A map item: its first pair on the dash line, the others aligned under it.
      const map: Record<string, Value> = {};
      const pad = ' '.repeat(indent + 2);
      let pair = first;
      for (;;) {
        if (pair.rest === null || Object.hasOwn(map, pair.key)) return null;
        const value = scalar(pair.rest, false);
        if (value === null) return null;
        map[pair.key] = value;
        const next = lines[i];
        if (next === undefined || !next.startsWith(pad) || next[pad.length] === ' ' || next[pad.length] === '-') break;
        const following = keyValue(next.slice(pad.length));
        if (following === null) return null;
        pair = following;
        i++;
      }
      items.push(map);
    }
    if (items.length === 0) return null; // "key:" alone is null in YAML, or something more complex
    const after = lines[i];
    // Whatever follows must be the next top-level key (or the end).
    if (after !== undefined && after.startsWith(' ')) return null;
    result[entry.key] = items;
  }
  return Object.keys(result).length > 0 ? result : null;
}
