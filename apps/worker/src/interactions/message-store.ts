/**
 * The messages whose case buttons were clicked, kept between the click and the dialog's submission: a
 * `view_submission` does not carry the message, and `chat.update` replaces all of its blocks. Bounded; after a
 * restart a dialog opened before it updates nothing and the outcome goes into the message's thread instead.
 */

/** A message as `block_actions` carries it. */
export interface ClickedMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

const LIMIT = 500;

/** The last {@link LIMIT} clicked messages by channel and ts. */
export class MessageStore {
  readonly #messages = new Map<string, ClickedMessage>();

  remember(channel: string, ts: string, message: ClickedMessage): void {
    const key = `${channel}|${ts}`;
    this.#messages.delete(key);
    this.#messages.set(key, message);
    if (this.#messages.size > LIMIT) this.#messages.delete(this.#messages.keys().next().value as string);
  }

  get(channel: string, ts: string): ClickedMessage | undefined {
    return this.#messages.get(`${channel}|${ts}`);
  }
}
