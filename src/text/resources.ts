import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The lines of a word list in `resources/` (derived by a script there), without blanks and `#` comments. */
export function resourceLines(name: string): string[] {
  return readFileSync(path.join(import.meta.dirname, '../../resources', name), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'));
}
