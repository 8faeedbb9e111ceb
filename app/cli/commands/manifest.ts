import { slackManifestYaml } from '../../../adapters/slack/manifest.js';
import { resolveIdentity } from '../../../src/knowledge/identity.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import type { Command } from './command.js';

/**
 * `careerbot manifest`: the Slack app manifest, its descriptions written from the knowledge's
 * identity (bot.yaml), to paste into Slack's "From an app manifest" (adapters/slack/manifest.yaml
 * is its output for knowledge/).
 */
export const manifest: Command = {
  name: 'manifest',
  usage: [['manifest', "print the Slack app manifest, described by the knowledge's identity (bot.yaml)"]],
  options: {},
  async run(ctx) {
    const { knowledge, warnings } = await loadKnowledge(ctx.config.knowledgeDir);
    for (const warning of warnings) ctx.logger.warn({ file: warning.file, field: warning.field }, warning.message);
    ctx.out(slackManifestYaml(knowledge.identity ?? resolveIdentity({}, knowledge.topics)).trimEnd());
    return 0;
  },
};
