#!/usr/bin/env node
// The README's commands (`npm test`, `npm start`) enter here. This file must run on any Node from 18 up with
// no dependencies: a newcomer's machine may have an end-of-life Node and no pnpm. It provides Node 24 and the
// pinned pnpm from the npm registry into the git-ignored `.tooling/` folder, installs with the frozen
// lockfile, then hands over to turbo.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeProgramShims } from './program-shims.mjs';
import { summariseTestReports } from './test-summary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const toolingDir = join(root, '.tooling');
const MIN_NODE = [22, 12];
// Node 24 LTS, installed from the registry's per-platform package (no install script involved).
const NODE_VERSION = '24.21.0';

const command = process.argv[2] ?? 'test';
const extraArgs = process.argv.slice(3);

function log(message) {
  process.stderr.write(`[bootstrap] ${message}\n`);
}

function fail(message, code = 1) {
  process.stderr.write(`[bootstrap] error: ${message}\n`);
  process.exit(code);
}

function nodeIsRecentEnough(version) {
  const [major, minor] = version.split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) fail(`could not run ${cmd}: ${result.error.message}`);
  return result.status ?? 1;
}

/** npm is whatever launched us (npm_execpath), or the npm beside the running node. */
function npmCommand() {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: set by npm for this script, not read by any turbo task.
  const execPath = process.env.npm_execpath;
  if (execPath?.endsWith('.js') || execPath?.endsWith('.cjs')) return [process.execPath, [execPath]];
  return ['npm', []];
}

function npmInstallInto(prefix, spec) {
  mkdirSync(prefix, { recursive: true });
  // A package.json keeps npm from walking up into the workspace root.
  const manifest = join(prefix, 'package.json');
  if (!existsSync(manifest)) writeFileSync(manifest, '{"private":true}\n');
  const [cmd, pre] = npmCommand();
  const status = run(
    cmd,
    [
      ...pre,
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-package-lock',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      spec,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (status !== 0)
    fail(
      `npm could not install ${spec} from the registry (exit ${status}). Check your network or npm registry settings.`,
    );
}

/** Re-run this script under Node 24 when the system Node is too old. */
function ensureModernNode() {
  if (nodeIsRecentEnough(process.versions.node)) return;
  const pkg = `node-${process.platform}-${process.arch}`;
  const prefix = join(toolingDir, `node-${NODE_VERSION}`);
  const binary = join(prefix, 'node_modules', pkg, 'bin', 'node');
  if (!existsSync(binary)) {
    log(
      `system Node ${process.versions.node} is older than ${MIN_NODE.join('.')}; installing Node ${NODE_VERSION} into .tooling/`,
    );
    npmInstallInto(prefix, `${pkg}@${NODE_VERSION}`);
    if (!existsSync(binary)) fail(`the registry package ${pkg}@${NODE_VERSION} did not contain bin/node`);
  }
  const env = { ...process.env, PATH: `${dirname(binary)}:${process.env.PATH ?? ''}` };
  ignoreStopSignals();
  const result = spawnSync(binary, [fileURLToPath(import.meta.url), command, ...extraArgs], {
    stdio: 'inherit',
    env,
  });
  // Forward Ctrl-C and friends as the child's own exit.
  if (result.signal) process.kill(process.pid, result.signal);
  process.exit(result.status ?? 1);
}

/** The pnpm named by package.json's packageManager, as a `pnpm` command on PATH. */
function ensurePnpm() {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const match = /^pnpm@(\d+\.\d+\.\d+)/.exec(manifest.packageManager ?? '');
  if (!match) fail('package.json must pin pnpm in "packageManager" (pnpm@x.y.z)');
  const version = match[1];
  const prefix = join(toolingDir, `pnpm-${version}`);
  const entry = join(prefix, 'node_modules', 'pnpm', 'bin', 'pnpm.mjs');
  const entryCjs = join(prefix, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
  if (!existsSync(entry) && !existsSync(entryCjs)) {
    log(`installing pnpm ${version} into .tooling/`);
    npmInstallInto(prefix, `pnpm@${version}`);
  }
  const script = existsSync(entry) ? entry : entryCjs;
  if (!existsSync(script)) fail(`pnpm ${version} installed but its bin script was not found under ${prefix}`);
  const binDir = join(toolingDir, 'bin');
  mkdirSync(binDir, { recursive: true });
  const shim = join(binDir, 'pnpm');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${script}" "$@"\n`);
  chmodSync(shim, 0o755);
  writeProgramShims(binDir, process.execPath);
  process.env.PATH = `${binDir}:${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
  // pnpm must not try to fetch another pnpm of its own: this one is the pinned one.
  process.env.npm_config_manage_package_manager_versions = 'false';
}

/** How to run the CLI and the worker from this clone (they are not published packages yet). */
function printHowToRun() {
  log('run the CLI and the worker from this clone with');
  log('  npm run tqalert -- --help          npm run tqalert-worker -- --help');
  log('or put them on PATH for this shell:');
  log(`  export PATH="${join(toolingDir, 'bin')}:$PATH"   # then: tqalert --help`);
}

/**
 * Ctrl-C reaches the whole process group: the child (tests, the demo) handles it and stops cleanly, so this
 * parent must not die first and hand the terminal back while the child is still shutting down.
 */
function ignoreStopSignals() {
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => {});
}

function pnpm(args, options) {
  return run('pnpm', args, options);
}

function install() {
  const status = pnpm(['install', '--frozen-lockfile', '--reporter=append-only']);
  if (status !== 0)
    fail(
      'pnpm install --frozen-lockfile failed (see above). If you changed dependencies, run `pnpm install` and commit pnpm-lock.yaml.',
      status,
    );
}

// The project's scripts never report usage to Vercel (turbo's telemetry); children inherit this.
process.env.TURBO_TELEMETRY_DISABLED = '1';
ensureModernNode();
ensurePnpm();
install();

switch (command) {
  case 'setup':
    printHowToRun();
    process.exit(0);
    break;
  case 'test': {
    // Biome over the whole tree once (root files and tooling); packages lint themselves in turbo.
    const biome = pnpm(['exec', 'biome', 'check', '.']);
    if (biome !== 0)
      fail('biome check found problems (see above); `pnpm exec biome check --write .` fixes most', biome);
    // A few tasks at a time: the test suites start servers and child processes, and on a two-core machine
    // running ten of them at once turns into timeouts, not speed.
    const status = pnpm([
      'exec',
      'turbo',
      'run',
      'build',
      'typecheck',
      'lint',
      'test',
      '--output-logs=errors-only',
      '--concurrency=3',
      ...extraArgs,
    ]);
    const summary = summariseTestReports(root);
    process.stdout.write(`${summary.text}\n`);
    if (status === 0 && summary.total === 0) fail('no test ran');
    process.exit(status !== 0 ? status : summary.failed > 0 ? 1 : 0);
    break;
  }
  case 'start': {
    const built = pnpm([
      'exec',
      'turbo',
      'run',
      'build',
      '--output-logs=errors-only',
      '--filter=@tqalert/sandbox...',
      '--filter=@tqalert/worker...',
      // The banner's `npm run tqalert -- …` lines must work as soon as it is printed.
      '--filter=@tqalert/cli...',
    ]);
    if (built !== 0) process.exit(built);
    printHowToRun();
    ignoreStopSignals();
    process.exit(
      run(process.execPath, [join(root, 'apps', 'sandbox', 'dist', 'start-demo.js'), ...extraArgs]),
    );
    break;
  }
  case 'bench':
    // Every bench in turn, one table, bench-results.json (tooling/bench/run-all.mjs); never part of `test`.
    ignoreStopSignals();
    process.exit(run(process.execPath, [join(root, 'tooling', 'bench', 'run-all.mjs'), ...extraArgs]));
    break;
  default:
    fail(`unknown command "${command}"; use test, start, bench or setup`, 2);
}
