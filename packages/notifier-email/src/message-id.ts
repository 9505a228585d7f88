import { createHash } from 'node:crypto';

/**
 * A Message-ID derived from the delivery's idempotency key and the part number. A retry after an ambiguous failure
 * (the server took the message but the connection dropped before its 250) sends the same Message-ID again, and
 * mail systems that de-duplicate by Message-ID show it once.
 */
export function stableMessageId(idempotencyKey: string, part: number, senderAddress: string): string {
  const domain = senderAddress.slice(senderAddress.lastIndexOf('@') + 1) || 'tqalert.invalid';
  const digest = createHash('sha256').update(`${idempotencyKey}\u0000${part}`).digest('hex').slice(0, 40);
  return `<${digest}.${part}@${domain}>`;
}
