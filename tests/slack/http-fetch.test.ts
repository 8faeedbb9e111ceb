import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { httpFetch } from '../../adapters/slack/http-fetch.js';

/**
 * The node:http fetch the Slack clients use (adapters/slack/http-fetch.ts), against a local server:
 * what a request carries, what a response offers, and failures as the global fetch reports them.
 */

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: unknown;
}

let server: http.Server;
let base: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        socket: req.socket,
      });
      if (req.url === '/slow') return; // never answers: the caller's signal must end it
      if (req.url === '/cut') {
        res.writeHead(200, { 'content-length': '100' });
        res.write('{"ok":');
        setTimeout(() => res.destroy(), 20);
        return;
      }
      if (req.url?.startsWith('/redirect')) {
        res.writeHead(req.url === '/redirect-303' ? 303 : 307, { location: '/ok' });
        res.end();
        return;
      }
      const status = req.url === '/missing' ? 404 : 200;
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.writeHead(status, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write, commands' });
      res.end(JSON.stringify({ ok: status === 200, path: req.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('httpFetch', () => {
  it('sends the method, headers and body, and reads status, headers and JSON back', async () => {
    seen.length = 0;
    const response = await httpFetch(`${base}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Bearer xoxb-1' },
      body: 'channel=C1&text=h%C3%A9llo',
    });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${base}/api/chat.postMessage`);
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(response.headers.get('retry-after')).toBeNull();
    expect(Object.fromEntries(response.headers.entries())['x-oauth-scopes']).toBe('chat:write, commands');
    expect(await response.json()).toEqual({ ok: true, path: '/api/chat.postMessage' });
    await expect(response.text()).rejects.toThrow(TypeError);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/chat.postMessage',
      body: 'channel=C1&text=h%C3%A9llo',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Bearer xoxb-1' },
    });
  });

  it('keeps the connection alive between calls', async () => {
    seen.length = 0;
    await (await httpFetch(`${base}/one`, { method: 'POST', body: '{}' })).text();
    await (await httpFetch(`${base}/two`, { method: 'POST', body: '{}' })).text();
    expect(seen).toHaveLength(2);
    expect(seen[1]!.socket).toBe(seen[0]!.socket);
    expect(seen[0]!.headers['content-type']).toBe('text/plain;charset=UTF-8');
  });

  it('resolves on an HTTP error status, as fetch does, with ok false', async () => {
    const response = await httpFetch(`${base}/missing`, { method: 'POST', body: '{}' });
    expect(response.ok).toBe(false);
    expect(response.status).toBe(404);
    expect(response.statusText).toBe('Not Found');
  });

  it('follows redirects like fetch (303 as a GET), or refuses them with redirect: error', async () => {
    seen.length = 0;
    const followed = await httpFetch(`${base}/redirect-303`, { method: 'POST', body: 'x=1' });
    expect(await followed.json()).toEqual({ ok: true, path: '/ok' });
    expect(seen.map((s) => `${s.method} ${s.url} ${s.body}`)).toEqual(['POST /redirect-303 x=1', 'GET /ok ']);
    await expect(httpFetch(`${base}/redirect-307`, { method: 'POST', body: 'x=1', redirect: 'error' })).rejects.toThrow(
      'fetch failed',
    );
  });

  it('rejects with the signal reason when the signal aborts, and with "fetch failed" when nothing listens', async () => {
    await expect(
      httpFetch(`${base}/slow`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(50) }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(httpFetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' })).rejects.toThrow('fetch failed');
    await expect(httpFetch(`${base}/cut`, { method: 'POST', body: '{}' })).rejects.toThrow('fetch failed');
  });

  it('serves the real Slack Web API client: a call returns the parsed result with its scopes', async () => {
    const client = new webApi.WebClient('xoxb-test', {
      slackApiUrl: `${base}/api/`,
      fetch: httpFetch,
      retryConfig: { retries: 0 },
    });
    const result = await client.chat.postMessage({ channel: 'C1', text: 'hi' });
    expect(result.ok).toBe(true);
    expect(result.response_metadata?.scopes).toEqual(['chat:write', 'commands']);
  });
});
