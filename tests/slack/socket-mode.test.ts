import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type RunningSlack } from '../../adapters/slack/index.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { FakeSlackSocket } from '../fakes/slack-socket.js';
import { loadBot, memoryLogger, textOf } from './harness.js';

/**
 * Socket Mode: with SLACK_APP_TOKEN set, the adapter opens a connection through
 * `apps.connections.open` (app token) and receives envelopes over the WebSocket, acknowledging each.
 */

let api: FakeSlackApi;
let socket: FakeSlackSocket;
let slack: RunningSlack;
const logs = memoryLogger();

beforeAll(async () => {
  socket = await new FakeSlackSocket().start();
  api = await new FakeSlackApi({ socketUrl: socket.url }).start();
  slack = await startSlack({
    config: {
      botToken: 'xoxb-test-token',
      signingSecret: undefined,
      appToken: 'xapp-test-token',
      moderators: [],
      apiUrl: api.apiUrl,
      port: 0,
    },
    bot: await loadBot(),
    logger: logs.logger,
    clientOptions: { retryConfig: { retries: 0 } },
  });
  await socket.connected;
});
afterAll(async () => {
  await slack?.stop();
  await socket?.close();
  await api?.close();
});

describe('Socket Mode', () => {
  it('connects with the app token, and verifies the bot token', () => {
    expect(slack.mode).toBe('socket');
    expect(slack.port).toBeUndefined();
    expect(api.callsTo('apps.connections.open')[0]?.token).toBe('xapp-test-token');
    expect(api.callsTo('auth.test')[0]?.token).toBe('xoxb-test-token');
    expect(logs.find('slack adapter connected (Socket Mode)')).toHaveLength(1);
  });

  it('acknowledges an event envelope and answers the mention in its thread', async () => {
    const ack = await socket.send('events_api', {
      type: 'event_callback',
      team_id: 'T0001',
      api_app_id: 'A0001',
      event_id: 'EvSOCKET1',
      authorizations: [{ team_id: 'T0001', user_id: 'UBOT', is_bot: true }],
      event: {
        type: 'app_mention',
        user: 'UASKER',
        text: '<@UBOT> is sql a backend language?',
        ts: '1700000200.000100',
        channel: 'CGENERAL',
        event_ts: '1700000200.000100',
      },
    });
    expect(ack).toMatchObject({ envelope_id: expect.stringMatching(/^envelope-/) });
    const post = await api.waitFor(() => api.callsTo('chat.postMessage')[0]);
    expect(post.args).toMatchObject({ channel: 'CGENERAL', thread_ts: '1700000200.000100' });
    expect(post.token).toBe('xoxb-test-token');
    expect(textOf(post.args)).toContain('SQL');
  });

  it('acknowledges a slash command and answers privately through response_url', async () => {
    const ack = await socket.send('slash_commands', {
      command: '/career',
      text: 'help',
      team_id: 'T0001',
      channel_id: 'CGENERAL',
      user_id: 'UASKER',
      response_url: api.responseUrl('socket-cmd'),
      trigger_id: 'trigger-socket',
      api_app_id: 'A0001',
    });
    expect(ack.envelope_id).toBeDefined();
    const response = await api.waitFor(() => api.responsesTo('socket-cmd')[0]);
    expect(response.body.response_type).toBe('ephemeral');
    expect(textOf(response.body)).toContain('sql-backend-language');
  });

  it('disconnects on stop', async () => {
    await slack.stop();
    await socket.disconnected;
    expect(logs.find('slack adapter stopped')).toHaveLength(1);
  });
});
