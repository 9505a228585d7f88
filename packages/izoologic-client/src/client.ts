/** `IZoologicClient`: the public face of the package. Every input is checked before anything is sent. */
import { isLoopbackUrl, Redactor } from '@tqalert/core';
import {
  type AccountKind,
  type CaseIdsInput,
  checkCaseIds,
  checkMoveCase,
  checkSendCaseMessage,
  type MoveCaseInput,
  type SendCaseMessageInput,
} from './case-action-inputs.js';
import {
  actOnCases,
  type CaseActionResult,
  type MoveCaseResult,
  moveOneCase,
  sendMessage,
} from './case-actions.js';
import { type IZoologicClientOptions, resolveOptions } from './client-options.js';
import { IZoologicInputError } from './errors.js';
import { createExchange } from './http-exchange.js';
import {
  checkFetchIncidents,
  checkReportNewIncident,
  type FetchIncidentsInput,
  type ReportNewIncidentInput,
} from './incident-inputs.js';
import {
  type Api,
  type IZoologicIncident,
  listIncidents,
  type ReportedIncident,
  reportIncident,
} from './incidents.js';
import type { Checked } from './input-issues.js';
import { createDispatcherSource, readCaFile, warnTlsOff } from './tls-dispatcher.js';
import { TokenSession } from './token-session.js';

function valueOrThrow<T>(action: string, checked: Checked<T>): T {
  if (!checked.ok) throw new IZoologicInputError(action, checked.issues);
  return checked.value;
}

/**
 * A client for the iZoologic (iZOOlabs) client API: key exchange, the four case actions with their limits,
 * incident listing and reporting.
 *
 * @example
 * const izoo = new IZoologicClient({ host: 'client-api.izoolabs.com', apiKey, secretKey });
 * await izoo.moveCase({ caseId: 'CASE123456', toCaseType: 'incident', fromCaseType: 2 });
 */
export class IZoologicClient {
  /** Where requests go, e.g. `https://client-api.izoolabs.com`. */
  readonly baseUrl: string;
  // Private fields, so neither the keys nor the token show up when the client is logged or inspected.
  readonly #api: Api;
  readonly #logger;
  readonly #closeDispatcher: () => Promise<void>;
  /** `client` or `partner`: whether every case action needs a client code. */
  readonly accountKind: AccountKind;

  /** @throws ConfigError listing every wrong option (secret values are never quoted). */
  constructor(options: IZoologicClientOptions) {
    const resolved = resolveOptions(options);
    this.baseUrl = resolved.baseUrl;
    this.#logger = resolved.logger;
    this.accountKind = resolved.accountKind;
    const ca = resolved.caFile === undefined ? undefined : readCaFile(resolved.caFile);
    if (!resolved.verifySsl) warnTlsOff(resolved.baseUrl, resolved.logger, resolved.loggerGiven);
    if (resolved.baseUrl.startsWith('http:') && !isLoopbackUrl(resolved.baseUrl)) {
      resolved.logger.warn(
        'iZoologic baseUrl uses plain http: the API key and secret key travel unencrypted.',
        {
          baseUrl: resolved.baseUrl,
        },
      );
    }
    const redactor = new Redactor().add(resolved.apiKey, resolved.secretKey);
    const dispatcher = createDispatcherSource({ verifySsl: resolved.verifySsl, ca });
    this.#closeDispatcher = () => dispatcher.close();
    const exchange = createExchange({
      baseUrl: resolved.baseUrl,
      timeoutMs: resolved.timeoutMs,
      fetch: resolved.fetch,
      dispatcher: () => dispatcher.get(),
      logger: resolved.logger,
      redactor,
      retryDelayMs: 250,
    });
    const session = new TokenSession(exchange, resolved, redactor, resolved.logger);
    this.#api = { call: (spec) => session.call(spec), redactor };
  }

  /**
   * Sends a message to the iZOOlabs team about a case (emailed, and logged in the case history). Sent as
   * the query string `CaseID`, `Subject`, `Message`, `ClientCode`, as the guide shows.
   * @throws IZoologicInputError (nothing sent) when subject > 120 characters, message missing or > 2,500, …
   * @throws IZoologicError when iZoologic refuses or cannot be reached.
   */
  sendCaseMessage(input: SendCaseMessageInput): Promise<CaseActionResult> {
    return this.#run('sendCaseMessage', checkSendCaseMessage(input, this.#rules()), (query) =>
      sendMessage(this.#api, query),
    );
  }

  /**
   * Approves incident cases for takedown (status Pending → Open; iZoologic emails notifications).
   * @throws IZoologicInputError (nothing sent) when no id is given.
   * @throws IZoologicError when iZoologic refuses or cannot be reached.
   */
  approveCaseTakedown(input: CaseIdsInput): Promise<CaseActionResult> {
    return this.#run(
      'approveCaseTakedown',
      checkCaseIds(input, 'approveCaseTakedown', this.#rules()),
      (body) => actOnCases(this.#api, 'approveCaseTakedown', body),
    );
  }

  /**
   * Marks incident or monitoring cases as reviewed.
   * @throws IZoologicInputError (nothing sent) when no id is given.
   * @throws IZoologicError when iZoologic refuses or cannot be reached.
   */
  markAsReviewed(input: CaseIdsInput): Promise<CaseActionResult> {
    return this.#run('markAsReviewed', checkCaseIds(input, 'markAsReviewed', this.#rules()), (body) =>
      actOnCases(this.#api, 'markAsReviewed', body),
    );
  }

  /**
   * Moves a case to another case type. With `fromCaseType`, a move the guide's table forbids is refused
   * before any request; Reported Incident (9) is never a target.
   * @throws IZoologicInputError (nothing sent) for an unknown or forbidden target.
   * @throws IZoologicError with code `IZOOLOGIC_MOVE_REFUSED` when iZoologic answers `Success:false`.
   */
  moveCase(input: MoveCaseInput): Promise<MoveCaseResult> {
    return this.#run('moveCase', checkMoveCase(input, this.#rules()), (body) => moveOneCase(this.#api, body));
  }

  /**
   * Incidents created between `from` and `to` (inclusive), newest first, across as many 31-day windows and
   * pages as needed. Iterate with `for await`. The input is checked now, before the first request.
   * @throws IZoologicInputError at once for a bad range or filter.
   */
  fetchIncidents(input: FetchIncidentsInput): AsyncIterable<IZoologicIncident> {
    const range = valueOrThrow('fetchIncidents', checkFetchIncidents(input));
    return listIncidents(this.#api, range, this.#logger);
  }

  /**
   * Reports a new incident; it starts as Reported Incident (9). Never retried once it may have arrived.
   * @throws IZoologicInputError (nothing sent) for a missing or too long field.
   */
  reportNewIncident(input: ReportNewIncidentInput): Promise<ReportedIncident> {
    return this.#run('reportNewIncident', checkReportNewIncident(input), (body) =>
      reportIncident(this.#api, body),
    );
  }

  /** Closes the TLS connection pool created for `caFile` / `verifySsl: false` (nothing to do otherwise). */
  close(): Promise<void> {
    return this.#closeDispatcher();
  }

  #rules() {
    return { accountKind: this.accountKind };
  }

  async #run<T, R>(action: string, checked: Checked<T>, send: (value: T) => Promise<R>): Promise<R> {
    return send(valueOrThrow(action, checked));
  }
}
