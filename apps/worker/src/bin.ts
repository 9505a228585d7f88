#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { applyHeapDefaults } from './runtime/heap-flags.js';

// First, before the worker's modules load: this may replace the process with one that has the heap defaults.
applyHeapDefaults();
const { main } = await import('./main.js');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
main(process.argv.slice(2), version).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`tqalert-worker: unexpected failure: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
