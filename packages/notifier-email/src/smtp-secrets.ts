import { Redactor } from '@tqalert/core';

/**
 * A redactor that knows the SMTP password in every form it travels in: as is (AUTH LOGIN sends it base64 on its
 * own line) and inside the base64 of AUTH PLAIN (`\0user\0pass`).
 */
export function smtpRedactor(
  auth: { user: string; pass: string } | undefined,
  base: Redactor = new Redactor(),
): Redactor {
  if (!auth) return base;
  const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
  return base.add(
    auth.pass,
    b64(auth.pass),
    b64(`\0${auth.user}\0${auth.pass}`),
    b64(`${auth.user}\0${auth.user}\0${auth.pass}`),
  );
}
