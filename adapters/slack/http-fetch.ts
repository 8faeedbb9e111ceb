import http from 'node:http';
import https from 'node:https';

/**
 * The `fetch` the Slack Web API client and Bolt's `respond()` call, on node:http over kept-alive
 * connections. Under load node's global fetch (undici, with web streams for every body) was about a
 * fifth of the bot's CPU time and much of its garbage (docs/deploy.md, "Load"); this one buffers
 * the small JSON bodies Slack sends instead. It implements the part of fetch those callers use:
 * a string or Buffer body, plain-object headers, `signal`, `redirect`, and a response with `ok`,
 * `status`, `statusText`, `url`, `headers.get()` / `entries()`, `text()`, `json()`, `arrayBuffer()`.
 * Anything else (a FormData upload, a Request object) goes to the global fetch.
 */
export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const MAX_REDIRECTS = 20;

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/** The response headers node parsed, read the way fetch's Headers are (names case-insensitive). */
class ResponseHeaders {
  constructor(private readonly raw: http.IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw).sort()) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of this.entries()) callback(value, name);
  }
}

class BufferedResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = 'basic';
  readonly headers: ResponseHeaders;
  private used = false;

  constructor(
    readonly status: number,
    readonly statusText: string,
    headers: http.IncomingHttpHeaders,
    readonly url: string,
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status <= 299;
    this.headers = new ResponseHeaders(headers);
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  private consume(): Buffer {
    if (this.used) throw new TypeError('Body is unusable: Body has already been read');
    this.used = true;
    return this.body;
  }

  async text(): Promise<string> {
    return this.consume().toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.consume().toString('utf8')) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const body = this.consume();
    return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  }
}

/** Plain-object headers (what the Slack clients pass); anything else through Headers. */
function headerObject(headers: RequestInit['headers']): Record<string, string> {
  if (headers === undefined) return {};
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(new Headers(headers).entries());
  return { ...(headers as Record<string, string>) }; // a copy: fetch never changes the caller's headers
}

function isBuffered(body: RequestInit['body']): body is string | Buffer | null | undefined {
  return body === undefined || body === null || typeof body === 'string' || Buffer.isBuffer(body);
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Buffer | null | undefined,
  signal: AbortSignal | null | undefined,
): Promise<BufferedResponse> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const agent = agents[url.protocol as keyof typeof agents];
    if (!agent) {
      reject(new TypeError('fetch failed', { cause: new Error(`unsupported protocol ${url.protocol}`) }));
      return;
    }
    const request = (url.protocol === 'https:' ? https : http).request(url, { method, headers, agent });
    const onAbort = () => request.destroy(abortReason(signal!) as Error);
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    request.on('error', (err) => {
      done();
      // What undici's fetch rejects with, so callers' messages stay the same; an abort keeps its reason.
      reject(signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: err }));
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (err) => {
        done();
        reject(signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: err }));
      });
      response.on('close', () => {
        // The connection ended before the whole body arrived (after 'end' this settles nothing).
        if (!response.complete) {
          done();
          reject(signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: new Error('body cut short') }));
        }
      });
      response.on('end', () => {
        done();
        const status = response.statusCode ?? 0;
        resolve(new BufferedResponse(status, response.statusMessage ?? '', response.headers, url.href, Buffer.concat(chunks)));
      });
    });
    request.end(body ?? undefined);
  });
}

/** fetch over node:http for string and Buffer bodies, with keep-alive; the global fetch for the rest. */
export const httpFetch: FetchFunction = async (input, init = {}) => {
  if (typeof input !== 'string' && !(input instanceof URL)) return fetch(input, init);
  if (!isBuffered(init.body)) return fetch(input, init);
  let url = new URL(input);
  let method = (init.method ?? 'GET').toUpperCase();
  let body = init.body;
  const headers = headerObject(init.headers);
  if (body !== undefined && body !== null && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    // fetch's default for a string body.
    if (typeof body === 'string') headers['content-type'] = 'text/plain;charset=UTF-8';
  }
  for (let redirects = 0; ; redirects += 1) {
    const response = await send(url, method, headers, body, init.signal);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status > 399 || location === null || init.redirect === 'manual') {
      return response as unknown as Response;
    }
    if (init.redirect === 'error') throw new TypeError('fetch failed', { cause: new Error('unexpected redirect') });
    if (redirects >= MAX_REDIRECTS) throw new TypeError('fetch failed', { cause: new Error('redirect count exceeded') });
    const next = new URL(location, url);
    // As fetch does: credentials do not follow a redirect to another origin.
    if (next.origin !== url.origin) {
      for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
    }
    url = next;
    // As fetch does: 303 (and 301/302 after a POST) continue as a GET without the body.
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
      for (const name of Object.keys(headers)) if (name.toLowerCase().startsWith('content-')) delete headers[name];
    }
  }
};
