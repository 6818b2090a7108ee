// The database's key and the secrets that open it (issue 18, item 5). The database is encrypted
// with one random 256-bit data key (db/open.ts, SQLite3MultipleCiphers). The key itself is never
// written in clear: the keyring file beside the database holds it wrapped once per secret (an
// operator's password, the recovery code), each wrapping AES-256-GCM under a key scrypt derives
// from that secret. Any one secret unwraps the data key; adding, replacing or removing a secret
// rewrites only this small file, never the database. The keyring travels with every backup
// (`<backup>.keys`), so that a backup opens with the same secrets as the database it came from.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../shared/errors';

/** The database key: 32 random bytes. */
export type DataKey = Buffer;

/** One wrapping of the data key, by one secret. */
export interface KeyringEntry {
  /** `operator:<name>` or `recovery`. */
  label: string;
  /** scrypt's cost parameters and salt (https://nodejs.org/api/crypto.html#cryptoscryptpassword-salt-keylen-options-callback). */
  scrypt: { N: number; r: number; p: number; salt: string };
  /** AES-256-GCM: nonce, tag and the wrapped key, base64; the label is its additional data. */
  iv: string;
  tag: string;
  wrapped: string;
  addedAt: string;
}

export interface Keyring {
  format: 'retiree-office-keyring';
  version: 1;
  /** HMAC-SHA256 of a fixed text under the data key: tells a key of this keyring from another, and says nothing of it. */
  check: string;
  entries: KeyringEntry[];
  /**
   * Failed log-ins while the database is still closed (app/desk.ts), by label: counted here, beside
   * the database, so that closing and starting the program again does not start the wait over.
   */
  attempts?: Record<string, { failures: number; nextAttemptAt: string | null }>;
}

function keyCheck(key: DataKey): string {
  return crypto.createHmac('sha256', key).update('retiree-office keyring check').digest('base64');
}

/** Where a database's keyring is kept: beside it, with `.keys` added to its name. */
export function keyringFile(dbFile: string): string {
  return `${dbFile}.keys`;
}

export const RECOVERY_LABEL = 'recovery';

export function operatorLabel(name: string): string {
  return `operator:${name}`;
}

/** A label in words for messages. */
export function describeLabel(label: string): string {
  return label === RECOVERY_LABEL
    ? '恢复码'
    : label.startsWith('operator:')
      ? `操作员“${label.slice(9)}”的密码`
      : label;
}

// 64 MiB and about a fifth of a second a try on an office PC: slow for guessing, quick for a log-in.
const SCRYPT = { N: 2 ** 16, r: 8, p: 1 } as const;
const SCRYPT_MAXMEM = 256 * 1024 * 1024;

function derive(secret: string, s: KeyringEntry['scrypt']): Buffer {
  return crypto.scryptSync(secret.normalize('NFC'), Buffer.from(s.salt, 'base64'), 32, {
    N: s.N,
    r: s.r,
    p: s.p,
    maxmem: SCRYPT_MAXMEM,
  });
}

/** What is wrapped under a label: the recovery code as typed (case, spaces and dashes do not matter), a password as it is. */
function secretOf(label: string, secret: string): string {
  return label === RECOVERY_LABEL ? normaliseRecoveryCode(secret) : secret;
}

function seal(key: DataKey, label: string, wrapping: Buffer, scrypt: KeyringEntry['scrypt']): KeyringEntry {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', wrapping, iv);
  cipher.setAAD(Buffer.from(label, 'utf8'));
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    label,
    scrypt,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrapped: wrapped.toString('base64'),
    addedAt: new Date().toISOString(),
  };
}

function wrap(key: DataKey, label: string, secret: string): KeyringEntry {
  const scrypt = { ...SCRYPT, salt: crypto.randomBytes(16).toString('base64') };
  return seal(key, label, derive(secretOf(label, secret), scrypt), scrypt);
}

/** As wrap, scrypt off the main thread (a password set while the window waits). */
export async function wrapAsync(key: DataKey, label: string, secret: string): Promise<KeyringEntry> {
  checkSecret(secret);
  const scrypt = { ...SCRYPT, salt: crypto.randomBytes(16).toString('base64') };
  const wrapping = await new Promise<Buffer>((resolve, reject) =>
    crypto.scrypt(
      secretOf(label, secret).normalize('NFC'),
      Buffer.from(scrypt.salt, 'base64'),
      32,
      { N: scrypt.N, r: scrypt.r, p: scrypt.p, maxmem: SCRYPT_MAXMEM },
      (e, k) => (e ? reject(e) : resolve(k)),
    ),
  );
  return seal(key, label, wrapping, scrypt);
}

/** The data key, if `secret` is this entry's; null otherwise (GCM's tag does not match). */
function unwrap(entry: KeyringEntry, secret: string): DataKey | null {
  try {
    const decipher = crypto.createDecipheriv(
      'aes-256-gcm',
      derive(secretOf(entry.label, secret), entry.scrypt),
      Buffer.from(entry.iv, 'base64'),
    );
    decipher.setAAD(Buffer.from(entry.label, 'utf8'));
    decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(entry.wrapped, 'base64')), decipher.final()]);
    return key.length === 32 ? key : null;
  } catch {
    return null;
  }
}

function checkSecret(secret: string): void {
  if (secret.length < 6) throw new UserError('invalid_input', '密码至少 6 个字符');
}

/**
 * A new data key and a keyring holding it wrapped by each secret given. A keyring with none is a
 * new database's before its first administrator is set up (app/desk.ts): the key is then only in
 * the memory of the program that made it.
 */
export function createKeyring(secrets: { label: string; secret: string }[]): { key: DataKey; keyring: Keyring } {
  secrets.forEach((s) => checkSecret(s.secret));
  const key = crypto.randomBytes(32);
  const entries = secrets.map((s) => wrap(key, s.label, s.secret));
  return { key, keyring: { format: 'retiree-office-keyring', version: 1, check: keyCheck(key), entries } };
}

/**
 * The data key, unwrapped by `secret` (the entry named `label` only, when given). A wrong secret
 * is refused in Chinese; nothing is changed.
 */
export function unlockKeyring(keyring: Keyring, secret: string, label?: string): DataKey {
  const entries = label === undefined ? keyring.entries : keyring.entries.filter((e) => e.label === label);
  if (label !== undefined && entries.length === 0) {
    throw new UserError('wrong_password', `没有${describeLabel(label)}：这个数据库的密钥中没有这一项。未作任何改动`);
  }
  for (const entry of entries) {
    const key = unwrap(entry, secret);
    if (key && keyCheck(key) === keyring.check) return key;
  }
  throw new UserError(
    'wrong_password',
    label === undefined
      ? '密码或恢复码不正确，数据库未打开，未作任何改动'
      : `${describeLabel(label)}不正确，数据库未打开，未作任何改动`,
  );
}

/** The keyring with `label`'s secret set (added, or replacing the one it had); the key must be the keyring's own. */
export function setSecret(keyring: Keyring, key: DataKey, label: string, secret: string): Keyring {
  checkSecret(secret);
  const others = keyring.entries.filter((e) => e.label !== label);
  // The key given must be the one the keyring holds: a key from elsewhere would lock the data out.
  if (keyring.check !== keyCheck(key)) throw new UserError('wrong_key', '这个密钥不属于这个数据库，密码未更改');
  return { ...keyring, entries: [...others, wrap(key, label, secret)] };
}

/** The keyring without `label`'s secret; the last secret cannot go (the data would open with nothing). */
export function removeSecret(keyring: Keyring, label: string): Keyring {
  const entries = keyring.entries.filter((e) => e.label !== label);
  if (entries.length === keyring.entries.length)
    throw new UserError('not_found', `没有${describeLabel(label)}，未作任何改动`);
  if (entries.length === 0) throw new UserError('in_use', '这是最后一个能打开数据库的密码，不能删除，未作任何改动');
  return { ...keyring, entries };
}

/**
 * The recovery code as typed, for its wrapping: letters and digits only, upper case (the code
 * itself is made by operators/operators.ts, newRecoveryCode, and kept there as a hash too).
 */
export function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function readKeyring(file: string): Keyring | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return null;
    throw e;
  }
  let parsed: Keyring;
  try {
    parsed = JSON.parse(text) as Keyring;
  } catch {
    parsed = {} as Keyring;
  }
  if (parsed.format !== 'retiree-office-keyring' || !Array.isArray(parsed.entries)) {
    throw new UserError('bad_file', `密钥文件已损坏或不是本程序的密钥文件（${file}），未作任何改动`);
  }
  return parsed;
}

/** Writes the keyring through a temporary file and a rename, readable by its owner only. */
export function writeKeyring(file: string, keyring: Keyring): void {
  const tmp = `${file}.tmp`;
  fs.rmSync(tmp, { force: true });
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, `${JSON.stringify(keyring, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** Copies a database's keyring beside a copy of it (a backup), owner-only. */
export function copyKeyring(fromDb: string, toDb: string): void {
  const ring = readKeyring(keyringFile(fromDb));
  if (ring) writeKeyring(keyringFile(toDb), ring);
}

/** On Linux and macOS, a file only its owner reads (0600 or less), a folder only its owner enters (0700). */
export function makePrivate(p: string, kind: 'file' | 'dir'): void {
  if (process.platform === 'win32') return;
  try {
    const mode = fs.statSync(p).mode & 0o777;
    const wanted = mode & (kind === 'dir' ? 0o700 : 0o600);
    if (wanted !== mode) fs.chmodSync(p, wanted);
  } catch {
    // Gone, not ours, or a read-only file system: said elsewhere (db/open.ts, readOnlyProblem).
  }
}

/** mkdir -p: the folder private, and every folder above it that this call made. */
export function makePrivateDir(dir: string): void {
  const first = fs.mkdirSync(dir, { recursive: true, mode: 0o700 }) ?? dir;
  for (let d = dir; d.length >= first.length && d !== path.dirname(d); d = path.dirname(d)) makePrivate(d, 'dir');
}

/**
 * The keyring of an open, encrypted database, as the operators see it (operators/operators.ts,
 * through the Store): the data key is in memory while the database is open, so a password set
 * wraps it again under the operator's label, and an operator deactivated loses their entry.
 */
export class KeyringHandle {
  constructor(
    private readonly dbFile: string,
    private readonly key: DataKey,
  ) {}

  private read(): Keyring {
    const ring = readKeyring(keyringFile(this.dbFile));
    if (!ring) {
      throw new UserError('not_found', `找不到数据库的密钥文件（${keyringFile(this.dbFile)}），未作任何改动`);
    }
    if (ring.check !== keyCheck(this.key)) throw new UserError('wrong_key', '密钥文件不属于这个数据库，未作任何改动');
    return ring;
  }

  has(label: string): boolean {
    return this.read().entries.some((e) => e.label === label);
  }

  /** The key wrapped by `secret` for `label` (scrypt off the main thread); `put` writes it. */
  wrap(label: string, secret: string): Promise<KeyringEntry> {
    return wrapAsync(this.key, label, secret);
  }

  /** Writes `entry` in place of its label's (and the failed log-ins of that label are forgotten). */
  put(entry: KeyringEntry): void {
    const ring = this.read();
    const attempts = { ...ring.attempts };
    delete attempts[entry.label];
    writeKeyring(keyringFile(this.dbFile), {
      ...ring,
      attempts,
      entries: [...ring.entries.filter((e) => e.label !== entry.label), entry],
    });
  }

  /** Removes `label`'s entry, when there is one; the last entry stays (removeSecret). */
  remove(label: string): void {
    const ring = this.read();
    if (ring.entries.some((e) => e.label === label)) writeKeyring(keyringFile(this.dbFile), removeSecret(ring, label));
  }
}
