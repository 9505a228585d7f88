import { idsActionCommand } from './ids-action.js';

export default idsActionCommand({
  name: 'mark-reviewed',
  action: 'markAsReviewed',
  summary: 'mark incident or monitoring cases as reviewed',
});
