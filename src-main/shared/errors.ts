/**
 * A refusal the user must read: bad input, a rule of the office, a conflict. Its message is
 * Simplified Chinese and is shown as it is; nothing was changed when it is thrown.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
