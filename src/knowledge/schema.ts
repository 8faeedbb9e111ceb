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
    related: z
      .array(z.string().regex(TOPIC_ID, 'must be a topic id (lowercase letters, digits, hyphens)'))
      .default([]),
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
