#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { main } from './main.js';

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
