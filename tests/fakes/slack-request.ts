import { createHmac } from 'node:crypto';

/**
 * Requests as Slack sends them to a Bolt HTTP endpoint: signed with the signing secret
 * (`v0=HMAC-SHA256(secret, "v0:<ts>:<raw body>")`), events as JSON, commands and interactions as
 * exactly `application/x-www-form-urlencoded` (interactions in the `payload` field).
 */

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignOptions {
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Replace the computed signature (forgery tests). */
  signature?: string;
}

export interface SlackRequester {
  /** POST a raw body, signed. */
  post(body: string, contentType: string, sign?: SignOptions): Promise<Response>;
  event(event: Record<string, unknown>, extra?: Record<string, unknown>, sign?: SignOptions): Promise<Response>;
  command(fields: Record<string, string>, sign?: SignOptions): Promise<Response>;
  interaction(payload: Record<string, unknown>, sign?: SignOptions): Promise<Response>;
}

let eventCounter = 0;

export function slackRequester(endpoint: string, signingSecret: string, team = 'T0001'): SlackRequester {
  const post = (body: string, contentType: string, sign: SignOptions = {}) => {
    const timestamp = sign.timestamp ?? Math.floor(Date.now() / 1000);
    return fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': sign.signature ?? slackSignature(signingSecret, timestamp, body),
      },
      body,
    });
  };
  return {
    post,
    event(event, extra = {}, sign) {
      eventCounter += 1;
      const body = JSON.stringify({
        token: 'verification-token-unused',
        type: 'event_callback',
        team_id: team,
        api_app_id: 'A0001',
        event_id: `Ev${String(eventCounter).padStart(6, '0')}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: team, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
        event: { event_ts: event.ts, ...event },
        ...extra,
      });
      return post(body, 'application/json', sign);
    },
    command(fields, sign) {
      const body = new URLSearchParams({
        token: 'verification-token-unused',
        team_id: team,
        team_domain: 'fake',
        channel_name: 'general',
        user_name: 'someone',
        api_app_id: 'A0001',
        trigger_id: 'trigger-1',
        ...fields,
      }).toString();
      return post(body, 'application/x-www-form-urlencoded', sign);
    },
    interaction(payload, sign) {
      const body = new URLSearchParams({
        payload: JSON.stringify({
          token: 'verification-token-unused',
          api_app_id: 'A0001',
          team: { id: team, domain: 'fake' },
          ...payload,
        }),
      }).toString();
      return post(body, 'application/x-www-form-urlencoded', sign);
    },
  };
}
