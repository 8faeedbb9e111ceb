/**
 * The ports: what the core needs from the outside world, as interfaces the adapters and the app
 * implement. The core imports none of them; the app (app/start.ts) plugs them together.
 */

/** A running chat adapter: `stop` stops taking events, lets in-flight replies finish, and closes connections. */
export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
}

/** What starts a chat adapter (Slack, Discord): resolves once it takes events. */
export type StartAdapter<Options> = (options: Options) => Promise<RunningAdapter>;

/** Whether a platform user may use moderator features (post answers for others, read the report). */
export type IsModerator = () => Promise<boolean>;

/** Milliseconds since the epoch; policies take one so tests can drive time. */
export type Clock = () => number;
