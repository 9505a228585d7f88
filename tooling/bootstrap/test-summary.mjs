// Sums the vitest JSON reports every package writes to .reports/vitest.json (turbo restores them from its
// cache too), so one closing line covers the whole monorepo: "tests: N passed, N failed".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const GROUPS = ['packages', 'apps', 'tooling'];

export function summariseTestReports(root) {
  const lines = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const group of GROUPS) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const reports = join(dir, name, '.reports');
      for (const extra of existsSync(reports) ? readdirSync(reports) : []) {
        // Reliability runs count what they checked (alerts, kills, duplicates): show those numbers too.
        if (extra.startsWith('reliability-') && extra.endsWith('.json')) {
          const counts = readFileSync(join(reports, extra), 'utf8').replace(/\s+/g, ' ');
          lines.push(`  ${group}/${name} ${extra.slice(0, -5)}: ${counts}`);
        }
      }
      const file = join(dir, name, '.reports', 'vitest.json');
      if (!existsSync(file)) continue;
      let report;
      try {
        report = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        lines.push(`  ${group}/${name}: unreadable report ${file}`);
        failed += 1;
        continue;
      }
      const p = report.numPassedTests ?? 0;
      const f = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
      const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
      passed += p;
      failed += f;
      skipped += s;
      lines.push(
        `  ${`${group}/${name}`.padEnd(40)} ${String(p).padStart(5)} passed ${String(f).padStart(3)} failed`,
      );
    }
  }
  const total = passed + failed;
  const text = [
    'Test summary (vitest, per package):',
    ...lines,
    `tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
  ].join('\n');
  return { text, passed, failed, skipped, total };
}
