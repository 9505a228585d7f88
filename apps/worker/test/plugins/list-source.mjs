// A test service plugin: reads alert candidates from a JSON file (an array) and returns those after the cursor
// index, `batch` at a time. Lets worker tests control exactly what "upstream" holds.
import { readFileSync } from 'node:fs';
import { BaseService, defineService, NotificationTypes } from '@tqalert/core';
import { z } from 'zod';

class ListSource extends BaseService {
  constructor(options) {
    super('list-source', NotificationTypes.DATA_COLLECTION);
    this.options = options;
  }
  async fetchAlerts({ cursor }) {
    if (this.options.failFile) {
      try {
        const message = readFileSync(this.options.failFile, 'utf8').trim();
        if (message) throw new Error(message);
      } catch (error) {
        if (error.code !== 'ENOENT') throw error;
      }
    }
    const all = JSON.parse(readFileSync(this.options.file, 'utf8'));
    const start = typeof cursor === 'number' ? cursor : 0;
    const slice = all.slice(start, start + this.options.batch);
    return { alerts: slice, cursor: start + slice.length };
  }
}

export default defineService({
  name: 'list-source',
  options: z.object({
    file: z.string(),
    batch: z.number().int().positive().default(1000),
    failFile: z.string().optional(),
  }),
  create: (options) => new ListSource(options),
});
