import { exportLearned } from '../../../src/store/export.js';
import type { Config } from '../../config.js';
import { usageError, type Command, type CommandContext } from './command.js';
import { withExistingStore } from './store.js';

/** `careerbot learned list|remove|export`: the phrasings moderators taught the bot (issue 7). */
async function runLearned(config: Config, io: CommandContext, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'list':
      return withExistingStore(config, async (store) => {
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
        throw usageError('learned remove needs the number of a learned phrasing, as "careerbot learned list" shows it');
      }
      return withExistingStore(config, async (store) => {
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
      return withExistingStore(config, async (store) => {
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
      throw usageError(`learned needs list, remove <n> or export (got "${action ?? ''}")`);
  }
}

export const learned: Command = {
  name: 'learned',
  usage: [
    ['learned list', "phrasings the bot learned from moderators' links, numbered"],
    ['learned remove <n>', 'forget learned phrasing number n'],
    ['learned export', "write the learned phrasings into the topics' questions in the knowledge files"],
  ],
  options: {},
  run: (ctx) => runLearned(ctx.config, ctx, ctx.args),
};
