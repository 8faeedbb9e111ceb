import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { LinearModel, type ModelOptions, type TrainingExample } from './model.js';
import { CareerbotError } from '../errors.js';

/**
 * A cache of trained weights. The key hashes the training examples, the model options and the source
 * of the training code itself, so any change to the knowledge, the options or the algorithm trains
 * afresh; a stale entry can never be used. Entries are written atomically (temporary file, then
 * rename); an unreadable or corrupt entry is ignored and retrained.
 */

/** The training code, without extension (`.ts` from the sources, `.js` when compiled). */
const CODE_FILES = ['model', 'features', '../text/normalize'];
const KEEP = 4;

function codeFingerprint(): string {
  const hash = createHash('sha256');
  for (const base of CODE_FILES) {
    for (const extension of ['.ts', '.js']) {
      try {
        hash.update(readFileSync(path.join(import.meta.dirname, base + extension)));
        break;
      } catch {
        // the other extension, when running compiled code
      }
    }
  }
  return hash.digest('hex');
}

let fingerprint: string | undefined;

export function cacheKey(examples: readonly TrainingExample[], classCount: number, options: ModelOptions): string {
  fingerprint ??= codeFingerprint();
  const hash = createHash('sha256').update(fingerprint).update(JSON.stringify({ classCount, options }));
  for (const example of examples) hash.update(`${example.label}\t${example.weight}\t${example.tokens.join(' ')}\n`);
  return hash.digest('hex').slice(0, 32);
}

export function readCachedModel(
  dir: string,
  examples: readonly TrainingExample[],
  classCount: number,
  options: ModelOptions,
): { file: string; model: LinearModel | null } {
  const file = path.join(dir, `matcher-${cacheKey(examples, classCount, options)}.bin`);
  try {
    return { file, model: LinearModel.restore(readFileSync(file), options) };
  } catch {
    return { file, model: null };
  }
}

/** Writes `parts` one after the other into `file` (created or truncated). */
function writeParts(file: string, parts: readonly Uint8Array[]): void {
  const fd = openSync(file, 'w');
  try {
    for (const part of parts) {
      for (let written = 0; written < part.length;) written += writeSync(fd, part, written);
    }
  } finally {
    closeSync(fd);
  }
}

/** Writes the entry and prunes old ones; returns the error when it could not (the bot runs on). */
export function writeCachedModel(file: string, model: LinearModel): CareerbotError | null {
  const dir = path.dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeParts(temporary, model.snapshotParts());
    renameSync(temporary, file);
    const entries = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && /^matcher-[0-9a-f]+\.bin$/.test(entry.name) && path.join(dir, entry.name) !== file)
      .map((entry) => path.join(dir, entry.name))
      .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
    // Keep a few recent entries (switching between knowledge directories), drop the rest.
    for (const old of entries.slice(0, Math.max(0, entries.length - (KEEP - 1)))) rmSync(old, { force: true });
    return null;
  } catch (error) {
    return new CareerbotError(
      'careerbot_cache_unwritable',
      `cannot write the matcher cache in ${dir}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
