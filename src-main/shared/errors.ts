/**
 * Every code a refusal can carry, to the renderer, the CLI and the tests. A code says what kind of
 * refusal it is, so that a caller can act on it (a conflict shows the fields someone else changed,
 * needs_confirmation asks to save anyway); the message says the rest, in Chinese. One list, so that
 * a code cannot be misspelt at one end and looked for at the other.
 */
export const ERROR_CODES = [
  // the input: its schema (the router), or a rule of the office (the domains)
  'invalid_input',
  'invalid_amount',
  'invalid_id',
  'invalid_unit',
  'needs_confirmation',
  'illegal_move',
  'immutable',
  'in_use',
  'no_policy',
  'duplicate',
  'duplicate_invoice',
  'already_undone',
  'not_found',
  /** A save over a change someone else made since the form was loaded (audit/edits.ts). */
  'conflict',
  // files handed to an import, a backup to restore
  'bad_file',
  'unsupported_file',
  'no_header',
  'not_a_roster',
  'too_large',
  'bad_backup',
  'backup_failed',
  'restore_failed',
  // the import wizard's background process
  'expired',
  'cancelled',
  // the app's state and its storage (db/open.ts storageProblem)
  'not_configured',
  'cannot_open',
  /** A database written by a newer version of the program (db/migrate.ts): opened by nothing, changed by nothing. */
  'database_too_new',
  // the encryption at rest (db/keyring.ts, db/open.ts)
  /** A password or recovery code that opens no entry of the keyring. */
  'wrong_password',
  /** The database does not open with the key (another database's key, or its first page changed). */
  'wrong_key',
  /** An encrypted database opened without its key. */
  'locked',
  /** A plain database opened with a key (not yet encrypted). */
  'not_encrypted',
  'busy',
  'disk_full',
  'read_only',
  'damaged',
  // the transports: the router, the harness, the IPC bridge, the renderer, the CLI
  'unknown_method',
  'forbidden',
  'timeout',
  'offline',
  'usage',
  'exists',
  /** A fault no rule names (a bug): logged, and the user told that nothing was changed. */
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A refusal as it travels: its code, its message in Chinese, and what the caller may show beside it. */
export interface RpcError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/**
 * A refusal the user must read: bad input, a rule of the office, a conflict. Its message is
 * Simplified Chinese and is shown as it is; nothing was changed when it is thrown.
 */
export class UserError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
