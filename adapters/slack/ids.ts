/**
 * Identifiers shared by the renderer, the handlers and the manifest (manifest.ts writes the command
 * and the shortcut's callback id from here): after changing one, regenerate `manifest.yaml` with
 * `careerbot manifest`.
 */

export const COMMAND = '/career';
export const ANSWER_SHORTCUT = 'careerbot_answer_with_faq';
export const LINK_MODAL = 'careerbot_link_modal';

export const ACTIONS = {
  /** A topic button (related topics, fallback examples): `careerbot_show_<index>`, unique per block. */
  show: 'careerbot_show_',
  /** A "Did you mean" button: `careerbot_clarify_<index>`. */
  clarify: 'careerbot_clarify_',
  /** The topic list's static select. */
  pick: 'careerbot_pick',
  share: 'careerbot_share',
  feedbackUp: 'careerbot_feedback_up',
  feedbackDown: 'careerbot_feedback_down',
  /** The moderator modal's external select. */
  topicPicker: 'careerbot_topic_picker',
} as const;

export const BLOCKS = {
  related: 'careerbot_related',
  /** "You also asked about": the other questions of a two-question message. */
  also: 'careerbot_also',
  answerActions: 'careerbot_answer_actions',
  clarify: 'careerbot_clarify',
  topics: 'careerbot_topics',
  topicPicker: 'careerbot_topic',
} as const;
