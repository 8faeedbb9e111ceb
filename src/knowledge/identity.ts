import type { Identity, Topic } from '../types.js';
import type { IdentityFile } from './schema.js';

/** How many topics a fallback offers when the identity names none. */
const FEATURED_DEFAULT = 5;
/** How many topic titles the neutral `about` lists before "and more". */
const ABOUT_TITLES = 4;

function quoteList(items: readonly string[]): string {
  const quoted = items.map((item) => `"${item}"`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

function titleList(topics: readonly Topic[]): string {
  const titles = topics.slice(0, ABOUT_TITLES).map((topic) => topic.title);
  if (topics.length > ABOUT_TITLES) return `${titles.join(', ')} and more`;
  return titles.length <= 1 ? (titles[0] ?? 'the topics below') : `${titles.slice(0, -1).join(', ')} and ${titles.at(-1)}`;
}

/** A few topics spread over the list: what a fallback offers when the identity names none. */
function spread(topics: readonly Topic[]): string[] {
  const count = Math.min(FEATURED_DEFAULT, topics.length);
  const step = topics.length / Math.max(1, count);
  return Array.from({ length: count }, (_, i) => topics[Math.floor(i * step)]!.id);
}

/**
 * The identity the bot speaks with: the knowledge directory's `bot.yaml` where it sets a field,
 * else neutral texts built from the topics themselves (never any one community's wording).
 */
export function resolveIdentity(file: IdentityFile, topics: readonly Topic[]): Identity {
  const name = file.name ?? 'FAQ bot';
  const about = file.about ?? `questions about ${titleList(topics)}`;
  const featured = (file.featured ?? spread(topics)).filter((id) => topics.some((topic) => topic.id === id));
  const examples =
    file.examples ?? featured.slice(0, 2).flatMap((id) => topics.find((topic) => topic.id === id)?.questions.slice(0, 1) ?? []);
  const help = file.help ?? `Ask me a question in your own words${examples.length > 0 ? `, like ${quoteList(examples)}` : ''}.`;
  return {
    name,
    about,
    greeting: file.greeting ?? `Hi! I answer ${about}. Ask me anything, or pick a topic.`,
    help,
    examples,
    featured,
    thanks: file.thanks ?? 'Glad to help! Ask another question any time.',
    goodbye: file.goodbye ?? 'Thanks for stopping by. Come back any time!',
  };
}
