/** Stable error codes, so callers and tests can tell failures apart without parsing messages. */
export type ErrorCode =
  | 'careerbot_knowledge_invalid'
  | 'careerbot_knowledge_unreadable'
  | 'careerbot_import_invalid'
  | 'careerbot_config_invalid'
  | 'careerbot_unknown_topic'
  | 'careerbot_store_unavailable'
  | 'careerbot_usage';

export class CareerbotError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CareerbotError';
    this.code = code;
  }
}

export function isCareerbotError(value: unknown): value is CareerbotError {
  return value instanceof CareerbotError;
}
