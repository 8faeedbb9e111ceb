import type { MatchResult } from '../types.js';

/**
 * Requests no FAQ topic answers, whatever words they share with one: a pasted error or a server that
 * will not start ("my container exits with code 137": the words say docker, the request says fix my
 * machine), a request to write or solve code, an attempt to rewrite the bot's instructions, and a
 * question about another career. A keyword-rich knowledge base pulls these towards the topic that
 * names the tool, so they are recognised by their shape before matching and declined.
 */

export type OffTopicKind = NonNullable<MatchResult['declined']>;

/** Read on the raw text: the shapes of error output and of "fix this for me". */
const TROUBLESHOOTING: readonly RegExp[] = [
  // Exception and error class names: TypeError, NullPointerException, ModuleNotFoundError.
  /\b[A-Z][A-Za-z]*(?:Error|Exception)\b/,
  // Stack frames and qualified names from a trace: java.lang.Foo, pkg.mod.Class, app.js:42.
  /\b[a-z_]\w*\.[a-z_]\w*\.[A-Za-z_]\w*\b/,
  /\.\w{1,5}:\d+\b/,
  // Exit statuses and process failures.
  /\bexit(?:s|ed|ing)?\s+(?:immediately\s+)?(?:with\s+)?(?:code|status)\s*\d+/i,
  /\b(?:exit|error|status)\s+code\s*\d+/i,
  /\b(?:won'?t|wont|doesn'?t|does not|will not|fails? to|failed to)\s+(?:start|boot|connect|compile)(?:ing)?\b/i,
  /\b(?:address|port)\s+(?:\d+\s+)?(?:is\s+)?already\s+in\s+use\b/i,
  /\bport\s+\d+\s+(?:is\s+)?(?:busy|blocked|in use)\b/i,
  // HTTP failures of one's own server.
  /\b5\d\d\s+(?:bad gateway|internal server error|service unavailable|gateway time-?out)\b/i,
  /\b(?:bad gateway|permission denied|access denied|forbidden you don'?t have permission)\b/i,
  // Git refusing an operation.
  /\b(?:rejected|non-fast-forward|detached head)\b.*\b(?:push|pull|git|branch)\b|\bgit\b.*\b(?:rejected|non-fast-forward)\b/i,
  // "fix this pls", "pls fix", "fix my error", "my code is not working".
  /\b(?:fix|solve)\s+(?:this|it)\s*(?:pls|please|plz|rn|asap|now|for me)?\s*[?!.]*\s*$/i,
  /\b(?:pls|please|plz)\s+(?:fix|solve)\b/i,
  /\bfix\s+(?:my|mera|meri)\s+(?:\w+\s+)?(?:code|error|bug|program|script|app|server)\b/i,
  /\b(?:my|mera|meri)\s+(?:code|program|script|app|server|build)\s+(?:is\s+)?(?:not|nahi|isn'?t|doesn'?t|won'?t|keeps)\b/i,
];

/** Asking the bot to produce or solve code, an assignment or a query. */
const CODE_REQUEST: readonly RegExp[] = [
  /\b(?:write|give|generate|code)\s+(?:me\s+)?(?:a|an|the)\s+(?:\w+\s+){0,2}(?:program|code|script|function|query|regex|class)\b/i,
  /\b(?:can|could)\s+(?:u|you)\s+(?:please\s+|pls\s+)?(?:write|code|solve)\s+(?:me\s+)?(?:a|an|the|my|this)\b/i,
  /\b(?:do|solve|finish|complete)\s+(?:my|mera|meri)\s+(?:\w+\s+)?(?:assignment|homework|project|lab|question)s?\b/i,
  /\bfor my (?:assignment|homework)\b/i,
  /\bsolve\b.*\b(?:in o\(|line by line|leetcode problem|for me)\b/i,
];

/** Attempts to replace the bot's instructions or read them out, or to have it help break into things. */
const INJECTION: readonly RegExp[] = [
  /\bhack\s+(?:into|my|someone'?s?|a|an|the|his|her|their)\b/i,
  /\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+|the\s+|your\s+)?(?:previous|prior|above|earlier|your)\s+(?:instructions|rules|prompts?|messages)\b/i,
  /\b(?:system|hidden|secret|initial|original)\s+(?:prompt|instructions|rules)\b/i,
  /\byour\s+(?:instructions|rules|prompt)\b/i,
  // Asking the bot for its own secrets: "print the contents of your config and api keys".
  /\b(?:print|show|reveal|dump|leak|display|give\s+me|tell\s+me)\b.{0,40}\byour\s+(?:config(?:uration)?|env|environment|secrets?|api\s+keys?|tokens?|credentials|passwords?)\b/i,
  /\b(?:developer|god|admin|jailbreak|unrestricted)\s+mode\b/i,
  /\byou\s+are\s+now\b/i,
  /\b(?:pretend|act)\s+(?:like\s+|as\s+|to\s+be\s+)?(?:you'?re|you\s+are|a|an)\b/i,
  /^\s*(?:system|assistant)\s*:/i,
  /\bDAN\b/,
];

/**
 * Other specialisms and professions: a question about one of them, that names none of the
 * knowledge's core words, is about another career. Kept to roles a career FAQ about one profession
 * does not cover; generic ones ("software engineer", "developer") are left alone.
 */
const OTHER_ROLES =
  /\b(?:(?:frontend|front end|ui|ux|ui ux|ui\/ux|android|ios|mobile app|game|unity|blockchain|web3|embedded|salesforce|sap)\s+(?:developer|dev|devs|developers|designer|designers|development|engineer)|game\s*dev|data\s+(?:scientist|science|analyst|analytics)|(?:ml|ai|machine learning|deep learning|prompt)\s+engineer(?:ing)?|cyber\s*security|ethical\s+hack(?:ing|er)?|bug\s+bount(?:y|ies)|penetration\s+test(?:er|ing)|product\s+manag(?:er|ement)|project\s+manager|business\s+analyst|digital\s+marketing|graphic\s+design(?:er)?|ui\s*ux|ux\s+design(?:er)?)\b/i;

/** The shape of a career question about a role. */
const ROLE_ASK =
  /\b(?:become|becoming|roadmap|career|careers|salary|salaries|pay|paid|earn|earns|path|start|begin|scope|job|jobs|banne|bane|banu|banna|seekhu|padhu|learn|prep|preparation|into|vs|versus|worth|choose|pick|switch)\b/i;

/** The off-topic kind of a message, or null when it may be about the knowledge. */
export function detectOffTopic(text: string, tokens: readonly string[], coreWords: ReadonlySet<string>): OffTopicKind | null {
  if (INJECTION.some((pattern) => pattern.test(text))) return 'injection';
  if (TROUBLESHOOTING.some((pattern) => pattern.test(text))) return 'troubleshooting';
  if (CODE_REQUEST.some((pattern) => pattern.test(text))) return 'code-request';
  if (ROLE_ASK.test(text) && namesOtherRole(text, tokens, coreWords)) return 'other-profession';
  return null;
}

/**
 * True when the text names another specialism and none of the knowledge's core words: in a follow-up
 * ("and a data scientist?") the career question itself was asked in the turn before.
 */
export function namesOtherRole(text: string, tokens: readonly string[], coreWords: ReadonlySet<string>): boolean {
  return coreWords.size > 0 && OTHER_ROLES.test(text) && !tokens.some((t) => coreWords.has(t));
}

/**
 * The knowledge's core words: content words in (nearly) every topic, such as "backend" in a backend
 * career FAQ. Empty when no word is that common, and then no question counts as another career.
 */
export function coreWords(topicTokens: readonly (readonly string[])[], stopwords: ReadonlySet<string>): Set<string> {
  const core = new Set<string>();
  if (topicTokens.length < 5) return core;
  const df = new Map<string, number>();
  for (const tokens of topicTokens) for (const token of new Set(tokens)) df.set(token, (df.get(token) ?? 0) + 1);
  for (const [token, count] of df) if (!stopwords.has(token) && count >= 0.9 * topicTokens.length) core.add(token);
  return core;
}
