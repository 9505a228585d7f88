/**
 * The README's smallest example, run as written (output captured instead of printed), so the example keeps
 * working when core changes.
 */
import { describe, expect, it } from 'vitest';
import { type Alert, type NotificationType, NotificationTypes, severityFromScore } from './alert.js';
import { BaseFormatter } from './formatter.js';
import { BaseNotifier, type DeliveryRecord } from './notifier.js';
import { BaseService, type FetchContext, type FetchResult, ServiceWorker } from './service.js';

class ScoreListService extends BaseService {
  constructor(private readonly rows: Array<[value: string, score: number]>) {
    super('score-list', NotificationTypes.WATCHLIST);
  }

  async fetchAlerts({ cursor, now }: FetchContext): Promise<FetchResult> {
    const start = typeof cursor === 'number' ? cursor : 0;
    const alerts = this.rows.slice(start).map(([value, score], i) => ({
      id: `score-list|${start + i}`,
      type: this.notificationType,
      service: this.id,
      title: `${value} scored ${score}`,
      score,
      severity: severityFromScore(score),
      occurredAt: now.toISOString(),
    }));
    return { alerts, cursor: this.rows.length };
  }
}

class TextFormatter extends BaseFormatter<string> {
  format(alerts: readonly Alert[], type: NotificationType): string {
    return [`${type}: ${alerts.length} alert(s)`, ...alerts.map((a) => `- [${a.severity}] ${a.title}`)].join(
      '\n',
    );
  }
}

class CapturingNotifier extends BaseNotifier<string> {
  readonly printed: string[] = [];

  override async destinations(): Promise<string[]> {
    return ['stdout'];
  }

  async sendAlert(message: string): Promise<DeliveryRecord[]> {
    this.printed.push(message);
    const part = { destination: 'stdout', part: 0, ref: {} };
    return [{ notifier: this.name, destination: 'stdout', parts: [part], sentAt: new Date().toISOString() }];
  }
}

describe('README example', () => {
  it('prints both alerts once, and nothing on the next run', async () => {
    const formatter = new TextFormatter(NotificationTypes.WATCHLIST);
    const notifier = new CapturingNotifier('console');
    notifier.setFormatter(formatter);
    const service = new ScoreListService([
      ['evil.example', 8],
      ['203.0.113.7', 3],
    ]);
    service.addNotifier(notifier);
    const worker = new ServiceWorker();
    worker.addService(service);

    const [report] = await worker.start();
    expect([report?.ok, report?.sent]).toEqual([true, 2]);
    expect(notifier.printed).toEqual([
      'WATCHLIST: 2 alert(s)\n- [critical] evil.example scored 8\n- [low] 203.0.113.7 scored 3',
    ]);

    const [second] = await worker.start();
    expect([second?.ok, second?.fetched]).toEqual([true, 0]);
    expect(notifier.printed).toHaveLength(1);
  });
});
