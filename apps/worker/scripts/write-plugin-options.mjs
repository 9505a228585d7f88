#!/usr/bin/env node
// Rewrites PLUGIN-OPTIONS.md from the built plugins' option schemas (run after a build).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderPluginOptionsReference } from '../dist/docs/plugin-options-reference.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const file = new URL('../PLUGIN-OPTIONS.md', import.meta.url);
writeFileSync(file, await renderPluginOptionsReference(packageDir));
process.stdout.write(`wrote ${fileURLToPath(file)}\n`);
