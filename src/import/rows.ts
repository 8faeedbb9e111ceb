/** One labelled phrasing read from an export, whatever its format. */
export interface ImportRow {
  question: string;
  topic: string;
  answer?: string | undefined;
  /** Line (or record) in the source file, for messages. */
  line: number;
}

/** A row the reader could not use, and why (reported in the summary; nothing is dropped silently). */
export interface SkippedRow {
  line: number;
  reason: string;
}

export interface ReadResult {
  rows: ImportRow[];
  skipped: SkippedRow[];
}

/** Column names accepted for each field, in a header row or as JSON keys (case-insensitive). */
export const QUESTION_COLUMNS = ['question', 'sentence', 'text', 'utterance', 'example'] as const;
export const TOPIC_COLUMNS = ['topic', 'label', 'intent', 'category'] as const;
export const ANSWER_COLUMNS = ['answer', 'response'] as const;

/** Collapse whitespace (a cell may hold line breaks); an export's phrasing is one line of the knowledge. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
