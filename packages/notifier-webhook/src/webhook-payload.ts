import type { Alert, NotificationType } from '@tqalert/core';

/** The generic JSON body: every alert in full, plus a one-line `text` for receivers that only show text. */
export interface WebhookJsonBody {
  /** Always `tqalert`, so a receiver shared with other senders can tell these apart. */
  source: 'tqalert';
  type: NotificationType;
  /** Alerts in this body. */
  count: number;
  /** Alerts in the whole message (all parts). */
  total: number;
  /** This body's place in the message, 1-based, and how many bodies the message has. */
  part: number;
  parts: number;
  /** A one-line summary: Slack-compatible, Mattermost and Google Chat receivers show it as the message. */
  text: string;
  alerts: Alert[];
}

/** A Microsoft Teams message carrying one Adaptive Card, as Teams Workflows (Power Automate) webhooks take it. */
export interface TeamsMessageBody {
  type: 'message';
  attachments: Array<{
    contentType: 'application/vnd.microsoft.card.adaptive';
    contentUrl: null;
    content: Record<string, unknown>;
  }>;
}

/** One HTTP request's JSON body. */
export type WebhookBody = WebhookJsonBody | TeamsMessageBody;

/**
 * What {@link WebhookFormatter} produces and {@link WebhookNotifier} sends: one POST per body, in order. A message
 * too big for one body is split into several, never cut.
 */
export interface WebhookPayload {
  bodies: WebhookBody[];
}
