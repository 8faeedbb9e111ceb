import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A fake Socket Mode endpoint: the URL `apps.connections.open` hands out. On connect it says
 * `hello`; `send` pushes an envelope (`events_api`, `slash_commands`, `interactive`) and resolves
 * with the client's acknowledgement `{ envelope_id, payload }`.
 */
export class FakeSlackSocket {
  private server: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  private readonly acks = new Map<string, (ack: Record<string, unknown>) => void>();
  private connectedResolve: (() => void) | undefined;
  private disconnectedResolve: (() => void) | undefined;
  readonly connected: Promise<void>;
  /** Resolves when the client closes its connection. */
  readonly disconnected: Promise<void>;
  private counter = 0;
  port = 0;

  constructor() {
    this.connected = new Promise((resolve) => {
      this.connectedResolve = resolve;
    });
    this.disconnected = new Promise((resolve) => {
      this.disconnectedResolve = resolve;
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/link/?ticket=fake`;
  }

  async start(): Promise<this> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.server = server;
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    this.port = (server.address() as AddressInfo).port;
    server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => {
        const ack = JSON.parse(String(data)) as { envelope_id?: string };
        if (ack.envelope_id) this.acks.get(ack.envelope_id)?.(ack as Record<string, unknown>);
      });
      socket.on('close', () => this.disconnectedResolve?.());
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' } }));
      this.connectedResolve?.();
    });
    return this;
  }

  send(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const socket = this.socket;
    if (!socket) throw new Error('no Socket Mode client connected');
    this.counter += 1;
    const envelopeId = `envelope-${this.counter}`;
    const acked = new Promise<Record<string, unknown>>((resolve) => this.acks.set(envelopeId, resolve));
    socket.send(JSON.stringify({ type, envelope_id: envelopeId, payload, accepts_response_payload: type !== 'events_api' }));
    return acked;
  }

  async close(): Promise<void> {
    for (const client of this.server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
