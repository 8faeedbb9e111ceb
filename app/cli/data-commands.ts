import { renderReportText } from '../../adapters/console/report.js';
import type { TerminalStyle } from '../../adapters/console/render.js';
import type { Config } from '../config.js';
import { CareerbotError } from '../../src/errors.js';
import { checkKnowledge } from '../../src/knowledge/load.js';
import { exportLearned } from '../../src/store/export.js';
import { buildReport, DEFAULT_REPORT_DAYS, MAX_REPORT_DAYS } from '../../src/store/report.js';
import { openStore } from '../../src/store/open.js';
import type { CareerStore } from '../../src/store/store.js';

/** `careerbot report` and `careerbot learned list|remove|export`: the CLI side of the store (issue 7). */

export interface DataCommandIO {
  out(text: string): void;
  err(text: string): void;
  style: TerminalStyle;
}

function usage(message: string): CareerbotError {
  return new CareerbotError('careerbot_usage', message);
}

export function parseDays(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_REPORT_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > MAX_REPORT_DAYS) {
    throw usage(`--days must be a whole number from 1 to ${MAX_REPORT_DAYS} (got "${raw}")`);
  }
  return days;
}

async function withStore<T>(config: Config, run: (store: CareerStore) => Promise<T>): Promise<T> {
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

async function titles(config: Config): Promise<(topicId: string) => string | undefined> {
  // The report is useful even while the knowledge has errors: then it shows ids only.
  const check = await checkKnowledge(config.knowledgeDir).catch(() => null);
  return (topicId) => check?.knowledge?.byId.get(topicId)?.title;
}

export async function runReport(config: Config, io: DataCommandIO, options: { days: string | undefined; json: boolean }) {
  const days = parseDays(options.days);
  const titleOf = await titles(config);
  const report = await withStore(config, (store) => buildReport(store, { days, titleOf }));
  io.out(options.json ? JSON.stringify(report, null, 2) : renderReportText(report, io.style));
  return 0;
}

export async function runLearned(config: Config, io: DataCommandIO, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'list':
      return withStore(config, async (store) => {
        const phrasings = await store.learnedPhrasings();
        if (phrasings.length === 0) {
          io.out(`No learned phrasings in ${store.location}.`);
          return 0;
        }
        for (const phrasing of phrasings) {
          const day = new Date(phrasing.at).toISOString().slice(0, 10);
          io.out(`${String(phrasing.id).padStart(4)}  ${phrasing.topicId.padEnd(28)} "${phrasing.text}"  ${io.style.dim(day)}`);
        }
        io.out(
          io.style.dim(
            `${phrasings.length} learned phrasing(s); "careerbot learned remove <n>" forgets one, "export" writes them into the knowledge files`,
          ),
        );
        return 0;
      });
    case 'remove': {
      const raw = rest[0];
      const id = Number(raw);
      if (raw === undefined || !Number.isInteger(id) || id < 1) {
        throw usage('learned remove needs the number of a learned phrasing, as "careerbot learned list" shows it');
      }
      return withStore(config, async (store) => {
        const removed = await store.removeLearnedPhrasings([id]);
        if (removed === 0) {
          io.err(`careerbot: no learned phrasing number ${id}; "careerbot learned list" shows them`);
          return 1;
        }
        io.out(
          `Removed learned phrasing ${id}. A running bot stops using it when it next re-indexes (restart, or the next moderator link).`,
        );
        return 0;
      });
    }
    case 'export':
      return withStore(config, async (store) => {
        const phrasings = await store.learnedPhrasings();
        if (phrasings.length === 0) {
          io.out('Nothing to export: no learned phrasings.');
          return 0;
        }
        const result = await exportLearned(config.knowledgeDir, phrasings);
        const done = [...result.exported.map((entry) => entry.phrasing.id), ...result.existing.map((phrasing) => phrasing.id)];
        await store.removeLearnedPhrasings(done);
        for (const { phrasing, file } of result.exported) io.out(`exported  ${file}: "${phrasing.text}"`);
        for (const phrasing of result.existing) io.out(`already   ${phrasing.topicId}: "${phrasing.text}"`);
        for (const { phrasing, topicId } of result.collisions) {
          io.out(
            `kept      ${String(phrasing.id).padStart(4)}  "${phrasing.text}" is learned for ${phrasing.topicId} but is a sample question of ${topicId}: edit the knowledge or "careerbot learned remove ${phrasing.id}"`,
          );
        }
        for (const phrasing of result.unknownTopic) {
          io.out(
            `kept      ${String(phrasing.id).padStart(4)}  "${phrasing.text}": topic ${phrasing.topicId} no longer exists; "careerbot learned remove ${phrasing.id}"`,
          );
        }
        io.out(
          `${result.exported.length} phrasing(s) written into ${result.files.length} file(s) in ${config.knowledgeDir}` +
            (result.files.length > 0 ? ' (checked: OK); review and commit them.' : '.'),
        );
        return 0;
      });
    default:
      throw usage(`learned needs list, remove <n> or export (got "${action ?? ''}")`);
  }
}
