/** Stable error codes, so callers and tests can tell failures apart without parsing messages. */
export type ErrorCode =
  | 'careerbot_knowledge_invalid'
  | 'careerbot_knowledge_unreadable'
  | 'careerbot_import_invalid'
  | 'careerbot_config_invalid'
  | 'careerbot_unknown_topic'
  | 'careerbot_store_unavailable'
  /** The database was written by a newer careerbot: its schema version is past this one's migrations. */
  | 'careerbot_store_schema_newer'
  /** Bytes that are not a complete `LinearModel.snapshot()` (a truncated or foreign cache file). */
  | 'careerbot_model_snapshot_invalid'
  /** The matcher cache could not be written; the bot runs on, training at each start. */
  | 'careerbot_cache_unwritable'
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
