import { createAlert } from '@tqalert/core';
import { SlackFormatter } from '../dist/index.js';

const TEMPLATES = 1000;
const KINDS = [
  (i) => ({ value: `login-${i}.portal-secure.com`, type: 'FQDN' }),
  (i) => ({ value: `203.0.${i % 256}.${(i * 7) % 256}`, type: 'IP Address' }),
  (i) => ({ value: `https://cdn-${i}.evil-mirror.net/path/${i}/payload.php?id=${i}`, type: 'URL' }),
  (i) => ({ value: `billing${i}@invoices-${i}.co.uk`, type: 'Email Address' }),
];
const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'];

/** One varied alert input, as a service hands it over before validation. */
function template(i) {
  const indicator = KINDS[i % KINDS.length](i);
  return {
    id: `watchlist|indicators:${i}|score`,
    type: 'WATCHLIST',
    service: 'watchlist',
    object: {
      collection: 'indicators',
      id: i,
      value: indicator.value,
      type: indicator.type,
      link: `https://threatq.example.com/indicators/${i}/details`,
    },
    title: `Watched indicator ${indicator.value} score raised from ${i % 5} to ${(i % 5) + 4}`,
    summary: `Reported by *Feed ${i % 9}* after a sighting at http://stage-${i}.drop-zone.io/x.js; see www.vendor-${i % 13}.com for context (v1.2, _build_ ${i}).`,
    severity: SEVERITIES[i % SEVERITIES.length],
    score: (i % 5) + 4,
    changes: [
      { field: 'score', before: i % 5, after: (i % 5) + 4 },
      { field: 'sources', before: ['Feed A'], after: ['Feed A', `Feed ${i % 9}`] },
      { field: 'tags', before: ['phishing'], after: ['phishing', 'c2'] },
    ],
    sources: ['Feed A', `Feed ${i % 9}`, 'OSINT <team>'],
    tags: ['phishing', 'c2', `campaign-${i % 17}`],
    tlp: i % 2 === 0 ? 'AMBER' : 'GREEN',
    occurredAt: new Date(Date.UTC(2026, 2, 1, 12, 0, i % 3600)).toISOString(),
    fields: { Status: 'Active', 'First seen': '2026-02-28T10:00:00Z', Resolves: `198.51.100.${i % 256}` },
  };
}

const templates = Array.from({ length: TEMPLATES }, (_, i) => template(i));
const inputAt = (n) => {
  const base = templates[n % TEMPLATES];
  return { ...base, id: `${base.id}|${n}` };
};

const formatter = new SlackFormatter({ type: 'WATCHLIST' });
const alerts = Array.from({ length: 2000 }, (_, i) => createAlert(inputAt(i)));
let x = 0;
for (let i = 0; i < 200000; i++) x += formatter.format([alerts[i % 2000]], 'WATCHLIST').parts.length;
console.log(x);
