// The iZoologic panel: every case the stand-in holds (type, status, review state, and what was applied to it),
// and every case action request that reached the stand-in (send message, approve takedown, mark reviewed, move
// case), from the CLI, the worker or anything else, refused ones included. Only the action's own fields are
// shown: never a request's headers (bearer tokens) and never the Authenticate call (API and secret keys).
import { IZOOLOGIC_CASE_TYPE_NAMES } from '@tqalert/fixtures';
import { escapeHtml } from './escape-html.js';
import { timeHtml } from './time-html.js';

/** A case as the panel reads it (the iZoologic fake's `state.cases` values have these fields). */
export interface InboxIZoologicCase {
  id: string;
  caseType: number;
  clientCode: string;
  status: string;
  reviewed: boolean;
  brand?: string;
  history: readonly { action: string; detail: Record<string, unknown>; at: string }[];
}

/** A request as the panel reads it (the iZoologic fake's `requests` items have these fields). */
export interface InboxIZoologicRequest {
  path: string;
  query: Record<string, string>;
  body: unknown;
  at: string;
}

/** Where the panel reads the stand-in's state. Called on every request, so it always shows the current state. */
export interface InboxIZoologicSource {
  cases(): Iterable<InboxIZoologicCase>;
  requests(): readonly InboxIZoologicRequest[];
}

/** One case action request, reduced to what the panel shows. */
export interface InboxIZoologicAction {
  route: string;
  label: string;
  at: string;
  /** The action's own fields, as sent (query for Send Case Message, JSON body for the others). */
  fields: Record<string, string>;
}

/** The case action routes and the fields of each worth showing, in the order shown. */
const ACTIONS: Record<string, { label: string; fields: readonly string[] }> = {
  SendCaseMessage: { label: 'Send message', fields: ['CaseID', 'ClientCode', 'Subject', 'Message'] },
  ApproveCaseTakedown: { label: 'Approve takedown', fields: ['ids', 'clientCode', 'remark'] },
  MarkAsReviewed: { label: 'Mark reviewed', fields: ['ids', 'clientCode', 'remark'] },
  MoveCase: { label: 'Move case', fields: ['caseID', 'clientCode', 'moveToCaseType', 'comment'] },
};

const EVENT_LABELS: Record<string, string> = {
  message: 'Message',
  approve: 'Takedown approved',
  review: 'Marked reviewed',
  move: 'Moved',
  report: 'Reported',
};

/** `Incident (6)`: the name the stand-in uses, and the id the API takes. */
export function caseTypeLabel(caseType: unknown): string {
  const id = Number(caseType);
  const name = IZOOLOGIC_CASE_TYPE_NAMES[id];
  return name ? `${name} (${id})` : `type ${String(caseType)}`;
}

function shown(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The case action requests among everything that reached the stand-in, oldest first. */
export function izoologicActions(requests: readonly InboxIZoologicRequest[]): InboxIZoologicAction[] {
  const actions: InboxIZoologicAction[] = [];
  for (const request of requests) {
    const route = request.path.split('/').at(-1) ?? '';
    const action = ACTIONS[route];
    if (!action) continue;
    const sent: Record<string, unknown> = {
      ...request.query,
      ...(isRecord(request.body) ? request.body : {}),
    };
    const fields: Record<string, string> = {};
    for (const name of action.fields) {
      const value = shown(sent[name]);
      if (value !== '') fields[name] = name === 'moveToCaseType' ? caseTypeLabel(value) : value;
    }
    actions.push({ route, label: action.label, at: request.at, fields });
  }
  return actions;
}

function fieldsHtml(fields: Record<string, unknown>): string {
  const rows = Object.entries(fields)
    .map(([name, value]) => [name, shown(value)] as const)
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('');
  return rows ? `<dl class="izoo-fields">${rows}</dl>` : '';
}

function eventDetail(event: InboxIZoologicCase['history'][number]): Record<string, unknown> {
  if (event.action !== 'move') return event.detail;
  const { from, to, ...rest } = event.detail;
  return { from: caseTypeLabel(from), to: caseTypeLabel(to), ...rest };
}

function caseHtml(item: InboxIZoologicCase): string {
  const history = item.history
    .map(
      (event) =>
        `<li class="izoo-event" data-action="${escapeHtml(event.action)}"><span class="izoo-what">${escapeHtml(EVENT_LABELS[event.action] ?? event.action)}</span> ${timeHtml(new Date(event.at))}${fieldsHtml(eventDetail(event))}</li>`,
    )
    .join('');
  const status = escapeHtml(item.status);
  return [
    `<li class="izoo-case" data-case-id="${escapeHtml(item.id)}">`,
    '<div class="izoo-case-head">',
    `<code class="izoo-id">${escapeHtml(item.id)}</code>`,
    `<span class="izoo-type">${escapeHtml(caseTypeLabel(item.caseType))}</span>`,
    `<span class="izoo-status st-${status.toLowerCase().replace(/[^a-z]+/g, '-')}">${status}</span>`,
    `<span class="izoo-reviewed">${item.reviewed ? 'reviewed' : 'not reviewed'}</span>`,
    `<span class="izoo-client">${escapeHtml(item.clientCode)}${item.brand ? ` · ${escapeHtml(item.brand)}` : ''}</span>`,
    '</div>',
    history ? `<ol class="izoo-history">${history}</ol>` : '',
    '</li>',
  ].join('');
}

function lastActivity(item: InboxIZoologicCase): string {
  return item.history.at(-1)?.at ?? '';
}

/**
 * The panel as one card: the action requests received (newest first), then the cases, those with the latest
 * activity first.
 */
export function renderIZoologicPanel(
  cases: readonly InboxIZoologicCase[],
  actions: readonly InboxIZoologicAction[],
): string {
  const log = [...actions]
    .reverse()
    .map(
      (action) =>
        `<li class="izoo-action" data-route="${escapeHtml(action.route)}"><span class="izoo-what">${escapeHtml(action.label)}</span> ${timeHtml(new Date(action.at))}${fieldsHtml(action.fields)}</li>`,
    )
    .join('');
  const ordered = [...cases].sort(
    (a, b) => lastActivity(b).localeCompare(lastActivity(a)) || a.id.localeCompare(b.id),
  );
  return [
    '<article class="card izoo">',
    `<h3 class="izoo-title">Case actions received <span class="count">${actions.length}</span></h3>`,
    log
      ? `<ol class="izoo-actions">${log}</ol>`
      : '<div class="empty">No case action yet: send one with <code>tqalert izoologic …</code>.</div>',
    `<h3 class="izoo-title">Cases <span class="count">${cases.length}</span></h3>`,
    `<ul class="izoo-cases">${ordered.map(caseHtml).join('')}</ul>`,
    '</article>',
  ].join('');
}
