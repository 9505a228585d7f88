/**
 * The Block Kit shapes this formatter emits, and the message it hands a notifier: a parent payload and thread
 * continuations, each ready for `chat.postMessage`.
 */

/** Plain text: shown as typed, no formatting or mentions. */
export interface PlainTextObject {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

/** Slack mrkdwn text: `*bold*`, `<url|label>`, escaped `&amp; &lt; &gt;`. */
export interface MrkdwnTextObject {
  type: 'mrkdwn';
  text: string;
}

export type TextObject = PlainTextObject | MrkdwnTextObject;

export interface HeaderBlock {
  type: 'header';
  text: PlainTextObject;
}

export interface SectionBlock {
  type: 'section';
  text?: MrkdwnTextObject;
  fields?: MrkdwnTextObject[];
}

export interface ContextBlock {
  type: 'context';
  elements: TextObject[];
}

export interface DividerBlock {
  type: 'divider';
}

/** Slack's `confirm` dialog object: shown before a button's click is sent. */
export interface ConfirmDialog {
  title: PlainTextObject;
  text: PlainTextObject;
  confirm: PlainTextObject;
  deny: PlainTextObject;
  style?: 'primary' | 'danger';
}

/** A link button (`url`) or an interactive one (`action_id` + `value`, sent back in `block_actions`). */
export interface ButtonElement {
  type: 'button';
  text: PlainTextObject;
  url?: string;
  action_id?: string;
  /** Sent back to the app on click; at most 2,000 characters. */
  value?: string;
  style?: 'primary' | 'danger';
  confirm?: ConfirmDialog;
}

export interface ActionsBlock {
  type: 'actions';
  block_id?: string;
  elements: ButtonElement[];
}

/** Every block type the formatter produces. */
export type SlackBlock = HeaderBlock | SectionBlock | ContextBlock | DividerBlock | ActionsBlock;

/** One `chat.postMessage` body, minus `channel` and `thread_ts` (the notifier adds those). */
export interface SlackPayload {
  /** Fallback text for notifications and screen readers: always present, at most 4,000 characters. */
  text: string;
  blocks: SlackBlock[];
  /** Always false: IOC URLs must never be fetched by Slack's unfurler. */
  unfurl_links: false;
  unfurl_media: false;
}

/**
 * A formatted Slack message. `parts[0]` is the parent message; `parts[1..]` are thread continuations, posted as
 * replies to it, used only when the content exceeds what one Slack message may carry.
 */
export interface SlackMessage {
  parts: SlackPayload[];
}
