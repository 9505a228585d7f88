import { describe, expect, it } from 'vitest';
import { CaseActions } from './case-actions.js';
import { izooCalls, izoologicClient, thrown, useFakes } from './test-fakes.js';

// The fake lists each case's type (an inferred listing field), as a lookup needs.
const { iz } = useFakes({ listCaseDetails: true });
const alice = { via: 'cli', id: 'alice' };
const move = (caseId: string, toCaseType: string | number) =>
  new CaseActions({ izoologic: izoologicClient() }).run({
    action: 'moveCase',
    actor: alice,
    idempotencyKey: `k-${caseId}-${toCaseType}`,
    caseIds: [caseId],
    options: { toCaseType },
  });

describe('12.2 the move table always enforced', () => {
  it('12.2 a move without --from on a case whose type only iZoologic knows is refused locally when the table forbids it', async () => {
    // INC2 is an incident (6); the guide lets incidents move to 1-5, 8, 10, not to Incident.
    const error = await thrown(move('INC2', 'incident'));
    expect(error.message).toContain('A Incident(6) case cannot be moved to Incident(6)');
    expect(izooCalls(iz)).not.toContain('MoveCase');
    expect(izooCalls(iz)[0]).toBe('FetchIncidents');
    expect(iz.state.cases.get('INC2')?.caseType).toBe(6);
  });

  it('12.2 an allowed move after the lookup is sent, and says where the type came from', async () => {
    const result = await move('MON1', 'incident');
    expect(result).toMatchObject({ ok: true, toCaseType: 6 });
    expect(result.notes).toContain('case MON1 is Domain Monitoring(1) (looked up in iZoologic).');
    expect(izooCalls(iz).at(-1)).toBe('MoveCase');
  });

  it('12.2 a case the listing does not have: said so, and the server decides', async () => {
    const result = await move('NOPE-1', 6);
    expect(result.ok).toBe(false);
    expect(result.notes[0]).toMatch(/NOPE-1 was not found among iZoologic's incidents of the last 90 days/);
    expect(result.message).toContain('iZOO2004');
  });

  it('12.2 no lookup for a target every case type may move to (whitelist)', async () => {
    await move('MON1', 'whitelist');
    expect(izooCalls(iz)).toEqual(['MoveCase']);
  });
});
