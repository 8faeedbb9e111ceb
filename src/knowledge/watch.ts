import { watch, type FSWatcher } from 'node:fs';
import type { CareerBot } from '../bot.js';
import type { Logger } from '../logger.js';
import type { KnowledgeBase } from '../types.js';
import { checkKnowledge, formatProblem } from './load.js';

/** The numbers logged on every load: topics, sample phrasings, and how long it took. */
export function knowledgeSummary(knowledge: KnowledgeBase, started: number) {
  return {
    topics: knowledge.topics.length,
    phrasings: knowledge.topics.reduce((sum, topic) => sum + topic.questions.length, 0),
    outOfScope: knowledge.outOfScope.length,
    ms: Math.round(performance.now() - started),
  };
}

export interface KnowledgeWatcher {
  /** Resolves after the next reload attempt finishes (for tests and tools). */
  nextReload(): Promise<'reloaded' | 'refused'>;
  close(): void;
}

/**
 * Hot reload: when a file under the knowledge directory changes, re-validate and re-index it without
 * a restart. A change that fails validation is refused (the errors, each with file and field, go to
 * the log) and the previous knowledge stays in service; there is no moment without answers, because
 * the new index is built before it replaces the old one.
 */
export function watchKnowledge(options: { dir: string; bot: CareerBot; logger: Logger; debounceMs?: number }): KnowledgeWatcher {
  const { dir, bot } = options;
  const logger = options.logger.child({ component: 'knowledge-watch', dir });
  const debounceMs = options.debounceMs ?? 300;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let waiters: ((outcome: 'reloaded' | 'refused') => void)[] = [];
  const settle = (outcome: 'reloaded' | 'refused') => {
    const current = waiters;
    waiters = [];
    for (const resolve of current) resolve(outcome);
  };

  const reload = async () => {
    const started = performance.now();
    try {
      const result = await checkKnowledge(dir);
      if (!result.knowledge) {
        const errors = result.problems.filter((problem) => problem.severity === 'error');
        logger.error(
          { errors: errors.map(formatProblem) },
          `knowledge change refused (${errors.length} error${errors.length === 1 ? '' : 's'}); the previous knowledge stays in service`,
        );
        settle('refused');
        return;
      }
      bot.replace(result.knowledge);
      logger.info(knowledgeSummary(result.knowledge, started), 'knowledge reloaded');
      settle('reloaded');
    } catch (err) {
      logger.error({ err }, 'knowledge reload failed; the previous knowledge stays in service');
      settle('refused');
    }
  };

  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { recursive: true }, () => {
      clearTimeout(timer);
      // Editors write a file in several steps: wait until the directory is quiet, then reload once.
      timer = setTimeout(() => {
        running = running.then(reload);
      }, debounceMs);
    });
    watcher.on('error', (err) => logger.error({ err }, 'knowledge watch failed; reload by restarting'));
  } catch (err) {
    logger.error({ err }, 'cannot watch the knowledge directory; edits need a restart');
    return { nextReload: () => new Promise(() => {}), close: () => {} };
  }
  return {
    nextReload: () => new Promise((resolve) => waiters.push(resolve)),
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
