import { NotificationTypes } from '@tqalert/core';
import { testFormatter } from '@tqalert/testkit';
import { EmailFormatter } from './email-formatter.js';
import type { EmailMessage } from './email-message.js';

// The suite looks for titles in, and hostile markup absent from, what a reader sees rendered: the HTML of every
// part. The subject and the text/plain alternative show `<script>` as the literal text it is (they are not
// markup), so they are left out here; escaping-specific tests cover them.
const htmlOf = (messages: EmailMessage[]): string => messages.map((message) => message.html).join('\n');

const types = [NotificationTypes.WATCHLIST, NotificationTypes.DATA_COLLECTION, NotificationTypes.FREE_FORM];

testFormatter('EmailFormatter', () => new EmailFormatter(NotificationTypes.WATCHLIST), {
  types,
  textOf: htmlOf,
});

testFormatter(
  'EmailFormatter, split into parts',
  () => new EmailFormatter(NotificationTypes.DATA_COLLECTION, { maxHtmlBytes: 30_000 }),
  { types, textOf: htmlOf, batchSize: 300 },
);
