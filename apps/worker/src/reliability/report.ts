import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes a reliability run's counts to .reports/reliability-<name>.json and the test output. */
export function report(name: string, data: Record<string, unknown>): void {
  const dir = join(process.cwd(), '.reports');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `reliability-${name}.json`), JSON.stringify(data, null, 2));
  console.log(`[reliability] ${name}: ${JSON.stringify(data)}`);
}
