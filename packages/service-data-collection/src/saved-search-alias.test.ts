import { describe, expect, it } from 'vitest';
import { DataCollectionService, SavedSearchService } from './index.js';
import { clientFor, useThreatQ } from './test-threatq.js';

const { fake } = useThreatQ({ watched: [] });

describe("the guide's name", () => {
  it('new SavedSearchService(threatq, config) is a DataCollectionService, as the guide writes it', () => {
    const service = new SavedSearchService(clientFor(fake), { id: 'saved', hash: 'abc123' });
    expect(service).toBeInstanceOf(DataCollectionService);
    expect(service.id).toBe('saved');
  });
});
