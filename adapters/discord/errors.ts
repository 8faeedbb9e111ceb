import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';

/**
 * Errors from Discord's REST client carry the request URL and body. Interaction callback and
 * webhook URLs contain the interaction token (a credential for 15 minutes), and bodies contain
 * users' text; the logger's path redaction cannot see inside a URL, so these are reduced here to
 * what helps an operator: status, Discord's code and message, method and a token-free route.
 */

/** `/interactions/<id>/<token>/…` and `/webhooks/<app>/<token>…` with the token replaced. */
export function redactUrl(url: string): string {
  return url.replace(/(\/interactions\/\d+\/)[^/?]+/g, '$1[redacted]').replace(/(\/webhooks\/\d+\/)[^/?]+/g, '$1[redacted]');
}

/** The error to put under `err` in a log line. */
export function loggableError(error: unknown): unknown {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    return {
      type: error.name,
      message: redactUrl(error.message),
      status: error.status,
      code: error instanceof DiscordAPIError ? error.code : undefined,
      method: error.method,
      url: redactUrl(error.url),
      stack: error.stack ? redactUrl(error.stack) : undefined,
    };
  }
  if (error instanceof RateLimitError) {
    return { type: error.name, message: error.message, route: error.route, retryAfter: error.retryAfter, global: error.global };
  }
  return error;
}
