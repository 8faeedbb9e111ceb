import type { SmalltalkKind } from '../types.js';

/**
 * Greetings, thanks, goodbyes and requests for help. A message is small talk only when every word
 * in it is one of these or filler: "hi, what's the salary in india?" is a question, not a greeting.
 */
const KIND_WORDS: ReadonlyArray<[SmalltalkKind, ReadonlySet<string>]> = [
  [
    'help',
    new Set([
      'help',
      'helpme',
      'commands',
      'command',
      'menu',
      'usage',
      'start',
      'topics',
      'options',
      'capable',
      'do',
      'cover',
      'covers',
      'answer',
    ]),
  ],
  [
    'thanks',
    new Set([
      'thanks',
      'thank',
      'thankyou',
      'thx',
      'cheers',
      'appreciate',
      'appreciated',
      'great',
      'awesome',
      'cool',
      'nice',
      'perfect',
      'helpful',
      'useful',
      'ok',
      'okay',
      'got',
      'it',
      'understood',
      'dhanyavad',
      'shukriya',
    ]),
  ],
  ['bye', new Set(['bye', 'goodbye', 'cya', 'later', 'goodnight', 'night', 'see'])],
  [
    'greeting',
    new Set([
      'hi',
      'hello',
      'hey',
      'heya',
      'hiya',
      'yo',
      'howdy',
      'sup',
      'hola',
      'namaste',
      'greetings',
      'morning',
      'afternoon',
      'evening',
      'gm',
      'hii',
      'hiii',
      'helo',
      'hallo',
      'wassup',
      'whatsup',
    ]),
  ],
];

const FILLER = new Set([
  'a',
  'an',
  'the',
  'you',
  'your',
  'u',
  'so',
  'much',
  'very',
  'lot',
  'lots',
  'for',
  'there',
  'all',
  'everyone',
  'good',
  'please',
  'can',
  'could',
  'what',
  'whats',
  'how',
  'are',
  'is',
  'doing',
  'me',
  'i',
  'im',
  'to',
  'with',
  'this',
  'that',
  'bot',
  'careerbot',
  'again',
  'and',
  'again',
  'guys',
  'folks',
  'team',
  'buddy',
  'friend',
  'man',
  'bro',
  'sir',
  'just',
  'now',
  'really',
  'well',
  'oh',
  'hmm',
  'on',
  'of',
  'about',
  'things',
  'kind',
  'which',
  'questions',
  'question',
  'use',
  'work',
  'works',
  'does',
  'know',
  'need',
  'some',
  'any',
  'get',
  'going',
  'its',
  'my',
  'we',
  'it',
  'do',
  'ok',
]);

// "what can you do" / "how does this work": all filler, but plainly a request for help.
const HELP_PHRASES = new Set([
  'what can you do',
  'what do you do',
  'how does this work',
  'what do you know',
  'how do i use this',
  'how do you work',
  'what can i ask',
  'what can i ask you',
  'what are you',
  'who are you',
]);

export function detectSmalltalk(tokens: readonly string[]): SmalltalkKind | null {
  if (tokens.length === 0 || tokens.length > 10) return null;
  if (HELP_PHRASES.has(tokens.join(' '))) return 'help';
  const found = new Set<SmalltalkKind>();
  for (const token of tokens) {
    let kind: SmalltalkKind | null = null;
    for (const [candidate, words] of KIND_WORDS) {
      if (words.has(token)) {
        kind = candidate;
        break;
      }
    }
    if (kind !== null && !(FILLER.has(token) && kind !== 'help' && kind !== 'thanks')) found.add(kind);
    else if (kind === null && !FILLER.has(token)) return null;
  }
  // "help" wins over "hi", and thanks over a greeting ("hey thanks!").
  for (const kind of ['help', 'thanks', 'bye', 'greeting'] as const) if (found.has(kind)) return kind;
  return null;
}
