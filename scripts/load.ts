/**
 * `npm run load`: signed Slack requests (app_mention event callbacks, /career slash commands and
 * block_actions feedback clicks, in turn) against `careerbot start` in Slack HTTP mode on 127.0.0.1,
 * at increasing rates for a bounded time each: one process on SQLite, one on PostgreSQL, and two
 * replicas sharing PostgreSQL (each its own autocannon, half the rate each, as a round-robin load
 * balancer would split it). Prints, per setup, the highest rate sustained with every request
 * acknowledged (2xx, none over 3 s, at least 95% of the offered rate achieved) and answered (each
 * request's one post reached the fake Web API), its p50/p99 ack latency, how long after the load the
 * last answer arrived, the bot processes' CPU time per request until then (comparable across runs
 * even when other work shares the machine), the harness's own CPU per request (autocannon, signing
 * and the fake Web API share the cores) and each process's resident memory after the run.
 *
 * Latency: p50 and p99 are of every request's own acknowledgement time, from autocannon's
 * 'response' events; "corr. p99" adds coordinated-omission samples at each connection's interval,
 * "ac p99" is autocannon's own figure (see `correctedP99` for why the two differ).
 *
 * Everything is local: a tiny sink stands in for the Slack Web API (auth.test, chat.postMessage,
 * response URLs); PostgreSQL is the throwaway server scripts/with-postgres.sh starts
 * (CAREERBOT_TEST_PG_URL), without which the PostgreSQL setups are skipped. Options:
 * `--rates 250,500,1000` (per setup, requests per second), `--seconds 8` (per rate), `--warmup 0` (seconds
 * of the mix at the first rate before measuring, not counted; 0 measures each setup from a cold start),
 * `--setups sqlite,postgres,replicas` (which to run). LOAD_BOT_NODE_ARGS adds node options to the bot
 * processes, e.g. `--cpu-prof --cpu-prof-dir=prof` to profile them under load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const SECRET = 'load-signing-secret';
const ACK_LIMIT_MS = 3_000;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const RATES = option('rates', '250,500,1000,1500,2000')
  .split(',')
  .map(Number)
  .filter((rate) => rate > 0);
const SECONDS = Number(option('seconds', '8'));
/** Seconds of the same mix at the first rate before measuring, not counted (0: measure from a cold start). */
const WARMUP = Number(option('warmup', '0'));
/** Which setups to run: `sqlite`, `postgres` (one process), `replicas` (two sharing PostgreSQL). */
const SETUPS = new Set(option('setups', 'sqlite,postgres,replicas').split(','));

/** When each request of the mix was sent, by its sequence number, until its answer arrives. */
const sentAt = new Map<number, number>();

/** The sequence number an answer belongs to: in its response URL, or in the thread it is posted to. */
function answeredSequence(url: string, body: string): number | undefined {
  const response = /^\/response\/(\d+)$/.exec(url);
  if (response) return Number(response[1]);
  const thread = /^1700000000\.(\d+)$/.exec(new URLSearchParams(body).get('thread_ts') ?? '');
  return thread ? Number(thread[1]) : undefined;
}

interface Sink {
  url: string;
  /** How many answers arrived so far, and how long after its request each one arrived (ms). */
  answers(): number;
  answerLatencies: number[];
  close(): Promise<void>;
}

/** The Slack Web API as far as the bot needs it under load: every method succeeds, response URLs accept. */
async function startSink(): Promise<Sink> {
  let answers = 0;
  const answerLatencies: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // Every request of the mix is answered by exactly one post: chat.postMessage / postEphemeral or its response URL.
      if (req.url !== '/api/auth.test') {
        answers += 1;
        const seq = answeredSequence(req.url ?? '', Buffer.concat(chunks).toString());
        const sent = seq === undefined ? undefined : sentAt.get(seq);
        if (sent !== undefined) {
          answerLatencies.push(performance.now() - sent);
          sentAt.delete(seq!);
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          ok: true,
          user_id: 'UBOT',
          bot_id: 'BBOT',
          team_id: 'T0001',
          user: 'careerbot',
          channel: 'CLOAD',
          ts: '1700000000.000100',
        }),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    answers: () => answers,
    answerLatencies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Extra node options for the bot processes, to profile them: `LOAD_BOT_NODE_ARGS='--cpu-prof --cpu-prof-dir=prof'`. */
const BOT_NODE_ARGS = (process.env.LOAD_BOT_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');

interface Replica {
  child: ChildProcess;
  port: number;
}

async function startReplica(env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, [...BOT_NODE_ARGS, path.join(root, 'bin/careerbot.js'), 'start'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let seen = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: string) => {
      if (seen.length < 100_000) seen += chunk;
      const match = /"port":(\d+).*slack adapter listening/.exec(seen);
      if (match) resolve(Number(match[1]));
    };
    child.stderr!.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => reject(new Error(`careerbot start exited (${String(code)}):\n${seen}`)));
  });
  return { child, port };
}

async function stopReplica({ child }: Replica): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** CPU time (user + system) a process has used so far, in ms: per request, it does not depend on what else runs. */
function cpuMs(pid: number | undefined): number {
  // /proc/<pid>/stat: fields 14 and 15 (utime, stime) in clock ticks, counted after the ")" that ends the name.
  const fields = readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
    .split(') ')[1]!
    .split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100; // USER_HZ, 100 on Linux

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

let sequence = 0;

/** The next request of the mix, signed now: an app_mention, a /career command, a feedback click. */
function nextRequest(sinkUrl: string): { body: string; headers: Record<string, string> } {
  sequence += 1;
  sentAt.set(sequence, performance.now());
  const user = `U${String(sequence % 5000).padStart(6, '0')}`;
  const channel = `C${String(sequence % 200).padStart(5, '0')}`;
  let body: string;
  let type: string;
  switch (sequence % 3) {
    case 0:
      type = 'application/json';
      body = JSON.stringify({
        type: 'event_callback',
        team_id: 'T0001',
        api_app_id: 'A0001',
        event_id: `EvLOAD${String(sequence)}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: 'T0001', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
        event: { type: 'app_mention', user, text: '<@UBOT> is sql a backend language?', ts: `1700000000.${sequence}`, channel },
      });
      break;
    case 1:
      type = 'application/x-www-form-urlencoded';
      body = new URLSearchParams({
        command: '/career',
        text: 'what is the salary of a backend developer in india',
        team_id: 'T0001',
        user_id: user,
        channel_id: channel,
        response_url: `${sinkUrl}response/${String(sequence)}`,
        trigger_id: 'trigger-load',
      }).toString();
      break;
    default:
      type = 'application/x-www-form-urlencoded';
      body = new URLSearchParams({
        payload: JSON.stringify({
          type: 'block_actions',
          team: { id: 'T0001', domain: 'load' },
          api_app_id: 'A0001',
          user: { id: user, username: 'someone', name: 'someone', team_id: 'T0001' },
          container: { type: 'message', message_ts: '1700000000.000009', channel_id: channel, is_ephemeral: true },
          channel: { id: channel, name: 'general' },
          trigger_id: 'trigger-load',
          response_url: `${sinkUrl}response/${String(sequence)}`,
          actions: [
            {
              type: 'button',
              action_id: 'careerbot_feedback_up',
              block_id: 'careerbot_feedback',
              value: 'sql-backend-language',
              action_ts: '1700000000.000001',
            },
          ],
        }),
      }).toString();
  }
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: { 'content-type': type, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
  };
}

interface Step {
  rate: number;
  achieved: number;
  /** Acknowledgement latency of the requests themselves (ms), all replicas together. */
  p50: number;
  p99: number;
  /** The p99 with coordinated omission corrected at each connection's real interval (see `correctedP99`). */
  correctedP99: number;
  /** autocannon's own p99 (the worse replica's), which over-corrects: see `correctedP99`. */
  autocannonP99: number;
  failed: number;
  /** Requests of the step answered through the fake Web API (a post or a response URL). */
  answered: number;
  /** How long after the load stopped the last answer arrived (ms). */
  answerDrainMs: number;
  /** How long after its request each answer arrived (ms): the work queued behind the acks. */
  answerP50: number;
  answerP99: number;
  sustained: boolean;
  /** The bot processes' CPU time per request (ms), all replicas together. */
  cpuPerRequest: number;
  /** The load generator's and the fake Web API's CPU time per request (ms): they share the machine. */
  harnessCpuPerRequest: number;
}

const CONNECTIONS = 32;
/** How long to wait, after a step, for its answers to reach the fake Web API. */
const ANSWER_WAIT_MS = 30_000;
/** A rate is sustained only when the answers keep up: the last one arrives within this of the load's end. */
const ANSWER_LAG_MS = 1_000;

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/**
 * The p99 with coordinated omission corrected as HdrHistogram's recordValueWithExpectedInterval does:
 * a response that took L ms on a connection meant to send every I ms also stands for the requests it held
 * back, at L - I, L - 2I, ... ms. autocannon 8 does this with I = ceil(1 / rate) = 1 ms (a rate per second
 * used as milliseconds, lib/run.js), so every response of L ms counts about L times and its p99 is that of
 * latency-weighted samples; here I is each connection's real interval, 1000 / (its requests per second).
 */
function correctedP99(latencies: readonly number[], intervalMs: number): number {
  const samples = [...latencies];
  for (const latency of latencies) {
    for (let missing = latency - intervalMs; missing >= intervalMs; missing -= intervalMs) samples.push(missing);
  }
  return percentile(
    samples.sort((a, b) => a - b),
    0.99,
  );
}

/** One rate: an autocannon per replica, each offered its share, all at once. */
async function runStep(replicas: Replica[], rate: number, sink: Sink, seconds = SECONDS): Promise<Step> {
  const cpuBefore = replicas.reduce((sum, replica) => sum + cpuMs(replica.child.pid), 0);
  const harnessBefore = process.cpuUsage();
  const answersBefore = sink.answers();
  const answerLatenciesBefore = sink.answerLatencies.length;
  // Each request's own acknowledgement time, as autocannon measured it (its 'response' events).
  const latencies: number[] = [];
  const results = await Promise.all(
    replicas.map(
      (replica) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const instance = autocannon(
            {
              url: `http://127.0.0.1:${replica.port}/slack/events`,
              connections: CONNECTIONS,
              overallRate: Math.round(rate / replicas.length),
              duration: seconds,
              timeout: ACK_LIMIT_MS / 1000,
              requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, ...nextRequest(sink.url) }) }],
            },
            (err: unknown, result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result)),
          );
          instance.on('response', (_client, status, _bytes, ms) => {
            if (status >= 200 && status < 300) latencies.push(ms);
          });
        }),
    ),
  );
  const stoppedAt = performance.now();
  const total = results.reduce((sum, result) => sum + result.requests.total, 0);
  const acknowledged = latencies.length;
  // Every acknowledged request must also be answered: wait for the work queued behind the acks.
  let lastAnswerAt = stoppedAt;
  let answered = sink.answers() - answersBefore;
  while (answered < acknowledged && performance.now() - stoppedAt < ANSWER_WAIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = sink.answers() - answersBefore;
    if (now > answered) lastAnswerAt = performance.now();
    answered = now;
  }
  // CPU time until the last answer: the work queued behind the acknowledgements is part of each request.
  const cpu = replicas.reduce((sum, replica) => sum + cpuMs(replica.child.pid), 0) - cpuBefore;
  const harness = process.cpuUsage(harnessBefore);
  if (process.argv.includes('--verbose')) {
    for (const result of results) {
      console.log(
        JSON.stringify({
          codes: result.statusCodeStats,
          errors: result.errors,
          timeouts: result.timeouts,
          latency: result.latency,
        }),
      );
    }
  }
  const achieved = total / seconds;
  const failed = results.reduce((sum, result) => sum + result.errors + result.timeouts + result.non2xx, 0);
  latencies.sort((a, b) => a - b);
  const p99 = percentile(latencies, 0.99);
  const answerLatencies = sink.answerLatencies.slice(answerLatenciesBefore).sort((a, b) => a - b);
  const answerDrainMs = lastAnswerAt - stoppedAt;
  const perConnectionRate = rate / replicas.length / CONNECTIONS;
  return {
    rate,
    achieved,
    p50: percentile(latencies, 0.5),
    p99,
    correctedP99: correctedP99(latencies, 1000 / perConnectionRate),
    autocannonP99: Math.max(...results.map((result) => result.latency.p99)),
    failed,
    answered,
    answerDrainMs,
    answerP50: percentile(answerLatencies, 0.5),
    answerP99: percentile(answerLatencies, 0.99),
    // The work must keep up too: what was still queued when the load stopped is answered within ANSWER_LAG_MS.
    sustained:
      failed === 0 &&
      (latencies.at(-1) ?? 0) < ACK_LIMIT_MS &&
      achieved >= 0.95 * rate &&
      answered >= acknowledged &&
      answerDrainMs <= ANSWER_LAG_MS,
    cpuPerRequest: total === 0 ? 0 : cpu / total,
    harnessCpuPerRequest: total === 0 ? 0 : (harness.user + harness.system) / 1000 / total,
  };
}

function describe(step: Step): string {
  return `ack p50 ${step.p50.toFixed(1)} ms, p99 ${step.p99.toFixed(1)} ms (corrected ${step.correctedP99.toFixed(1)}, autocannon ${step.autocannonP99.toFixed(1)}), answer p50 ${step.answerP50.toFixed(0)} ms, p99 ${step.answerP99.toFixed(0)} ms`;
}

async function runSetup(name: string, replicas: Replica[], sink: Sink): Promise<void> {
  console.log(`\n${name}`);
  console.log(
    '  offered/s  achieved/s  p50 ms  p99 ms  corr. p99  ac p99  failed  answered  answer p50/p99 ms  drain ms  sustained  cpu ms/req  harness ms/req',
  );
  let best: Step | undefined;
  if (WARMUP > 0) {
    // A replica that has just started compiles its hot paths on its first requests.
    const warm = await runStep(replicas, RATES[0]!, sink, WARMUP);
    console.log(`  (warm-up: ${String(WARMUP)} s at ${String(RATES[0])}/s, p99 ${warm.p99.toFixed(1)} ms, not counted)`);
  }
  for (const rate of RATES) {
    const step = await runStep(replicas, rate, sink);
    console.log(
      [
        String(step.rate).padStart(11),
        step.achieved.toFixed(0).padStart(10),
        step.p50.toFixed(1).padStart(6),
        step.p99.toFixed(1).padStart(6),
        step.correctedP99.toFixed(1).padStart(9),
        step.autocannonP99.toFixed(0).padStart(6),
        String(step.failed).padStart(6),
        String(step.answered).padStart(8),
        `${step.answerP50.toFixed(0)} / ${step.answerP99.toFixed(0)}`.padStart(17),
        step.answerDrainMs.toFixed(0).padStart(8),
        (step.sustained ? 'yes' : 'no').padEnd(9),
        step.cpuPerRequest.toFixed(2).padStart(10),
        step.harnessCpuPerRequest.toFixed(2).padStart(14),
      ].join('  '),
    );
    if (step.sustained) best = step;
    else break; // past the knee: higher rates only queue up
  }
  const rss = replicas.map((replica) => `${rssMb(replica.child.pid)} MB`).join(' + ');
  console.log(
    best
      ? `  => sustained ${best.achieved.toFixed(0)} req/s, ${describe(best)}, ${best.cpuPerRequest.toFixed(2)} ms CPU per request; RSS ${rss}`
      : `  => no rate sustained; RSS ${rss}`,
  );
}

async function main(): Promise<void> {
  const sink = await startSink();
  const work = mkdtempSync(path.join(tmpdir(), 'careerbot-load-'));
  const base = { SLACK_BOT_TOKEN: 'xoxb-load', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${sink.url}api/` };
  console.log(
    `npm run load: rates ${RATES.join(', ')} req/s, ${SECONDS} s each${WARMUP > 0 ? ` after a ${String(WARMUP)} s warm-up` : ''}, mix of app_mention / /career / block_actions`,
  );
  try {
    if (SETUPS.has('sqlite')) {
      const sqlite = await startReplica({ ...base, DATA_DIR: path.join(work, 'sqlite') });
      try {
        await runSetup('one process, SQLite', [sqlite], sink);
      } finally {
        await stopReplica(sqlite);
      }
    }
    if (!SETUPS.has('postgres') && !SETUPS.has('replicas')) return;

    const admin = process.env.CAREERBOT_TEST_PG_URL;
    if (!admin) {
      console.log('\nPostgreSQL setups skipped: no CAREERBOT_TEST_PG_URL (npm run load starts a throwaway server)');
      return;
    }
    const name = `careerbot_load_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const env = { ...base, DATA_DIR: path.join(work, 'unused'), DATABASE_URL: url.toString() };
    try {
      if (SETUPS.has('postgres')) {
        const one = await startReplica(env);
        try {
          await runSetup('one process, PostgreSQL', [one], sink);
        } finally {
          await stopReplica(one);
        }
      }
      if (SETUPS.has('replicas')) {
        const two = await Promise.all([startReplica(env), startReplica(env)]);
        try {
          await runSetup('two replicas, one PostgreSQL (round-robin)', two, sink);
        } finally {
          await Promise.all(two.map(stopReplica));
        }
      }
    } finally {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    }
  } finally {
    await sink.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
