// The inbox acts in Slack as one person (the sandbox user): it clicks message buttons, fills and submits the
// modals the app opens for that person, and sees the ephemeral messages the app sends them. This is what the
// inbox needs from the Slack stand-in for that; the sandbox wires it to the Slack fake's `interactions`.
import type { InboxView } from './render-modal.js';

/** A message only the sandbox user sees (`chat.postEphemeral`, or a `response_url` reply). */
export interface InboxEphemeral {
  channel: string;
  ts: string;
  text?: string | undefined;
  blocks?: readonly unknown[] | undefined;
}

/** What a click, submission or cancel came to, for the page to show. */
export interface InboxActionResult {
  /** False when Slack would show the person an error (the app did not answer in time, bad input). */
  ok: boolean;
  /** What to tell the person, when there is something to tell. */
  message?: string;
  /** Inline errors by block id, when the modal stays open with them. */
  errors?: Record<string, string>;
}

/** A click on a message button (or a choice in a message select). */
export interface InboxClick {
  channel: string;
  ts: string;
  actionId: string;
  selectedValue?: string;
}

/** The sandbox user's side of Slack. */
export interface InboxSlackUser {
  id: string;
  name: string;
  /** The modal open for this user now, if any. */
  openView(): InboxView | undefined;
  /** Ephemeral messages shown to this user, oldest first. */
  ephemerals(): readonly InboxEphemeral[];
  click(click: InboxClick): Promise<InboxActionResult>;
  /** Values by block id, then action id. */
  submit(viewId: string, values: Record<string, Record<string, string>>): Promise<InboxActionResult>;
  cancel(viewId: string): InboxActionResult;
}

/** Everyone the page may act as (its "acting as" picker), and each one's side of Slack. */
export interface InboxSlackUsers {
  list(): Array<{ id: string; name: string }>;
  /** The user with this id, or undefined when there is no such active user. */
  as(id: string): InboxSlackUser | undefined;
}
