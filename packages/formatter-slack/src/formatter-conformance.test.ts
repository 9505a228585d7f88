import { NotificationTypes } from '@tqalert/core';
import { testFormatter } from '@tqalert/testkit';
import { SlackFormatter } from './slack-formatter.js';
import { visibleText } from './visible-text.js';

testFormatter(
  'SlackFormatter (guide constructor)',
  () => new SlackFormatter({}, {}, NotificationTypes.WATCHLIST),
  {
    types: [NotificationTypes.WATCHLIST, NotificationTypes.DATA_COLLECTION, NotificationTypes.FREE_FORM],
    textOf: visibleText,
  },
);

testFormatter(
  'SlackFormatter (digest split into a thread)',
  () => new SlackFormatter({ type: 'WATCHLIST', maxBlocks: 6 }),
  {
    types: [NotificationTypes.WATCHLIST],
    textOf: visibleText,
    batchSize: 60,
  },
);
