import { idsActionCommand } from './ids-action.js';

export default idsActionCommand({
  name: 'approve-takedown',
  action: 'approveCaseTakedown',
  summary: 'approve incident cases for takedown (status Pending → Open; iZoologic sends email notifications)',
});
