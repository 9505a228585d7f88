import { validateApproveCaseTakedown } from '@tqalert/izoologic-client';
import { idsActionCommand } from './ids-action.js';

export default idsActionCommand({
  name: 'approve-takedown',
  action: 'Approve Case Takedown',
  summary: 'approve incident cases for takedown (status Pending → Open; iZoologic sends email notifications)',
  verb: 'approved takedown of',
  validate: validateApproveCaseTakedown,
  call: (client, input) => client.approveCaseTakedown(input),
});
