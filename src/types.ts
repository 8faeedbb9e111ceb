/**
 * The core's own vocabulary. Adapters import these; nothing here knows about a chat platform.
 */

export interface Source {
  title: string;
  url?: string | undefined;
}

export interface Topic {
  /** Stable id: the knowledge file's name without `.md`. */
  id: string;
  title: string;
  /** Sample phrasings from the knowledge file. */
  questions: string[];
  keywords: string[];
  /** Glossary terms: a question naming one leans to this topic (see docs/topics.md). */
  terms: string[];
  related: string[];
  sources: Source[];
  /** The answer, as Markdown. */
  body: string;
  /** Path of the file it was loaded from (for error messages and `check`). */
  file: string;
}

/** Who the bot is and what it says around the answers: the knowledge directory's `bot.yaml`, resolved. */
export interface Identity {
  name: string;
  /** Completes "I answer ...". */
  about: string;
  greeting: string;
  /** The help text before the topic list. */
  help: string;
  examples: string[];
  /** Topic ids a fallback offers. */
  featured: string[];
  thanks: string;
  goodbye: string;
}

export interface KnowledgeBase {
  dir: string;
  /** From `bot.yaml`; absent (knowledge built in code), the bot uses neutral defaults from the topics. */
  identity?: Identity;
  topics: Topic[];
  byId: ReadonlyMap<string, Topic>;
  /**
   * Phrasings the bot should NOT answer (from `out-of-scope.txt` in the knowledge directory, or
   * the built-in generic list): the matcher learns them as a "none of these topics" class.
   */
  outOfScope: string[];
}

export type Outcome = 'answer' | 'clarify' | 'fallback' | 'smalltalk';

export interface Suggestion {
  topicId: string;
  confidence: number;
}

export interface MatchResult {
  outcome: Outcome;
  /** The answered topic for `answer`, otherwise null. */
  topicId: string | null;
  /** Confidence in [0, 1] of the best topic (for smalltalk: of the small-talk match). */
  confidence: number;
  /** Best topics, most likely first (up to 3 for `clarify`). */
  suggestions: Suggestion[];
  /** For `smalltalk`: which kind. */
  smalltalk?: SmalltalkKind | undefined;
  /** A second question in the same message, on another topic, answered with this confidence. */
  also?: Suggestion[] | undefined;
  /** The answer needed the conversation's earlier turns (a follow-up such as "and in the US?"). */
  fromContext?: boolean | undefined;
  /** The message was junk (one word repeated, say): declined without matching. */
  junk?: boolean | undefined;
  /** Declined because the message is more like what the knowledge does not cover than like any topic. */
  offTopic?: boolean | undefined;
  /**
   * The message was declined by its shape, before matching: a pasted error or server trouble, a
   * request to write code, an attempt to change the bot's instructions, or another career.
   */
  declined?: 'troubleshooting' | 'code-request' | 'injection' | 'other-profession' | undefined;
}

export type SmalltalkKind = 'greeting' | 'thanks' | 'help' | 'bye';
