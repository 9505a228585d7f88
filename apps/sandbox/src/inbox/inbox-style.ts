// The inbox page's stylesheet (inline in the page: it loads nothing from elsewhere).
import { DEFANGED_CSS } from './defanged-text.js';

/** The page's CSS. */
export const INBOX_STYLE = `
:root { color-scheme: light; --bg: #f4f4f6; --card: #fff; --ink: #1d1c1d; --muted: #616061; --line: #e2e2e6;
  --link: #1264a3; --accent: #4a154b; --ok: #2eb67d; --warn: #e8912d; --danger: #e01e5a; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.46 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif,
  "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"; color: var(--ink); background: var(--bg); }
a { color: var(--link); }
.top { display: flex; align-items: center; gap: 16px; padding: 10px 20px; background: var(--accent); color: #fff; }
.top h1 { font-size: 18px; margin: 0; }
.status { font-size: 12px; padding: 2px 8px; border-radius: 10px; background: var(--ok); }
.status.down { background: var(--danger); }
.counts { margin-left: auto; font-size: 13px; opacity: .9; }
.standins { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 6px 20px; font-size: 12px; color: var(--muted);
  background: #fff; border-bottom: 1px solid var(--line); }
.standins b { color: var(--ink); font-weight: 600; }
main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 20px; padding: 16px 20px; }
/* Three columns when there is room; else the iZoologic panel takes a row of its own under Slack and Email. */
main > .col-izoo { grid-column: 1 / -1; }
@media (min-width: 1400px) {
  main { grid-template-columns: minmax(0, 1.15fr) minmax(0, 1fr) minmax(0, .85fr); }
  main > .col-izoo { grid-column: auto; }
}
@media (max-width: 900px) { main { grid-template-columns: minmax(0, 1fr); } }
h2 { font-size: 16px; margin: 0 0 10px; }
.empty { color: var(--muted); font-style: italic; padding: 12px 0; }
.channel { margin-bottom: 18px; }
.channel-name { font-size: 15px; margin: 0 0 6px; }
.channel-name .count, .omitted { color: var(--muted); font-weight: 400; font-size: 12px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; margin-bottom: 10px; }
.msg-head { display: flex; gap: 8px; align-items: baseline; font-size: 12px; color: var(--muted); margin-bottom: 4px; }
.who { font-weight: 700; color: var(--ink); font-size: 14px; }
.edited { font-style: italic; }
.replica { border: 1px solid var(--line); border-radius: 8px; padding: 0 6px; }
.blk { margin: 4px 0; }
.blk-header { font-size: 17px; margin: 6px 0; }
.blk-section { display: flex; gap: 12px; align-items: flex-start; }
.blk-main { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.blk-fields { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 16px; margin-top: 6px; }
.blk-context { display: flex; flex-wrap: wrap; gap: 4px 10px; font-size: 12px; color: var(--muted); }
.blk-divider { border: 0; border-top: 1px solid var(--line); margin: 10px 0; }
.blk-actions { display: flex; flex-wrap: wrap; gap: 8px; }
.blk-unknown, .warn { color: var(--warn); font-size: 12px; }
.btn { display: inline-block; padding: 3px 12px; border: 1px solid #bbb; border-radius: 4px; font-size: 13px;
  font-weight: 600; color: var(--ink); text-decoration: none; background: #fff; }
.btn-primary { background: #007a5a; border-color: #007a5a; color: #fff; }
.btn-danger { background: var(--danger); border-color: var(--danger); color: #fff; }
.btn-inert { opacity: .75; cursor: default; }
.img-ph { display: inline-block; padding: 2px 6px; border: 1px dashed #bbb; border-radius: 4px; font-size: 12px; }
.mention { background: #e8f5fa; color: var(--link); border-radius: 3px; padding: 0 2px; }
code { font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; background: #f6f6f6; border: 1px solid var(--line);
  border-radius: 3px; padding: 0 3px; color: #c01343; }
pre { font: 12px/1.45 ui-monospace, Menlo, Consolas, monospace; background: #f8f8f8; border: 1px solid var(--line);
  border-radius: 4px; padding: 8px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0; }
blockquote { margin: 4px 0; padding-left: 10px; border-left: 4px solid #ddd; color: #444; }
.fallback, .mail-text { font-size: 12px; color: var(--muted); margin-top: 6px; }
.fallback summary, .mail-text summary { cursor: pointer; }
.thread { margin: 8px 0 0 14px; padding-left: 12px; border-left: 3px solid var(--line); }
.thread-count { font-size: 12px; color: var(--link); font-weight: 600; }
.reply { padding: 6px 0; border-top: 1px dashed var(--line); }
.earlier > summary { list-style: none; cursor: pointer; font-size: 12px; font-weight: 600; color: var(--link);
  padding: 4px 0; }
.earlier > summary::-webkit-details-marker { display: none; }
.earlier[open] > summary .when-closed, .earlier:not([open]) > summary .when-open { display: none; }
time { cursor: help; }
/* Emoji: the glyph, or (no colour emoji font on this system, see the page script) its shortcode as a chip. */
.emoji-sc, .no-emoji-font .emoji::after { display: inline-block; font: 11px/1.5 ui-monospace, Menlo, Consolas, monospace;
  color: var(--muted); background: #f1f1f4; border: 1px solid var(--line); border-radius: 8px; padding: 0 5px;
  vertical-align: 1px; }
.no-emoji-font .emoji { font-size: 0; }
.no-emoji-font .emoji::after { content: attr(data-sc); }
.mail-subject { font-size: 16px; margin: 2px 0 6px; }
.mail-headers { display: grid; grid-template-columns: max-content 1fr; gap: 0 10px; font-size: 13px; margin: 0 0 8px; }
.mail-headers dt { color: var(--muted); }
.mail-headers dd { margin: 0; overflow-wrap: anywhere; }
.mail-html { display: block; width: 100%; height: 160px; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
.izoo-title { font-size: 14px; margin: 4px 0 6px; }
.izoo-title .count { color: var(--muted); font-weight: 400; font-size: 12px; }
.izoo-actions, .izoo-cases, .izoo-history { list-style: none; margin: 0 0 10px; padding: 0; }
.izoo-action, .izoo-case { padding: 6px 0; border-top: 1px dashed var(--line); font-size: 13px; }
.izoo-case-head { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
.izoo-what { font-weight: 700; }
.izoo-action time, .izoo-event time { font-size: 12px; color: var(--muted); }
.izoo-type, .izoo-reviewed, .izoo-client { color: var(--muted); font-size: 12px; }
.izoo-status { font-size: 12px; font-weight: 600; padding: 0 7px; border-radius: 9px; background: #eee; }
.st-open { background: #d9f2e6; color: #00603c; }
.st-pending, .st-waiting { background: #fdf0d9; color: #8a5300; }
.st-closed { background: #e6e6ea; color: #444; }
.st-under-review { background: #e3eefa; color: #0b4f8a; }
.izoo-history { margin: 4px 0 0 12px; padding-left: 10px; border-left: 3px solid var(--line); }
.izoo-event { padding: 2px 0; font-size: 12px; }
.izoo-fields { display: grid; grid-template-columns: max-content 1fr; gap: 0 8px; margin: 2px 0 0; font-size: 12px; }
.izoo-fields dt { color: var(--muted); }
.izoo-fields dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
/* Acting in Slack: the buttons, Slack's confirm dialog, modals and ephemeral messages. */
.acting { font-size: 12px; opacity: .9; }
.acting select { font: inherit; font-size: 12px; border-radius: 4px; border: 0; padding: 1px 4px; }
.btn-action { cursor: pointer; font: inherit; font-size: 13px; font-weight: 600; }
.btn-action:hover { filter: brightness(.95); }
.btn-action[aria-busy="true"] { opacity: .6; cursor: progress; }
button.btn { cursor: pointer; font-family: inherit; }
.slack-confirm, .modal { border: 0; border-radius: 8px; padding: 16px 20px; width: min(480px, 92vw);
  box-shadow: 0 18px 48px rgba(0, 0, 0, .35); background: #fff; }
.slack-confirm::backdrop { background: rgba(0, 0, 0, .45); }
.confirm-title, .modal-title { margin: 0 0 10px; font-size: 18px; }
.confirm-buttons, .modal-buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 16px; }
.modal-backdrop { position: fixed; inset: 0; background: rgba(0, 0, 0, .45); display: flex; align-items: center;
  justify-content: center; z-index: 10; }
.modal { max-height: 90vh; overflow: auto; }
.modal-input { margin: 10px 0; }
.modal-input label { display: block; font-weight: 700; margin-bottom: 4px; }
.modal-input .optional { font-weight: 400; color: var(--muted); }
.modal-input input, .modal-input textarea, .modal-input select { width: 100%; font: inherit; padding: 6px 8px;
  border: 1px solid #bbb; border-radius: 4px; }
.modal-input.has-error input, .modal-input.has-error textarea, .modal-input.has-error select { border-color: var(--danger); }
.hint { font-size: 12px; color: var(--muted); margin-top: 2px; }
.modal-error { color: var(--danger); font-size: 13px; margin-top: 4px; }
.modal-error:empty { display: none; }
.ephemeral { border-style: dashed; background: #fbfbfd; }
.only-you { font-size: 12px; color: var(--muted); font-style: italic; }
.notice { position: fixed; right: 20px; bottom: 20px; max-width: 420px; padding: 10px 14px; border-radius: 6px;
  background: var(--ink); color: #fff; font-size: 13px; z-index: 20; box-shadow: 0 8px 24px rgba(0, 0, 0, .3); }
.notice.bad { background: var(--danger); }
${DEFANGED_CSS}
`;
