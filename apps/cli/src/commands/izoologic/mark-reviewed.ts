import { validateMarkAsReviewed } from '@tqalert/izoologic-client';
import { idsActionCommand } from './ids-action.js';

export default idsActionCommand({
  name: 'mark-reviewed',
  action: 'Mark As Reviewed',
  summary: 'mark incident or monitoring cases as reviewed',
  verb: 'marked as reviewed',
  validate: validateMarkAsReviewed,
  call: (client, input) => client.markAsReviewed(input),
});
