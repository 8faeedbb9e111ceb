import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** A port on 127.0.0.1 with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('careerbot start when an adapter cannot start', () => {
  it('reports the variable to check and exits 1 instead of hanging on the knowledge watcher', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'careerbot-start-'));
    try {
      const port = await closedPort();
      const child = spawn(process.execPath, ['bin/careerbot.js', 'start'], {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          SLACK_BOT_TOKEN: 'xoxb-test',
          SLACK_SIGNING_SECRET: 'secret',
          SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
          DATA_DIR: dataDir,
          LOG_LEVEL: 'silent',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += String(chunk)));
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve(null);
        }, 25_000);
        child.on('exit', (exitCode) => {
          clearTimeout(timer);
          resolve(exitCode);
        });
      });
      expect(code).toBe(1);
      expect(stderr).toContain('SLACK_BOT_TOKEN');
      expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
