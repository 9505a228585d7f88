#!/usr/bin/env node
// `npm run tqalert -- …` and `npm run tqalert-worker -- …` at the repository root enter here, as do the
// `.tooling/bin` shims the bootstrap writes. Runs the built binary from the folder the user typed the command
// in (npm moves to the root first; relative paths such as `--config ./tqalert.yaml` must still mean what they
// say), on Node 24 from `.tooling/` when the system Node is too old. Like bootstrap.mjs it needs no
// dependencies and must run on any Node from 18 up.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The repository's own command-line programs: name → the package folder that builds it. */
const BINARIES = {
  tqalert: join('apps', 'cli'),
  'tqalert-worker': join('apps', 'worker'),
};

const MIN_NODE = [22, 12];

function nodeIsRecentEnough(version) {
  const [major, minor] = version.split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

/** The running Node when it is new enough, else the Node 24 the bootstrap installed into `.tooling/`. */
function nodeBinary() {
  if (nodeIsRecentEnough(process.versions.node)) return process.execPath;
  const pkg = `node-${process.platform}-${process.arch}`;
  const tooling = join(root, '.tooling');
  if (!existsSync(tooling)) return undefined;
  return readdirSync(tooling)
    .filter((entry) => entry.startsWith('node-'))
    .map((entry) => join(tooling, entry, 'node_modules', pkg, 'bin', 'node'))
    .find((file) => existsSync(file));
}

function fail(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

const name = process.argv[2];
const folder = BINARIES[name];
if (!folder) fail(`run-bin.mjs runs ${Object.keys(BINARIES).join(' or ')}, not "${name ?? ''}"`);
const script = join(root, folder, 'dist', 'bin.js');
if (!existsSync(script)) {
  fail(
    `${name} is not built yet (no ${relative(process.cwd(), script) || script}): run \`npm start\` or \`npm test\` once from ${root}, then try again`,
  );
}
const node = nodeBinary();
if (!node) {
  fail(
    `${name} needs Node ${MIN_NODE.join('.')} or later (this is ${process.versions.node}): run \`npm run setup\` once from ${root}, which installs it into .tooling/`,
  );
}
// npm sets INIT_CWD to where `npm run` was typed; the shims run from there already.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by npm for this script, not read by any turbo task.
const cwd = process.env.INIT_CWD && existsSync(process.env.INIT_CWD) ? process.env.INIT_CWD : process.cwd();
// Ctrl-C reaches the whole process group: the program handles it (the worker finishes its deliveries), so this
// launcher must not die first and hand the terminal back while it is still stopping.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {});
const result = spawnSync(node, [script, ...process.argv.slice(3)], { stdio: 'inherit', cwd });
if (result.error) fail(`could not run ${name}: ${result.error.message}`);
if (result.signal) process.kill(process.pid, result.signal);
process.exit(result.status ?? 1);
