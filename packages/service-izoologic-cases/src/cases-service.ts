/** `IZoologicCasesService`: new iZoologic cases, and changes to known ones, as alerts. */
import { BaseService, ConfigError, type FetchContext, type FetchResult } from '@tqalert/core';
import type { IZoologicClient, IZoologicIncident } from '@tqalert/izoologic-client';
import { type CaseFacts, changedCaseAlert, IZOOLOGIC_CASE, newCaseAlert } from './case-alert.js';
import { type CaseSnapshot, type CasesCursor, diffCase, readCursor, snapshotOf } from './case-snapshot.js';
import {
  type IZoologicCasesConfig,
  type ResolvedIZoologicCasesConfig,
  resolveIZoologicCasesConfig,
} from './config.js';

const DAY_MS = 86_400_000;

/** The iZoologic client method the service uses. */
export type CasesIZoologic = Pick<IZoologicClient, 'fetchIncidents'>;

/** Code-only hooks (not in the worker config). */
export interface IZoologicCasesHooks {
  /**
   * The ThreatQ object that stands for a case (`events:42`), when the caller can tell: it goes into the alert so
   * that actions from the alert record their outcome there.
   */
  findThreatQObject?: (caseId: string) => Promise<string | undefined> | string | undefined;
}

function checkClient(izoologic: unknown): CasesIZoologic {
  if (typeof (izoologic as Partial<CasesIZoologic> | undefined)?.fetchIncidents === 'function') {
    return izoologic as CasesIZoologic;
  }
  throw new ConfigError(
    [
      {
        path: 'izoologic',
        message:
          'no iZoologic client: the cases service reads iZoologic, so the worker config needs an izoologic: section (host, apiKey, secretKey); in code, pass an IZoologicClient as the first argument',
      },
    ],
    { source: 'IZoologicCasesService' },
  );
}

/**
 * Polls iZoologic's incident listing (the cases created in the last `lookbackDays` days) and alerts on new
 * cases and on changes of status, case type and review state, one alert per case and change (its id is the
 * case and the change, so the worker's dedup sends each once). The first run is a baseline, as for the other
 * services, unless `firstRun: 'alert'`.
 *
 * @example
 * const service = new IZoologicCasesService(izoologic, { clientCodes: ['ABC'] });
 * service.addNotifier(notifier);
 * worker.addService(service);
 * await worker.start();
 */
export class IZoologicCasesService extends BaseService {
  /** The options in effect, defaults filled in. */
  readonly config: ResolvedIZoologicCasesConfig;
  private readonly izoologic: CasesIZoologic;
  private readonly hooks: IZoologicCasesHooks;

  /** @throws ConfigError when `izoologic` is not a client or an option is wrong (each with its path). */
  constructor(izoologic: CasesIZoologic, config: IZoologicCasesConfig = {}, hooks: IZoologicCasesHooks = {}) {
    const client = checkClient(izoologic);
    const resolved = resolveIZoologicCasesConfig(config);
    super(resolved.id, IZOOLOGIC_CASE);
    this.izoologic = client;
    this.config = resolved;
    this.hooks = hooks;
  }

  /** Lists the window's cases and alerts on what is new or changed since the snapshot in `context.cursor`. */
  async fetchAlerts(context: FetchContext): Promise<FetchResult> {
    const previous = readCursor(context.cursor);
    const notes: string[] = [];
    if (context.cursor !== undefined && previous === undefined) {
      notes.push(
        `iZoologic cases service "${this.id}": the stored cursor is not one this version wrote, so this poll takes a new baseline.`,
      );
    }
    const baseline = previous === undefined && this.config.firstRun === 'baseline';
    const to = context.now;
    const from = new Date(
      (context.since ?? new Date(to.getTime() - this.config.lookbackDays * DAY_MS)).getTime(),
    );
    const next: Record<string, CaseSnapshot> = {};
    const alerts: unknown[] = [];
    for await (const { incident, clientCode } of this.#list(from, to)) {
      if (next[incident.id] !== undefined) continue;
      const snapshot = snapshotOf(incident);
      next[incident.id] = snapshot;
      if (baseline) continue;
      const before = previous?.cases[incident.id];
      if (before !== undefined) {
        const changes = diffCase(before, snapshot);
        if (changes.length === 0) continue;
        alerts.push(changedCaseAlert(await this.#facts(incident, clientCode), changes, context.now));
      } else if (previous !== undefined || this.config.firstRun === 'alert') {
        alerts.push(newCaseAlert(await this.#facts(incident, clientCode)));
      }
    }
    if (baseline) {
      notes.push(
        `iZoologic cases service "${this.id}": first run, took a baseline of ${Object.keys(next).length} case(s); new cases and changes from now on are alerted.`,
      );
    }
    const cursor: CasesCursor = { v: 1, cases: next };
    return { alerts, cursor, notes };
  }

  /** Every case in the window, per configured client code (which the alert then carries), or all of them. */
  async *#list(
    from: Date,
    to: Date,
  ): AsyncGenerator<{ incident: IZoologicIncident; clientCode: string | null }> {
    const codes = this.config.clientCodes;
    if (codes === undefined) {
      for await (const incident of this.izoologic.fetchIncidents({ from, to })) {
        yield { incident, clientCode: incident.clientCode };
      }
      return;
    }
    for (const code of codes) {
      for await (const incident of this.izoologic.fetchIncidents({ from, to, clientCode: code })) {
        yield { incident, clientCode: code };
      }
    }
  }

  async #facts(incident: IZoologicIncident, clientCode: string | null): Promise<CaseFacts> {
    return {
      service: this.id,
      incident,
      clientCode,
      threatqObject: await this.hooks.findThreatQObject?.(incident.id),
      caseUrl: this.config.caseUrl,
    };
  }
}
