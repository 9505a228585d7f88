// The one table `npm run bench` prints: measure, measured value, target, verdict; and the run's conditions.

const verdict = (met) => (met === undefined ? '' : met ? 'met' : 'NOT met');

/** The table as text, columns padded, with the machine and load it was measured under. */
export function renderTable(report) {
  const rows = report.table.map((r) => [r.measure, r.value, r.target ?? '', verdict(r.met)]);
  const header = ['measure', 'measured', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    `TQ Alert benches at ${report.commit}, Node ${report.node}, ${report.cores} cores, load average ${report.loadAverageAtStart.join(' ')} → ${report.loadAverageAtEnd.join(' ')}`,
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}
