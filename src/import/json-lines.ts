import { CareerbotError } from '../errors.js';
import { ANSWER_COLUMNS, QUESTION_COLUMNS, TOPIC_COLUMNS, oneLine, type ReadResult } from './rows.js';

function field(row: Record<string, unknown>, names: readonly string[]): unknown {
  for (const [key, value] of Object.entries(row)) if (names.includes(key.toLowerCase())) return value;
  return undefined;
}

/** JSON Lines: one object per line, `{"question": "...", "topic": "...", "answer"?: "..."}` (the CSV column names work too). */
export function readJsonLines(source: string, file: string): ReadResult {
  const result: ReadResult = { rows: [], skipped: [] };
  const invalid: string[] = [];
  source
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((text, i) => {
      const line = i + 1;
      if (text.trim() === '') return;
      let row: unknown;
      try {
        row = JSON.parse(text);
      } catch (error) {
        invalid.push(`line ${line}: ${(error as Error).message}`);
        return;
      }
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        invalid.push(`line ${line}: expected an object like {"question": "...", "topic": "..."}`);
        return;
      }
      const record = row as Record<string, unknown>;
      const question = field(record, QUESTION_COLUMNS);
      const topic = field(record, TOPIC_COLUMNS);
      const answer = field(record, ANSWER_COLUMNS);
      if (typeof question !== 'string' || oneLine(question) === '') {
        result.skipped.push({ line, reason: 'no question' });
        return;
      }
      if (typeof topic !== 'string' || oneLine(topic) === '') {
        result.skipped.push({ line, reason: 'no topic' });
        return;
      }
      const reply = typeof answer === 'string' ? answer.trim() : '';
      result.rows.push({ question: oneLine(question), topic: oneLine(topic), answer: reply || undefined, line });
    });
  if (invalid.length > 0) {
    throw new CareerbotError(
      'careerbot_import_invalid',
      `${file}: ${invalid.length} line(s) are not JSON objects:\n` +
        invalid
          .slice(0, 5)
          .map((text) => `  ${text}`)
          .join('\n') +
        (invalid.length > 5 ? `\n  ... and ${invalid.length - 5} more` : ''),
    );
  }
  return result;
}
