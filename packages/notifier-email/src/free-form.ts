import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { ValidationError } from '@tqalert/core';
import { headerSafe } from '@tqalert/formatter-email';
import type { SendMailOptions } from 'nodemailer';
import { z } from 'zod';
import { type MailAddress, MailAddressSchema, mailAddressList } from './email-address.js';
import { issuesOf } from './schema-issues.js';

/** One attachment of a free-form email: a file to read, or the bytes themselves. */
export interface FreeFormAttachment {
  /** Name shown to the reader. Default for `path`: the file's name; required with `content`. */
  filename?: string;
  /** File to attach, read when the email is prepared (relative paths from the current directory). */
  path?: string;
  /** The attachment's bytes or text. */
  content?: string | Uint8Array;
  /** MIME type, e.g. `text/csv`. Default: guessed from the file name. */
  contentType?: string;
}

/** A free-form email (the guide's 1.5.0 feature): any subject and body, to any recipients, with attachments. */
export interface FreeFormEmail {
  /** Sender; default: the notifier's (or `sendEmail` options') `from`. */
  from?: string;
  to: string | string[];
  cc?: string | string[];
  bcc?: string | string[];
  replyTo?: string;
  /** One line; control characters are replaced. At most 998 characters. */
  subject: string;
  /** Plain-text body. At least one of `text` and `html`. */
  text?: string;
  /** HTML body, sent as given (it is yours, not upstream data). */
  html?: string;
  attachments?: FreeFormAttachment[];
}

/** The result of a send as {@link FreeFormResult}. */
export function freeFormResult(info: {
  messageId: string;
  accepted: unknown;
  rejected: unknown;
}): FreeFormResult {
  return {
    messageId: info.messageId,
    accepted: addressesOf(info.accepted),
    rejected: addressesOf(info.rejected),
  };
}

/** Addresses as nodemailer reports them (strings, or `{ address }` objects) as plain strings. */
export function addressesOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((entry) =>
    typeof entry === 'string' ? entry : String((entry as { address?: unknown }).address),
  );
}

/** What the server did with a free-form email. */
export interface FreeFormResult {
  messageId: string;
  /** Recipients the server accepted. */
  accepted: string[];
  /** Recipients the server refused while accepting the others. */
  rejected: string[];
}

const MAX_SUBJECT = 998;

const AttachmentSchema = z
  .strictObject({
    filename: z.string().min(1).optional(),
    path: z.string().min(1).optional(),
    content: z.union([z.string(), z.instanceof(Uint8Array)]).optional(),
    contentType: z
      .string()
      .regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type such as text/csv or application/pdf')
      .optional(),
  })
  .superRefine((attachment, context) => {
    if ((attachment.path === undefined) === (attachment.content === undefined)) {
      context.addIssue({
        code: 'custom',
        message: 'give exactly one of path (a file) or content (the bytes)',
      });
    }
    if (attachment.content !== undefined && !attachment.filename) {
      context.addIssue({
        code: 'custom',
        path: ['filename'],
        message: 'is required with content: the name the reader sees',
      });
    }
  });

const FreeFormSchema = z
  .strictObject({
    from: MailAddressSchema.optional(),
    to: mailAddressList(true),
    cc: mailAddressList(false).default([]),
    bcc: mailAddressList(false).default([]),
    replyTo: MailAddressSchema.optional(),
    subject: z
      .string()
      .transform((value) => headerSafe(value))
      .pipe(
        z
          .string()
          .min(1, 'is empty: give the email a subject')
          .max(MAX_SUBJECT, `is longer than ${MAX_SUBJECT} characters: shorten it (nothing is cut silently)`),
      ),
    text: z.string().optional(),
    html: z.string().optional(),
    attachments: z.array(AttachmentSchema).default([]),
  })
  .superRefine((email, context) => {
    if (!email.text && !email.html)
      context.addIssue({ code: 'custom', path: ['text'], message: 'give text, html or both' });
  });

/** How a file error reads after `file "<path>"`. */
const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'does not exist',
  EACCES: 'cannot be read (permission denied)',
  EPERM: 'cannot be read (permission denied)',
  EISDIR: 'is not a file',
  ENOTFILE: 'is not a file',
};

async function readAttachment(
  attachment: z.output<typeof AttachmentSchema>,
  index: number,
): Promise<NonNullable<SendMailOptions['attachments']>[number]> {
  const base = {
    ...(attachment.contentType ? { contentType: attachment.contentType } : {}),
  };
  if (attachment.content !== undefined) {
    const content =
      typeof attachment.content === 'string' ? attachment.content : Buffer.from(attachment.content);
    return { ...base, filename: headerSafe(attachment.filename ?? ''), content };
  }
  const path = resolve(attachment.path ?? '');
  const where = `attachments[${index}].path`;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    return {
      ...base,
      filename: headerSafe(attachment.filename ?? basename(path)),
      content: await readFile(path),
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    const reason = FILE_PROBLEMS[code] ?? `cannot be read (${code})`;
    throw new ValidationError(
      `Free-form email: ${where}: file ${JSON.stringify(path)} ${reason}; check the path, or pass the bytes as content`,
      [{ path: where, message: `file ${JSON.stringify(path)} ${reason}` }],
      { code: 'EMAIL_ATTACHMENT_UNREADABLE', cause: error },
    );
  }
}

/**
 * Validates a free-form email and reads its attachments, giving nodemailer's message. Throws a
 * {@link ValidationError} naming every bad field (`to[1]`, `subject`, `attachments[0].path`).
 */
export async function prepareFreeForm(
  input: FreeFormEmail,
  defaultFrom: MailAddress,
): Promise<SendMailOptions> {
  const result = FreeFormSchema.safeParse(input);
  if (!result.success) {
    const issues = issuesOf(result.error);
    throw new ValidationError(
      `Invalid free-form email: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      issues,
      { code: 'EMAIL_INVALID' },
    );
  }
  const email = result.data;
  const attachments = await Promise.all(email.attachments.map(readAttachment));
  return {
    from: email.from ?? defaultFrom,
    to: email.to,
    cc: email.cc,
    bcc: email.bcc,
    ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    subject: email.subject,
    ...(email.text ? { text: email.text } : {}),
    ...(email.html ? { html: email.html } : {}),
    attachments,
  };
}
