import { TQAlertError } from '@tqalert/core';

/** A wrong flag or value: exit code 2. The message names the flag and what it takes. */
export class UsageError extends TQAlertError {
  constructor(message: string) {
    super('USAGE', message);
    this.name = 'UsageError';
  }
}
