import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A fake Discord on 127.0.0.1: the REST API under `/api/v10` and the gateway WebSocket on the same
 * port. It speaks just enough of the wire protocol (../../../shared/testing-chat-platforms.md) for
 * the real discord.js Client, records every REST request, and lets tests push gateway events and
 * make chosen requests fail. Sharded like Discord: a connection that identifies with `shard: [i, n]`
 * gets only the servers whose `(guild_id >> 22) % n === i`, on READY and in every dispatch after it;
 * events outside a server (DMs) go to shard 0.
 */

export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`, e.g. `/interactions/1/tok/callback`. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body, or null when the request had none. */
  body: any;
  /** The `Authorization` header (discord.js sends `Bot <token>`; interaction callbacks send none). */
  authorization: string | undefined;
  /** The status the fake answered with. */
  status: number;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  /** Extra response headers (rate-limit headers on a 429, say). */
  headers?: Record<string, string>;
  /** Hold the answer this long (a slow Discord); the request is recorded at once. */
  delayMs?: number;
}

/** Returns a response to override the default one, or undefined to let the fake answer normally. */
export type Override = (request: RecordedRequest) => FakeResponse | undefined;

export interface FakeGuild {
  id: string;
  name: string;
  roles: { id: string; name: string; permissions?: string }[];
  channels: { id: string; name: string }[];
}

export const BOT_USER = { id: '900000000000000001', username: 'careerbot', discriminator: '0', avatar: null, bot: true };
export const APPLICATION_ID = '900000000000000002';

let sequence = 0n;
/** A snowflake-shaped id that grows with each call (Discord ids are creation-time based). */
export function snowflake(): string {
  sequence += 1n;
  return String(((BigInt(Date.now()) - 1420070400000n) << 22n) + sequence);
}

export function messageObject(
  fields: { channelId: string; content?: string; id?: string; embeds?: unknown[] } & Record<string, unknown>,
) {
  const { channelId, id, content, embeds, ...rest } = fields;
  return {
    id: id ?? snowflake(),
    channel_id: channelId,
    author: BOT_USER,
    content: content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    type: 0,
    flags: 0,
    pinned: false,
    embeds: embeds ?? [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    components: [],
    ...rest,
  };
}

/** The shard that owns a server: Discord's `(guild_id >> 22) % shard_count`. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

function guildCreate(guild: FakeGuild) {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: '900000000000000099',
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    system_channel_flags: 0,
    preferred_locale: 'en-US',
    features: [],
    emojis: [],
    stickers: [],
    roles: [
      {
        id: guild.id,
        name: '@everyone',
        permissions: '0',
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
      ...guild.roles.map((role, i) => ({
        id: role.id,
        name: role.name,
        permissions: role.permissions ?? '0',
        position: i + 1,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: true,
        flags: 0,
      })),
    ],
    channels: guild.channels.map((channel, i) => ({
      id: channel.id,
      type: 0,
      name: channel.name,
      position: i,
      guild_id: guild.id,
      permission_overwrites: [],
      parent_id: null,
    })),
    members: [],
    voice_states: [],
    presences: [],
    threads: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    member_count: 2,
    large: false,
    unavailable: false,
    joined_at: new Date().toISOString(),
  };
}

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Gateway frames received from the client (IDENTIFY, heartbeats). */
  readonly gatewayFrames: { op: number; d: unknown }[] = [];
  /** The close code of every gateway connection that ended (1000: the client closed it normally). */
  readonly gatewayCloses: number[] = [];
  /** Every dispatch sent, with the shard whose connection it went to and the server it belongs to. */
  readonly deliveries: { t: string; shard: number; guildId: string | undefined }[] = [];
  private readonly overrides: Override[] = [];
  private readonly waiters: { predicate: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];
  private readonly sockets = new Set<WebSocket>();
  /** Connections with a live session (READY or RESUMED sent): dispatches go to these. */
  private readonly live = new Set<WebSocket>();
  /** Dispatches sent while their shard had no live connection: replayed on its RESUME, as Discord does. */
  private readonly missed: { shard: number; frame: string }[] = [];
  private sessions = 0;
  /** Each connection's shard id and count, from its IDENTIFY (or the session it resumed). */
  private readonly shardOf = new Map<WebSocket, [number, number]>();
  /** The resumable session of each shard id (a new IDENTIFY replaces it). */
  private readonly sessionOf = new Map<number, { id: string; shard: [number, number] }>();
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  /** Where each pushed interaction happened, by id and by token: replies land in its channel. */
  private readonly places = new Map<string, { channel_id: string; guild_id?: string }>();
  private seq = 1;
  private port = 0;

  constructor(
    private readonly options: {
      guilds?: FakeGuild[];
      /** false: the bot's guilds are not sent on READY (an uncached guild: REST answers for it still). */
      announceGuilds?: boolean;
      heartbeatInterval?: number;
      /** Answer RESUME with INVALID_SESSION (op 9, not resumable), so the client must identify anew. */
      refuseResume?: boolean;
      /** The shard count GET /gateway/bot recommends (default 1). */
      shards?: number;
    } = {},
  ) {
    this.server = http.createServer((req, res) => void this.handleHttp(req, res));
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (socket) => this.handleGateway(socket));
  }

  async start(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** The value for `DISCORD_API_URL` / `rest.api`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Answer matching requests differently (e.g. a 500); the most recent override wins. */
  override(override: Override): () => void {
    this.overrides.unshift(override);
    return () => {
      const index = this.overrides.indexOf(override);
      if (index >= 0) this.overrides.splice(index, 1);
    };
  }

  /** Answer the first matching request with `response`, then behave normally again. */
  once(predicate: (request: RecordedRequest) => boolean, response: FakeResponse): void {
    const remove = this.override((request) => {
      if (!predicate(request)) return undefined;
      remove();
      return response;
    });
  }

  /**
   * Drop every gateway connection mid-session: closed with `code` (4000 "unknown error" and most
   * others are resumable), or cut without a close frame when no code is given. Resolves once the
   * fake has seen the connections close.
   */
  async dropGateway(code?: number): Promise<void> {
    const closing = [...this.sockets].map((socket) => once(socket, 'close'));
    for (const socket of this.sockets) {
      this.live.delete(socket);
      if (code === undefined) socket.terminate();
      else socket.close(code, 'fake Discord dropped the connection');
    }
    await Promise.all(closing);
  }

  /** Gateway frames received with this opcode (2 IDENTIFY, 6 RESUME, 1 heartbeat). */
  framesWithOp(op: number): { op: number; d: unknown }[] {
    return this.gatewayFrames.filter((frame) => frame.op === op);
  }

  /** Answer matching requests normally, but only after `ms` (a slow Discord). */
  hold(predicate: (request: RecordedRequest) => boolean, ms: number): () => void {
    return this.override((request) => (predicate(request) ? { ...this.defaultResponse(request), delayMs: ms } : undefined));
  }

  /**
   * Send a gateway dispatch (op 0) to the live session of the shard that owns its server (shard 0 for
   * events outside a server); when that shard has none (a dropped connection), keep it for its RESUME.
   */
  dispatch(t: string, d: unknown): void {
    if (t === 'INTERACTION_CREATE') {
      const { id, token, channel_id, guild_id } = d as { id: string; token: string; channel_id: string; guild_id?: string };
      const place = guild_id ? { channel_id, guild_id } : { channel_id };
      this.places.set(id, place).set(token, place);
    }
    const { id, guild_id } = (d ?? {}) as { id?: string; guild_id?: string };
    const guildId = t === 'GUILD_CREATE' ? id : guild_id;
    this.seq += 1;
    const frame = JSON.stringify({ op: 0, t, s: this.seq, d });
    let sent = false;
    for (const socket of this.live) {
      const [shard, count] = this.shardOf.get(socket) ?? [0, 1];
      if ((guildId === undefined ? 0 : shardOfGuild(guildId, count)) !== shard) continue;
      socket.send(frame);
      sent = true;
      this.deliveries.push({ t, shard, guildId });
    }
    if (!sent) {
      // No live owner: the shard it will go to, by the count the shards identified with (1 before any did).
      const count = [...this.sessionOf.values()][0]?.shard[1] ?? 1;
      this.missed.push({ shard: guildId === undefined ? 0 : shardOfGuild(guildId, count), frame });
    }
  }

  /** Push an interaction and wait for the first REST request that matches (by default, its callback). */
  async interact(
    payload: { id: string; token: string },
    until: (r: RecordedRequest) => boolean = (r) => r.path.startsWith(`/interactions/${payload.id}/`),
    timeoutMs = 5000,
  ): Promise<RecordedRequest> {
    const answered = this.waitFor(until, timeoutMs);
    this.dispatch('INTERACTION_CREATE', payload);
    return answered;
  }

  /** Resolves with the first recorded request (past or future) that matches. */
  waitFor(predicate: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    const seen = this.requests.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new Error(`fake Discord: no matching request within ${timeoutMs} ms; saw ${this.describe()}`));
      }, timeoutMs);
      const waiter = {
        predicate,
        resolve: (r: RecordedRequest) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Requests made while answering one interaction (its callbacks and webhook calls, by token). */
  requestsFor(interaction: { id: string; token: string }): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(`/${interaction.id}/`) || r.path.includes(`/${interaction.token}`));
  }

  describe(): string {
    return this.requests.map((r) => `${r.method} ${r.path} ${r.status}`).join(', ') || 'no requests';
  }

  private handleGateway(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', (code) => {
      this.gatewayCloses.push(code);
      this.sockets.delete(socket);
      this.live.delete(socket);
      this.shardOf.delete(socket);
    });
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.options.heartbeatInterval ?? 41250 } }));
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: unknown };
      this.gatewayFrames.push(frame);
      if (frame.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (frame.op === 6) {
        const { session_id: sessionId } = frame.d as { session_id: string };
        const session = [...this.sessionOf.values()].find((s) => s.id === sessionId);
        if (this.options.refuseResume || !session) {
          // Not resumable: the client waits a moment and identifies again; missed events are lost.
          if (session) this.dropMissed(session.shard[0]);
          socket.send(JSON.stringify({ op: 9, d: false }));
          return;
        }
        // Replay what the shard missed, then RESUMED.
        this.shardOf.set(socket, session.shard);
        for (const missed of this.dropMissed(session.shard[0])) socket.send(missed.frame);
        this.seq += 1;
        socket.send(JSON.stringify({ op: 0, t: 'RESUMED', s: this.seq, d: {} }));
        this.live.add(socket);
      }
      if (frame.op === 2) {
        const [shard, count] = (frame.d as { shard?: [number, number] }).shard ?? [0, 1];
        this.sessions += 1;
        const session = `fake-session-${this.sessions}`;
        this.sessionOf.set(shard, { id: session, shard: [shard, count] });
        this.shardOf.set(socket, [shard, count]);
        this.dropMissed(shard);
        const guilds = (this.options.announceGuilds === false ? [] : (this.options.guilds ?? [])).filter(
          (guild) => shardOfGuild(guild.id, count) === shard,
        );
        socket.send(
          JSON.stringify({
            op: 0,
            t: 'READY',
            s: 1,
            d: {
              v: 10,
              user: BOT_USER,
              guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
              session_id: session,
              shard: [shard, count],
              resume_gateway_url: `ws://127.0.0.1:${this.port}`,
              application: { id: APPLICATION_ID, flags: 0 },
            },
          }),
        );
        this.live.add(socket);
        for (const guild of guilds) this.dispatch('GUILD_CREATE', guildCreate(guild));
      }
    });
  }

  /** Take the dispatches kept for a shard. */
  private dropMissed(shard: number): { shard: number; frame: string }[] {
    const kept = this.missed.filter((missed) => missed.shard === shard);
    for (const missed of kept) this.missed.splice(this.missed.indexOf(missed), 1);
    return kept;
  }

  private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname).replace(/^\/api\/v10/, ''),
      query: url.searchParams,
      body: raw === '' ? null : JSON.parse(raw),
      authorization: req.headers.authorization,
      status: 0,
    };
    let response: FakeResponse | undefined;
    for (const override of this.overrides) {
      response = override(request);
      if (response) break;
    }
    response ??= this.defaultResponse(request);
    request.status = response.status;
    this.requests.push(request);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(request)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(request);
      }
    }
    if (response.delayMs) await new Promise((resolve) => setTimeout(resolve, response.delayMs));
    const headers = response.headers ?? {};
    if (response.body === undefined) res.writeHead(response.status, headers).end();
    else res.writeHead(response.status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(response.body));
  }

  private defaultResponse(r: RecordedRequest): FakeResponse {
    const { method, path, body } = r;
    let m: RegExpMatchArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return {
        status: 200,
        body: {
          url: `ws://127.0.0.1:${this.port}`,
          shards: this.options.shards ?? 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
      };
    }
    if (method === 'POST' && (m = path.match(/^\/interactions\/(\d+)\/[^/]+\/callback$/))) {
      if (r.query.get('with_response') !== 'true') return { status: 204 };
      const place = this.places.get(m[1]!);
      const message = body?.data ? messageObject({ channelId: '0', ...place, ...stripMeta(body.data) }) : undefined;
      return {
        status: 200,
        body: {
          interaction: {
            id: m[1],
            type: 2,
            response_message_id: message?.id,
            response_message_loading: false,
            response_message_ephemeral: false,
          },
          resource: { type: body?.type, ...(message ? { message } : {}) },
        },
      };
    }
    if ((m = path.match(/^\/webhooks\/\d+\/([^/]+)(\/messages\/@original)?$/))) {
      const place = this.places.get(m[1]!);
      if (method === 'PATCH' || method === 'POST') {
        return { status: 200, body: messageObject({ channelId: '0', ...place, ...stripMeta(body) }) };
      }
      if (method === 'DELETE') return { status: 204 };
    }
    if (method === 'POST' && (m = path.match(/^\/channels\/(\d+)\/messages$/))) {
      return { status: 200, body: messageObject({ channelId: m[1]!, ...stripMeta(body) }) };
    }
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      return {
        status: 200,
        body: (body as { name: string }[]).map((command) => ({
          id: snowflake(),
          application_id: APPLICATION_ID,
          version: '1',
          ...command,
        })),
      };
    }
    if (method === 'GET' && (m = path.match(/^\/guilds\/(\d+)\/roles$/))) {
      const guild = this.options.guilds?.find((g) => g.id === m![1]);
      if (guild) return { status: 200, body: guildCreate(guild).roles };
    }
    return { status: 404, body: { message: `fake Discord has no route for ${method} ${path}`, code: 0 } };
  }
}

/** Fields of a message body that are requests, not message data. */
function stripMeta(body: any): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  const { allowed_mentions: _a, message_reference: _r, attachments: _at, ...rest } = body;
  return rest;
}
