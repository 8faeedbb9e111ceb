import { writeSync } from 'node:fs';
import { openSqliteStore } from '../../src/store/sqlite.js';

/**
 * The child of crash.test.ts: writes records to the store in a tight loop until it is killed, and
 * after each write returns (committed) prints its number on stdout. Every second record is a
 * moderator link with a learned phrasing: two rows that must be written together or not at all.
 */

function ack(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(1, bytes, written);
    } catch (error) {
      // A full pipe: the parent is behind; wait for it rather than lose an acknowledgement.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

const store = openSqliteStore(process.argv[2]!);
ack('ready');
for (let i = 0; ; i++) {
  if (i % 2 === 0) {
    await store.recordQuestion({ text: `burst question ${i}`, platform: 'slack', channelId: 'C1', outcome: 'fallback' });
  } else {
    await store.recordModeratorLink({
      topicId: 'databases',
      moderatorId: 'U1',
      platform: 'discord',
      text: `burst phrasing ${i}`,
      learn: true,
    });
  }
  ack(String(i));
}
