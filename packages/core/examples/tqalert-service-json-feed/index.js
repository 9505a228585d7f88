// @acme/tqalert-service-json-feed: an example third-party TQ Alert service, written against @tqalert/core alone.
// It reads a JSON file of items ([{ "id", "title", "severity"?, "url"? }]) and alerts on items it has not seen.
// The worker loads it by package name from the config folder's node_modules (`use: "@acme/tqalert-service-json-feed"`).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BaseService, defineService } from '@tqalert/core';
import { z } from 'zod';

/** The guide's four steps: connect(), fetchAlerts(), sanitizeAlerts() (inherited), sendAlerts() (inherited). */
export class JsonFeedService extends BaseService {
  /** @param {string} id @param {{ file: string, type: string }} options */
  constructor(id, options) {
    super(id, options.type);
    this.file = options.file;
  }

  /** Reads the feed once, so a missing file fails at connect() with a clear error rather than mid-poll. */
  async connect() {
    this.read();
  }

  read() {
    try {
      const items = JSON.parse(readFileSync(this.file, 'utf8'));
      if (!Array.isArray(items)) throw new Error('the file must hold a JSON array of items');
      return items;
    } catch (error) {
      throw new Error(`JSON feed ${this.file}: ${error.message}`);
    }
  }

  /**
   * The cursor is the list of item ids already alerted on. An item without an id or title becomes a rejected
   * record with its reason: never dropped silently.
   * @param {import('@tqalert/core').FetchContext} context
   */
  async fetchAlerts(context) {
    const seen = new Set(Array.isArray(context.cursor) ? context.cursor : []);
    const alerts = [];
    const rejected = [];
    for (const item of this.read()) {
      if (typeof item?.id !== 'string' || typeof item.title !== 'string') {
        rejected.push({ reason: 'an item needs a string id and title', record: item });
        continue;
      }
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      alerts.push({
        id: `${this.id}:${item.id}`,
        type: this.notificationType,
        service: this.id,
        title: item.title,
        severity: item.severity ?? 'info',
        occurredAt: context.now.toISOString(),
        fields: item.url ? { Link: item.url } : {},
      });
    }
    return { alerts, cursor: [...seen], rejected };
  }
}

export default defineService({
  name: '@acme/tqalert-service-json-feed',
  description: 'Alerts on new items of a JSON feed file',
  options: z.object({ file: z.string().min(1), type: z.string().min(1).default('JSON_FEED') }),
  // A relative file is relative to the config file's folder, like every path in the config.
  create: (options, context) =>
    new JsonFeedService(context.id, { ...options, file: resolve(context.configDir, options.file) }),
});
