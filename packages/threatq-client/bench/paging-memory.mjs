#!/usr/bin/env node
/**
 * Paging memory bench: reads a data collection of 10,000 and of 100,000 indicators through ThreatQClient from
 * a ThreatQ fake on loopback HTTP (serve()), and prints each reader's peak RSS and time, plus the ratio.
 * Target (the issue's): peak RSS at 100k within 1.25x that at 10k, i.e. memory does not grow with the
 * collection. Each size runs in fresh child processes (one serving, one reading), so neither run inherits the
 * other's heap, and the reader's peak is the client's alone.
 *
 * Run after `pnpm run build` (it imports the built packages): `pnpm run bench`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SIZES = [10_000, 100_000];
// Unset: the client's default page size, i.e. what a user gets.
const PAGE_SIZE = process.env.BENCH_PAGE_SIZE ? Number(process.env.BENCH_PAGE_SIZE) : undefined;
const TARGET_RATIO = 1.25;
const self = fileURLToPath(import.meta.url);
const peakMb = () => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;

async function serveRole(size) {
  const { createThreatQFake, serve } = await import('@tqalert/fixtures');
  const served = await serve((baseUrl) => createThreatQFake({ baseUrl, objectCount: size, seed: 'bench' }));
  process.stdout.write(`${JSON.stringify({ url: served.url, credentials: served.fake.credentials })}\n`);
  // The parent closes stdin when the reader is done; then report this process's own peak and stop.
  process.stdin.resume();
  await once(process.stdin, 'end');
  await served.close();
  process.stdout.write(`${JSON.stringify({ serverPeakMb: peakMb() })}\n`);
}

async function readRole(url, credentials) {
  const { ThreatQClient } = await import('../dist/index.js');
  const client = new ThreatQClient({
    baseUrl: url,
    auth: {
      type: 'password',
      email: credentials.email,
      password: credentials.password,
      clientId: credentials.clientId,
    },
  });
  const started = performance.now();
  let count = 0;
  let checksum = 0;
  for await (const object of client.readDataCollection(
    'e9f8d7c6b5a4f3e2d1c0b9a8f7e6d5c4',
    PAGE_SIZE ? { pageSize: PAGE_SIZE } : {},
  )) {
    count += 1;
    checksum = (checksum + object.id) % 1_000_000_007; // touch every object so none is optimised away
  }
  const ms = Math.round(performance.now() - started);
  const peak = peakMb();
  // What the reader still holds once garbage is collected: flat if nothing is retained per object or page.
  globalThis.gc();
  const liveHeapMb = Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
  process.stdout.write(`${JSON.stringify({ count, checksum, ms, peakMb: peak, liveHeapMb })}\n`);
}

function lines(child) {
  const reader = createInterface({ input: child.stdout });
  const iterator = reader[Symbol.asyncIterator]();
  return async () => {
    const { value, done } = await iterator.next();
    if (done) throw new Error('child process ended without answering; see its stderr above');
    return JSON.parse(value);
  };
}

async function runSize(size) {
  const server = spawn(process.execPath, [self, 'serve', String(size)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const fromServer = lines(server);
  const { url, credentials } = await fromServer();
  const reader = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
      '--expose-gc',
      self,
      'read',
      url,
      JSON.stringify(credentials),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const result = await lines(reader)();
  await once(reader, 'exit');
  server.stdin.end();
  const { serverPeakMb } = await fromServer();
  await once(server, 'exit');
  if (result.count !== size) throw new Error(`read ${result.count} objects, expected ${size}`);
  return { size, ...result, serverPeakMb };
}

async function main() {
  if (!existsSync(fileURLToPath(new URL('../dist/index.js', import.meta.url)))) {
    console.error('Build first: pnpm run build (the bench imports dist/).');
    process.exit(1);
  }
  console.log(
    `Paging a data collection through ThreatQClient from serve() on loopback, pageSize ${PAGE_SIZE ?? 'default (500)'}\n`,
  );
  const results = [];
  for (const size of SIZES) {
    const result = await runSize(size);
    results.push(result);
    console.log(
      `${String(size).padStart(7)} objects: ${String(result.ms).padStart(6)} ms, reader peak RSS ${result.peakMb} MB ` +
        `(live heap after GC ${result.liveHeapMb} MB; server ${result.serverPeakMb} MB), ${Math.round(size / (result.ms / 1000))} objects/s`,
    );
  }
  const [small, large] = results;
  const ratio = Math.round((large.peakMb / small.peakMb) * 100) / 100;
  console.log(
    `\nreader peak RSS ratio 100k/10k: ${ratio} (target <= ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`,
  ); // One line for the root bench runner (tooling/bench/run-all.mjs).
  console.log(
    JSON.stringify({
      bench: 'threatq-memory',
      peakMb10k: small.peakMb,
      peakMb100k: large.peakMb,
      ratio,
      objectsPerSecond100k: Math.round(large.size / (large.ms / 1000)),
    }),
  );
}

const [role, a, b] = process.argv.slice(2);
if (role === 'serve') await serveRole(Number(a));
else if (role === 'read') await readRole(a, JSON.parse(b));
else await main();
