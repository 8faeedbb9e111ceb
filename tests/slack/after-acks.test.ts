import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AfterAcks } from '../../adapters/shared/after-acks.js';

/** The queue the Slack handlers wait in after their acknowledgement (adapters/shared/after-acks.ts). */
describe('AfterAcks', () => {
  it('lets the waiting handlers go in arrival order, a few per turn of the event loop', async () => {
    const queue = new AfterAcks(2);
    const order: string[] = [];
    const waits = ['a', 'b', 'c', 'd', 'e'].map((name) => queue.turn().then(() => order.push(name)));
    expect(queue.size).toBe(5);
    // Something scheduled now for the next turn runs after the first two handlers, before the others.
    setImmediate(() => order.push('next turn'));
    await Promise.all(waits);
    expect(order).toEqual(['a', 'b', 'next turn', 'c', 'd', 'e']);
    expect(queue.size).toBe(0);
  });

  it('reads a request that arrives while handlers wait before the waiting handlers run', async () => {
    const queue = new AfterAcks();
    const order: string[] = [];
    const server = createServer((_req, res) => {
      order.push('request read');
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const done = new Promise<void>((resolve) => {
        request({ port, host: '127.0.0.1', method: 'POST' }, (res) => res.resume().on('end', resolve)).end('x');
      });
      // A long backlog: the request is read (and answered) long before the last handler's turn.
      const waits = Array.from({ length: 2_000 }, (_, i) => queue.turn().then(() => order.push(`handler ${i}`)));
      await Promise.all([...waits, done]);
      expect(order.indexOf('request read')).toBeGreaterThan(0);
      expect(order.indexOf('request read')).toBeLessThan(order.indexOf('handler 1999'));
      expect(order.filter((entry) => entry.startsWith('handler'))).toEqual(waits.map((_, i) => `handler ${i}`));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
