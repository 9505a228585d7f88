import { describe, expect, it } from 'vitest';
import {
  caseTypeLabel,
  type InboxIZoologicCase,
  type InboxIZoologicRequest,
  izoologicActions,
  renderIZoologicPanel,
} from './render-izoologic.js';

const AT = '2026-12-02T06:30:05.000Z';

function request(path: string, input: Partial<InboxIZoologicRequest> = {}): InboxIZoologicRequest {
  return { path, query: {}, body: undefined, at: AT, ...input };
}

const acme: InboxIZoologicCase = {
  id: 'INC100001',
  caseType: 6,
  clientCode: 'ACME',
  status: 'Open',
  reviewed: false,
  brand: 'Acme <Bank>',
  history: [
    { action: 'message', detail: { subject: 'Status?', message: 'Any <b>news</b>?' }, at: AT },
    { action: 'move', detail: { from: 1, to: 6, comment: 'escalated' }, at: AT },
  ],
};

describe('izoologicActions', () => {
  it('keeps the four case actions with their own fields, and nothing of Authenticate or other routes', () => {
    const actions = izoologicActions([
      request('/api/Token/Authenticate', { body: { apikey: 'k', secretkey: 's' } }),
      request('/api/ThreatManagement/SendCaseMessage', {
        query: { CaseID: 'INC1', Subject: 'Hi', Message: 'Body', ClientCode: 'ACME' },
      }),
      request('/api/ThreatManagement/FetchIncidents', { query: { clientcode: 'ACME' } }),
      request('/api/ThreatManagement/ApproveCaseTakedown', {
        body: { ids: 'INC1,INC2', remark: 'ok', extra: 1 },
      }),
      request('/api/ThreatManagement/MarkAsReviewed', { body: { ids: 'MON1' } }),
      request('/api/ThreatManagement/MoveCase', { body: { caseID: 'MON1', moveToCaseType: 8, comment: '' } }),
    ]);
    expect(actions.map((a) => [a.label, a.fields])).toEqual([
      ['Send message', { CaseID: 'INC1', ClientCode: 'ACME', Subject: 'Hi', Message: 'Body' }],
      ['Approve takedown', { ids: 'INC1,INC2', remark: 'ok' }],
      ['Mark reviewed', { ids: 'MON1' }],
      ['Move case', { caseID: 'MON1', moveToCaseType: 'AuthorisedList (8)' }],
    ]);
  });

  it('shows a value of the wrong type as it was sent, so a client bug is visible', () => {
    const [action] = izoologicActions([
      request('/api/ThreatManagement/MarkAsReviewed', { body: { ids: ['INC1'] } }),
    ]);
    expect(action?.fields).toEqual({ ids: '["INC1"]' });
  });
});

describe('renderIZoologicPanel', () => {
  it('lists the actions newest first and each case with its type, status, review state and history, escaped', () => {
    const actions = izoologicActions([
      request('/api/ThreatManagement/MarkAsReviewed', { body: { ids: 'INC100001' } }),
      request('/api/ThreatManagement/MoveCase', { body: { caseID: 'INC100001', comment: 'second' } }),
    ]);
    const html = renderIZoologicPanel([acme], actions);
    expect(html.indexOf('data-route="MoveCase"')).toBeLessThan(html.indexOf('data-route="MarkAsReviewed"'));
    expect(html).toContain('<span class="izoo-type">Incident (6)</span>');
    expect(html).toContain('<span class="izoo-status st-open">Open</span>');
    expect(html).toContain('<span class="izoo-reviewed">not reviewed</span>');
    expect(html).toContain('ACME · Acme &lt;Bank&gt;');
    expect(html).toContain('<dd>Any &lt;b&gt;news&lt;/b&gt;?</dd>');
    expect(html).toContain('<dt>from</dt><dd>Domain Monitoring (1)</dd><dt>to</dt><dd>Incident (6)</dd>');
    expect(html).not.toContain('<b>');
  });

  it('puts the cases with the latest activity first', () => {
    const quiet: InboxIZoologicCase = { ...acme, id: 'AAA000001', history: [] };
    const html = renderIZoologicPanel([quiet, acme], []);
    expect(html.indexOf('data-case-id="INC100001"')).toBeLessThan(html.indexOf('data-case-id="AAA000001"'));
    expect(html).toContain('No case action yet');
  });

  it('names unknown case types by their number', () => {
    expect(caseTypeLabel(7)).toBe('type 7');
    expect(caseTypeLabel(10)).toBe('Whitelist (10)');
  });
});
