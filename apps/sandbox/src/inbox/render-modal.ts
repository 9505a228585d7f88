// A Slack modal (a view the app opened with `views.open`) as a working HTML form: its blocks rendered like a
// message's, each input block as a labelled control that keeps Slack's limits (`max_length`, `min_length`, required
// unless `optional`), the inline errors of the app's last `response_action: "errors"` under their inputs, and the
// view's submit and close buttons. The page script sends the values as Slack's `view_submission` would carry them.
import { escapeHtml } from './escape-html.js';
import { renderBlock, renderTextObject } from './render-blocks.js';
import type { NameLookup } from './render-mrkdwn.js';

type Json = Record<string, unknown>;

/** An open modal as the inbox reads it (the Slack fake's `state.views` items have these fields). */
export interface InboxView {
  id: string;
  hash: string;
  view: Json;
  errors?: Record<string, string> | undefined;
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function plainText(value: unknown): string {
  return isRecord(value) ? escapeHtml(str(value.text) ?? '') : '';
}

function lengthAttributes(element: Json): string {
  const max = element.max_length;
  const min = element.min_length;
  return [
    typeof max === 'number' ? ` maxlength="${max}"` : '',
    typeof min === 'number' ? ` minlength="${min}"` : '',
  ].join('');
}

function selectHtml(element: Json, common: string, required: boolean): string {
  const initial = isRecord(element.initial_option) ? str(element.initial_option.value) : undefined;
  const placeholder = plainText(element.placeholder) || 'Select an option';
  const options = (Array.isArray(element.options) ? element.options : [])
    .filter(isRecord)
    .map((option) => {
      const value = escapeHtml(str(option.value) ?? '');
      const selected = str(option.value) === initial ? ' selected' : '';
      return `<option value="${value}"${selected}>${plainText(option.text)}</option>`;
    })
    .join('');
  const none = initial === undefined ? ' selected' : '';
  return `<select${common}${required ? ' required' : ''}><option value=""${none}${required ? ' disabled' : ''}>${placeholder}</option>${options}</select>`;
}

const INPUT_TYPES: Record<string, string> = {
  plain_text_input: 'text',
  number_input: 'number',
  email_text_input: 'email',
  url_text_input: 'url',
};

/** One input element as a form control named by its block and action ids. */
function controlHtml(element: Json, blockId: string, required: boolean): string {
  const actionId = str(element.action_id) ?? '';
  const id = `in-${blockId}-${actionId}`;
  const common = ` id="${escapeHtml(id)}" data-block-id="${escapeHtml(blockId)}" data-action-id="${escapeHtml(actionId)}"`;
  const type = str(element.type) ?? '';
  if (type === 'static_select' || type === 'radio_buttons') return selectHtml(element, common, required);
  const inputType = INPUT_TYPES[type];
  if (!inputType)
    return `<div class="warn">[${escapeHtml(type || 'unknown')} input: not supported by the inbox]</div>`;
  const placeholder = plainText(element.placeholder);
  const attributes = [
    common,
    lengthAttributes(element),
    required ? ' required' : '',
    placeholder ? ` placeholder="${placeholder}"` : '',
  ].join('');
  const initial = escapeHtml(str(element.initial_value) ?? '');
  if (type === 'plain_text_input' && element.multiline === true) {
    return `<textarea rows="4"${attributes}>${initial}</textarea>`;
  }
  return `<input type="${inputType}"${attributes} value="${initial}">`;
}

function inputBlockHtml(block: Json, errors: Record<string, string>, names: NameLookup): string {
  const blockId = str(block.block_id) ?? '';
  const element = isRecord(block.element) ? block.element : {};
  const required = block.optional !== true;
  const forId = `in-${blockId}-${str(element.action_id) ?? ''}`;
  const error = errors[blockId];
  return [
    `<div class="modal-input${error ? ' has-error' : ''}" data-block-id="${escapeHtml(blockId)}">`,
    `<label for="${escapeHtml(forId)}">${plainText(block.label)}${required ? '' : ' <span class="optional">(optional)</span>'}</label>`,
    controlHtml(element, blockId, required),
    block.hint ? `<div class="hint">${renderTextObject(block.hint, names)}</div>` : '',
    error ? `<div class="modal-error" role="alert">${escapeHtml(error)}</div>` : '',
    '</div>',
  ].join('');
}

/** The modal as a form in an overlay; its data attributes name the view for the page script. */
export function renderModal(open: InboxView, names: NameLookup = {}): string {
  const view = open.view;
  const errors = open.errors ?? {};
  const blocks = (Array.isArray(view.blocks) ? view.blocks : [])
    .map((block) =>
      isRecord(block) && block.type === 'input'
        ? inputBlockHtml(block, errors, names)
        : renderBlock(block, names),
    )
    .join('');
  const submit = plainText(view.submit);
  const close = plainText(view.close) || 'Cancel';
  return [
    `<div class="modal-backdrop"><form class="modal" data-view-id="${escapeHtml(open.id)}" data-hash="${escapeHtml(open.hash)}" novalidate>`,
    `<h3 class="modal-title">${plainText(view.title)}</h3>`,
    `<div class="modal-body">${blocks}</div>`,
    '<div class="modal-error modal-general" role="alert"></div>',
    '<div class="modal-buttons">',
    `<button type="button" class="btn" data-modal="close">${close}</button>`,
    submit ? `<button type="submit" class="btn btn-primary" data-modal="submit">${submit}</button>` : '',
    '</div></form></div>',
  ].join('');
}
