import { z } from 'zod';

/** Topic ids are file names: lowercase letters, digits and single hyphens. */
export const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/**
 * The frontmatter of one knowledge file. `.strict()` so that a misspelt field ("question:")
 * is an error instead of an answer that silently loses its phrasings.
 */
export const topicFrontmatterSchema = z
  .object({
    title: nonEmpty,
    questions: z.array(nonEmpty, 'must be a list of strings').min(1, 'needs at least one sample question'),
    keywords: z.array(nonEmpty, 'must be a list of strings').default([]),
    /**
     * The topic's glossary: technical terms, product names and jargon that point to this topic
     * whatever the rest of the question says ("orm" -> databases). A term two topics list counts for neither.
     */
    terms: z.array(nonEmpty, 'must be a list of strings').default([]),
    related: z.array(z.string().regex(TOPIC_ID, 'must be a topic id (lowercase letters, digits, hyphens)')).default([]),
    sources: z
      .array(
        z
          .object({
            title: nonEmpty,
            url: z.url('must be a URL').optional(),
          })
          .strict(),
        'must be a list of { title, url? }',
      )
      .default([]),
    /** Set by `careerbot import` on a topic whose export had no answer; `check` warns until it is written. */
    draft: z.boolean('must be true or false').default(false),
  })
  .strict();

export type TopicFrontmatter = z.infer<typeof topicFrontmatterSchema>;

/** The first line of a draft answer written by `careerbot import`, so readers of the bot see it is one. */
export const DRAFT_MARKER = '**Draft answer:** this topic was imported without an answer yet.';

/** Warn below this many sample questions: the matcher learns from variety. */
export const MIN_RECOMMENDED_QUESTIONS = 3;
/** Warn above this many characters of answer: it should fit one chat message. */
export const MAX_RECOMMENDED_ANSWER_CHARS = 1_500;

/** The identity file of a knowledge directory: who the bot is and what it says around the answers. */
export const IDENTITY_FILE = 'bot.yaml';

const text = (max: number) => nonEmpty.max(max, `must be at most ${max} characters`);

/**
 * `bot.yaml`: every field optional, so a community sets only what it wants to change; the rest gets
 * neutral defaults built from its topics. `.strict()` so that a misspelt field is an error.
 */
export const identitySchema = z
  .object({
    /** Shown as the title of the help (Slack App Home, Discord help embed). */
    name: text(80).optional(),
    /** Completes "I answer ...", e.g. "questions about opening an account, cards and transfers". */
    about: text(300).optional(),
    greeting: text(500).optional(),
    /** The help text before the topic list. */
    help: text(500).optional(),
    /** Example questions the help quotes ("Ask me ..., like "a" or "b""). */
    examples: z.array(text(150), 'must be a list of strings').max(5, 'at most 5 example questions').optional(),
    /** Topic ids offered when the bot cannot answer; each must be a topic of this directory. */
    featured: z
      .array(z.string().regex(TOPIC_ID, 'must be a topic id (lowercase letters, digits, hyphens)'), 'must be a list of topic ids')
      .min(1, 'needs at least one topic id, or leave it out')
      .max(10, 'at most 10 topics')
      .optional(),
    thanks: text(300).optional(),
    goodbye: text(300).optional(),
  })
  .strict();

export type IdentityFile = z.infer<typeof identitySchema>;
