import { CsvError, parse } from 'csv-parse/sync';
import { CareerbotError } from '../errors.js';
import { ANSWER_COLUMNS, QUESTION_COLUMNS, TOPIC_COLUMNS, oneLine, type ReadResult } from './rows.js';

function findColumn(header: string[], names: readonly string[]): number {
  return header.findIndex((cell) => names.includes(cell.trim().toLowerCase()));
}

/**
 * CSV or TSV with a header row: a question column (question, sentence, text, utterance or example),
 * a topic column (topic, label, intent or category) and an optional answer column (answer or response).
 * Parsed by csv-parse: quoted fields with commas, quotes and line breaks, a byte-order mark, CRLF.
 */
export function readDelimited(source: string, delimiter: ',' | '\t', file: string): ReadResult {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(source, {
      delimiter,
      bom: true,
      info: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (cause) {
    const where = cause instanceof CsvError && 'lines' in cause ? ` (line ${String(cause.lines)})` : '';
    throw new CareerbotError(
      'careerbot_import_invalid',
      `${file}: not valid ${delimiter === ',' ? 'CSV' : 'TSV'}${where}: ${(cause as Error).message}`,
      { cause },
    );
  }
  const [first, ...rest] = records;
  if (!first) throw new CareerbotError('careerbot_import_invalid', `${file}: the file is empty; it needs a header row`);
  const header = first.record;
  const question = findColumn(header, QUESTION_COLUMNS);
  const topic = findColumn(header, TOPIC_COLUMNS);
  const answer = findColumn(header, ANSWER_COLUMNS);
  const missing = [
    question < 0 ? `a question column (${QUESTION_COLUMNS.join(', ')})` : null,
    topic < 0 ? `a topic column (${TOPIC_COLUMNS.join(', ')})` : null,
  ].filter((text) => text !== null);
  if (missing.length > 0) {
    throw new CareerbotError(
      'careerbot_import_invalid',
      `${file}: the header row needs ${missing.join(' and ')}; it has: ${header.map((cell) => JSON.stringify(cell)).join(', ')}`,
    );
  }
  const result: ReadResult = { rows: [], skipped: [] };
  for (const { record, info } of rest) {
    const text = oneLine(record[question] ?? '');
    const label = oneLine(record[topic] ?? '');
    if (text === '' || label === '') {
      result.skipped.push({ line: info.lines, reason: text === '' ? 'no question' : 'no topic' });
      continue;
    }
    const reply = answer >= 0 ? (record[answer] ?? '').trim() : '';
    result.rows.push({ question: text, topic: label, answer: reply === '' ? undefined : reply, line: info.lines });
  }
  return result;
}
