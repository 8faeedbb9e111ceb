import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small fake of the Slack Web API on 127.0.0.1, at the wire level the real WebClient speaks:
 * `POST /api/<method>` with a form-encoded (or JSON) body, nested values as JSON strings, the token
 * in `Authorization: Bearer`. It records every call, answers `{ ok: true, ... }` by default, can be
 * told to fail a method, and also serves `response_url`s (`POST /response/<name>`, JSON bodies).
 */

export interface ApiCall {
  method: string;
  /** Form fields, with JSON-looking values (blocks, view, …) parsed. */
  args: Record<string, unknown>;
  token: string | undefined;
  /** The HTTP status the fake answered with (429 for a rate-limited call, say). */
  status: number;
}

export interface ResponseUrlCall {
  name: string;
  body: Record<string, unknown>;
}

type Answer = {
  status?: number;
  body: unknown;
  /** Extra response headers (`retry-after` on a 429). */
  headers?: Record<string, string>;
  /** Hold the answer this long (slow Slack). */
  delayMs?: number;
};
type Responder = (call: ApiCall) => Answer | undefined;

export interface FakeSlackApiOptions {
  botUserId?: string;
  botId?: string;
  teamId?: string;
  /** usergroups.users.list answers: group id → member ids. */
  userGroups?: Record<string, string[]>;
  /** apps.connections.open answers with this WebSocket URL (Socket Mode tests). */
  socketUrl?: string;
}

export class FakeSlackApi {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlCall[] = [];
  private readonly overrides = new Map<string, Responder[]>();
  private readonly waiters = new Set<() => void>();
  private server: Server | undefined;
  private nextTs = 1_700_000_000;
  port = 0;

  constructor(readonly options: FakeSlackApiOptions = {}) {}

  get botUserId(): string {
    return this.options.botUserId ?? 'UBOT';
  }

  /** The Web API base for `SLACK_API_URL` / `clientOptions.slackApiUrl`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(name: string): string {
    return `http://127.0.0.1:${this.port}/response/${name}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Forget recorded calls and one-off overrides (between tests). */
  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.overrides.clear();
  }

  /** Answer the next call to `method` with this (e.g. `{ body: { ok: false, error: 'channel_not_found' } }` or `{ status: 500, body: 'oops' }`). */
  failNext(method: string, answer: Answer): void {
    this.answerWith(method, () => answer, true);
  }

  /** Answer calls to `method` with `responder` (return undefined to fall back to the default). */
  answerWith(method: string, responder: Responder, once = false): void {
    const list = this.overrides.get(method) ?? [];
    if (once) {
      const wrapped: Responder = (call) => {
        list.splice(list.indexOf(wrapped), 1);
        return responder(call);
      };
      list.push(wrapped);
    } else list.push(responder);
    this.overrides.set(method, list);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  responsesTo(name: string): ResponseUrlCall[] {
    return this.responses.filter((response) => response.name === name);
  }

  /** Wait until `predicate` holds over what was recorded (for flows that finish after the HTTP ack). */
  async waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for the fake Slack API to record the expected call');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 50));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  private notify(): void {
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, kind, name = ''] = url.pathname.split('/');
    if (req.method === 'POST' && kind === 'response') {
      this.responses.push({ name, body: raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>) });
      this.notify();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (req.method !== 'POST' || kind !== 'api') {
      res.writeHead(404).end();
      return;
    }
    const authorization = req.headers.authorization;
    const call: ApiCall = {
      method: name,
      args: parseArgs(raw, req.headers['content-type']),
      token: authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined,
      status: 200,
    };
    let answer: Answer | undefined;
    for (const responder of [...(this.overrides.get(name) ?? [])]) {
      answer = responder(call);
      if (answer) break;
    }
    answer ??= { body: this.defaultAnswer(call) };
    call.status = answer.status ?? 200;
    this.calls.push(call);
    this.notify();
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers }).end(body);
  }

  private defaultAnswer(call: ApiCall): Record<string, unknown> {
    const { args } = call;
    switch (call.method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake',
          user: 'careerbot',
          team_id: this.options.teamId ?? 'T0001',
          user_id: this.botUserId,
          bot_id: this.options.botId ?? 'BBOT',
        };
      case 'chat.postMessage': {
        const ts = `${this.nextTs++}.000100`;
        return { ok: true, channel: args.channel, ts, message: { type: 'message', text: args.text, ts, bot_id: 'BBOT' } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${this.nextTs++}.000200` };
      case 'views.open':
      case 'views.publish':
        return { ok: true, view: { id: 'V0001', ...(args.view as object) } };
      case 'usergroups.users.list':
        return { ok: true, users: this.options.userGroups?.[String(args.usergroup)] ?? [] };
      case 'apps.connections.open':
        return this.options.socketUrl
          ? { ok: true, url: this.options.socketUrl }
          : { ok: false, error: 'not_allowed_token_type' };
      default:
        return { ok: true };
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return args;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
