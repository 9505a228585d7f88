import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';

/** A validated mailbox: `address` is `local@domain`, `name` the display name (may be empty). */
export interface MailAddress {
  name: string;
  address: string;
}

const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const EXAMPLE = 'expected name@domain, e.g. soc@example.com';

function hasControlCharacter(text: string): boolean {
  return Array.from(text).some((char) => {
    const code = char.codePointAt(0) ?? 0;
    return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029;
  });
}

/** What is wrong with a bare `local@domain`, or undefined when nothing is. */
function addressProblem(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at === -1) return `has no "@"; ${EXAMPLE}`;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!local) return `has nothing before the "@"; ${EXAMPLE}`;
  if (!domain) return `has no domain after the "@"; ${EXAMPLE}`;
  if (!LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return `has an invalid part before the "@" ("${local}"): use letters, digits and . _ + - ; ${EXAMPLE}`;
  }
  const labels = domain.split('.');
  const valid =
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    !/^\d+$/.test(labels.at(-1) ?? '');
  if (!valid) return `has an invalid domain ("${domain}"): expected a host name such as example.com`;
  return undefined;
}

/**
 * Parses one address, `soc@example.com` or `SOC Team <soc@example.com>`, or checks one given as
 * `{ name, address }`. Returns the mailbox, or the reason it is not one (said so that it can follow the quoted
 * value: `"bob@" has no domain after the "@"; …`).
 */
export function parseMailAddress(input: string | MailAddress): MailAddress | { problem: string } {
  const text = typeof input === 'string' ? input : `${input.name} ${input.address}`;
  if (!text.trim()) return { problem: `is empty; ${EXAMPLE}` };
  // Checked before parsing: a line break in an address is a header-injection attempt, not a typo to repair.
  if (hasControlCharacter(text))
    return { problem: 'contains a line break or control character; give one plain address' };
  let mailbox: MailAddress;
  if (typeof input === 'string') {
    const entries = addressparser(input);
    if (entries.length !== 1)
      return { problem: `holds ${entries.length} addresses; give each as its own list entry` };
    const [entry] = entries;
    if (!entry || entry.group) return { problem: 'is an address group; list the addresses themselves' };
    mailbox = { name: entry.name, address: entry.address.trim() };
  } else {
    mailbox = { name: input.name, address: input.address.trim() };
  }
  const problem = mailbox.address ? addressProblem(mailbox.address) : `has no address; ${EXAMPLE}`;
  return problem ? { problem } : mailbox;
}

/**
 * Splits an address list given as one string (`a@x.com, B <b@y.com>`) into one string per address, each as the
 * reader wrote it where possible, so that an error quotes recognisable text.
 */
export function splitAddressList(input: string): string[] {
  const entries = hasControlCharacter(input) ? [] : addressparser(input);
  // One entry (or text that must be reported whole): keep the original text.
  if (entries.length <= 1) return [input];
  return entries.map((entry) => {
    if (entry.group || !entry.address) return entry.group ? input : entry.name;
    return entry.name ? `${JSON.stringify(entry.name)} <${entry.address}>` : entry.address;
  });
}

/** One address, checked: the issue quotes the value and says what is wrong with it. */
export const MailAddressSchema = z
  .union([z.string(), z.strictObject({ name: z.string().default(''), address: z.string() })])
  .transform((value, context): MailAddress => {
    const parsed = parseMailAddress(value);
    if ('problem' in parsed) {
      context.addIssue({
        code: 'custom',
        message: `${JSON.stringify(value)} is not a valid email address: it ${parsed.problem}`,
      });
      return z.NEVER;
    }
    return parsed;
  });

/** A list of addresses: an array, or one string with commas (`a@x.com, b@y.com`); `required`: at least one. */
export function mailAddressList(required: boolean) {
  const list = z.array(MailAddressSchema);
  return z.preprocess(
    (value) => (typeof value === 'string' ? splitAddressList(value) : value),
    required ? list.min(1, 'give at least one recipient address') : list,
  );
}
