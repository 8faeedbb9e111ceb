import type { Source } from './types.js';

/**
 * What the bot says, as a neutral document: each adapter renders it (Slack blocks, Discord
 * embeds, terminal text) and turns topic references into buttons or menus.
 */

export interface TopicRef {
  id: string;
  title: string;
}

export interface AnswerReply {
  kind: 'answer';
  topic: TopicRef;
  /** The answer as Markdown. */
  body: string;
  sources: Source[];
  related: TopicRef[];
  /** Matcher confidence; 1 when the topic was chosen explicitly. */
  confidence: number;
  /** Other questions in the same message, on other topics: offered as "You also asked about". */
  also?: TopicRef[] | undefined;
}

export interface ClarifyReply {
  kind: 'clarify';
  text: string;
  suggestions: TopicRef[];
}

export interface InfoReply {
  /** fallback: off-topic; smalltalk: greeting, thanks, help; notice: input or rate limit problems. */
  kind: 'fallback' | 'smalltalk' | 'notice';
  text: string;
  /**
   * Topics worth offering: the whole list for help; for a fallback, the matcher's best candidates
   * for this question when it had any, otherwise a few featured topics.
   */
  topics: TopicRef[];
}

export type Reply = AnswerReply | ClarifyReply | InfoReply;
