// Block Kit to HTML, close enough to Slack's look to judge a formatter's output: headers, sections with fields and
// accessories, context, dividers, actions (buttons with a URL become links), images (as labelled placeholders:
// the inbox page loads nothing from outside) and rich text. Blocks arrive as untrusted JSON: every field is
// checked before use and every string is escaped.
import { emojiHtml, emojiSpan } from './emoji.js';
import { escapeHtml, externalLink, safeHttpUrl } from './escape-html.js';
import { type NameLookup, renderMrkdwn, renderPlainText } from './render-mrkdwn.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A Block Kit text object (`mrkdwn` or `plain_text`) as HTML; '' when it is not one. */
export function renderTextObject(value: unknown, names: NameLookup = {}): string {
  if (!isRecord(value)) return '';
  const text = str(value.text);
  if (text === undefined) return '';
  return value.type === 'mrkdwn' ? renderMrkdwn(text, names) : renderPlainText(text);
}

function imagePlaceholder(element: Json): string {
  const alt = str(element.alt_text) ?? 'image';
  const url = safeHttpUrl(str(element.image_url) ?? '');
  const label = `<span class="img-ph" title="images are not loaded in the inbox">🖼 ${escapeHtml(alt)}</span>`;
  return url ? externalLink(url, label) : label;
}

/**
 * Slack's confirmation dialog for a button, as a closed `<dialog>` the page script opens before it sends the click
 * (`data-answer` on its two buttons). Its texts are the app's, escaped like every other text.
 */
function confirmDialog(confirm: unknown, names: NameLookup): string {
  if (!isRecord(confirm)) return '';
  const title = renderTextObject(confirm.title, names) || 'Are you sure?';
  const yes = renderTextObject(confirm.confirm, names) || 'Yes';
  const no = renderTextObject(confirm.deny, names) || 'Cancel';
  const yesStyle = confirm.style === 'danger' ? 'btn-danger' : 'btn-primary';
  return [
    '<dialog class="slack-confirm">',
    `<h4 class="confirm-title">${title}</h4>`,
    `<div class="confirm-text">${renderTextObject(confirm.text, names)}</div>`,
    '<div class="confirm-buttons">',
    `<button type="button" class="btn" data-answer="deny">${no}</button>`,
    `<button type="button" class="btn ${yesStyle}" data-answer="confirm">${yes}</button>`,
    '</div></dialog>',
  ].join('');
}

function button(element: Json, names: NameLookup): string {
  const label = renderTextObject(element.text, names) || escapeHtml(str(element.action_id) ?? 'button');
  const style = element.style === 'primary' || element.style === 'danger' ? ` btn-${element.style}` : '';
  const url = safeHttpUrl(str(element.url) ?? '');
  if (url) return externalLink(url, label, `btn${style}`);
  // A button without a URL posts back to the app: the page sends the `block_actions` payload Slack would (its
  // action id and value ride along as data attributes), after the confirm dialog when the button has one.
  const action = str(element.action_id);
  if (action === undefined) return `<span class="btn btn-inert${style}">${label}</span>`;
  const value = str(element.value);
  const data = [
    ` data-action-id="${escapeHtml(action)}"`,
    value !== undefined ? ` data-value="${escapeHtml(value)}"` : '',
  ].join('');
  return `<span class="slack-button"><button type="button" class="btn btn-action${style}" title="action: ${escapeHtml(action)}"${data}>${label}</button>${confirmDialog(element.confirm, names)}</span>`;
}

/** An interactive or context element (button, image, select, overflow, date picker, text). */
function element(value: unknown, names: NameLookup): string {
  if (!isRecord(value)) return '';
  switch (value.type) {
    case 'button':
      return button(value, names);
    case 'image':
      return imagePlaceholder(value);
    case 'mrkdwn':
    case 'plain_text':
      return `<span class="ctx-text">${renderTextObject(value, names)}</span>`;
    case 'overflow':
      return '<span class="btn btn-inert" title="overflow menu">⋯</span>';
    default: {
      const placeholder =
        renderTextObject(value.placeholder, names) || escapeHtml(str(value.type) ?? 'element');
      return `<span class="btn btn-inert select">${placeholder} ▾</span>`;
    }
  }
}

function richStyle(html: string, style: unknown): string {
  if (!isRecord(style)) return html;
  let out = html;
  if (style.code === true) out = `<code>${out}</code>`;
  if (style.bold === true) out = `<strong>${out}</strong>`;
  if (style.italic === true) out = `<em>${out}</em>`;
  if (style.strike === true) out = `<del>${out}</del>`;
  return out;
}

/** One inline element of a rich text section. */
function richInline(value: unknown, names: NameLookup): string {
  if (!isRecord(value)) return '';
  switch (value.type) {
    case 'text':
      return richStyle(renderPlainText(str(value.text) ?? ''), value.style);
    case 'link': {
      const url = safeHttpUrl(str(value.url) ?? '');
      const label = renderPlainText(str(value.text) ?? str(value.url) ?? '');
      return richStyle(url ? externalLink(url, label) : label, value.style);
    }
    case 'user': {
      const id = str(value.user_id) ?? '';
      return `<span class="mention">@${escapeHtml(names.userName?.(id) ?? id)}</span>`;
    }
    case 'channel': {
      const id = str(value.channel_id) ?? '';
      return `<span class="mention">#${escapeHtml(names.channelName?.(id) ?? id)}</span>`;
    }
    case 'broadcast':
      return `<span class="mention">@${escapeHtml(str(value.range) ?? 'here')}</span>`;
    case 'emoji': {
      const shortcode = `:${str(value.name) ?? ''}:`;
      const unicode = str(value.unicode);
      return unicode
        ? emojiSpan(String.fromCodePoint(...hexPoints(unicode)), shortcode)
        : emojiHtml(shortcode);
    }
    default:
      return '';
  }
}

function hexPoints(unicode: string): number[] {
  const points = unicode.split('-').map((part) => Number.parseInt(part, 16));
  return points.every((p) => Number.isInteger(p) && p >= 0 && p <= 0x10ffff) ? points : [0xfffd];
}

function richInlines(value: unknown, names: NameLookup): string {
  return list(isRecord(value) ? value.elements : undefined)
    .map((item) => richInline(item, names))
    .join('');
}

/** One element of a `rich_text` block: section, list, preformatted or quote. */
function richElement(value: unknown, names: NameLookup): string {
  if (!isRecord(value)) return '';
  switch (value.type) {
    case 'rich_text_section':
      return `<div>${richInlines(value, names)}</div>`;
    case 'rich_text_preformatted':
      return `<pre class="code">${richInlines(value, names)}</pre>`;
    case 'rich_text_quote':
      return `<blockquote>${richInlines(value, names)}</blockquote>`;
    case 'rich_text_list': {
      const tag = value.style === 'ordered' ? 'ol' : 'ul';
      const items = list(value.elements)
        .map((item) => `<li>${richInlines(item, names)}</li>`)
        .join('');
      return `<${tag}>${items}</${tag}>`;
    }
    default:
      return '';
  }
}

function section(block: Json, names: NameLookup): string {
  const text = renderTextObject(block.text, names);
  const fields = list(block.fields)
    .map((field) => `<div class="blk-field">${renderTextObject(field, names)}</div>`)
    .join('');
  const accessory =
    block.accessory === undefined
      ? ''
      : `<div class="blk-accessory">${element(block.accessory, names)}</div>`;
  return [
    `<div class="blk blk-section"${blockIdAttribute(block)}><div class="blk-main">`,
    text ? `<div class="blk-text">${text}</div>` : '',
    fields ? `<div class="blk-fields">${fields}</div>` : '',
    `</div>${accessory}</div>`,
  ].join('');
}

function imageBlock(block: Json, names: NameLookup): string {
  const title = renderTextObject(block.title, names);
  return `<figure class="blk blk-image">${title ? `<figcaption>${title}</figcaption>` : ''}${imagePlaceholder(block)}</figure>`;
}

/** The block's `block_id` as a data attribute (what a `block_actions` payload names), or ''. */
function blockIdAttribute(block: Json): string {
  const id = str(block.block_id);
  return id === undefined ? '' : ` data-block-id="${escapeHtml(id)}"`;
}

/** One block as HTML. Unknown block types are named, not dropped, so a formatter's mistake shows. */
export function renderBlock(block: unknown, names: NameLookup = {}): string {
  if (!isRecord(block)) return '<div class="blk blk-unknown">[not a block]</div>';
  switch (block.type) {
    case 'header':
      return `<h3 class="blk blk-header">${renderTextObject(block.text, names)}</h3>`;
    case 'section':
      return section(block, names);
    case 'divider':
      return '<hr class="blk blk-divider">';
    case 'context':
      return `<div class="blk blk-context">${list(block.elements)
        .map((item) => element(item, names))
        .join('')}</div>`;
    case 'actions':
      return `<div class="blk blk-actions"${blockIdAttribute(block)}>${list(block.elements)
        .map((item) => element(item, names))
        .join('')}</div>`;
    case 'image':
      return imageBlock(block, names);
    case 'rich_text':
      return `<div class="blk blk-rich">${list(block.elements)
        .map((item) => richElement(item, names))
        .join('')}</div>`;
    default:
      return `<div class="blk blk-unknown">[${escapeHtml(String(str(block.type) ?? 'untyped'))} block]</div>`;
  }
}

/** A message's blocks as HTML, in order. */
export function renderBlocks(blocks: readonly unknown[], names: NameLookup = {}): string {
  return blocks.map((block) => renderBlock(block, names)).join('');
}
