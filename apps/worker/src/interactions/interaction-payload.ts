/** The parts of Slack's `block_actions` and `view_submission` payloads the case actions read (Slack's names). */
import type { PayloadUser } from './slack-identity.js';

/** One input's state in `view.state.values`. */
export interface InputState {
  value?: string | null;
  selected_option?: { value?: string } | null;
}

/** An interaction payload as Slack sends it; every field may be missing from a payload that is not ours. */
export interface InteractionPayload {
  type?: string;
  user?: PayloadUser;
  team?: { id?: string } | null;
  trigger_id?: string;
  container?: { channel_id?: string; message_ts?: string };
  channel?: { id?: string };
  message?: { ts?: string; text?: string; blocks?: Array<Record<string, unknown>> };
  actions?: Array<{ action_id?: string; block_id?: string; value?: string; action_ts?: string }>;
  view?: {
    id?: string;
    hash?: string;
    callback_id?: string;
    private_metadata?: string;
    state?: { values?: Record<string, Record<string, InputState>> };
  };
}
