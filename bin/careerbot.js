#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so the bin works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../app/cli/main.ts');
await main();
