// The office's operators (issue 18): local accounts, each with a role (shared/permissions.ts) and a
// password kept only as a scrypt hash (node:crypto, https://nodejs.org/api/crypto.html#cryptoscryptpassword-salt-keylen-options-callback)
// with its own salt and parameters. Failed sign-ins slow the next attempt; an operator is
// deactivated, never deleted (every audit row names them). A recovery code, shown once at the
// first start and kept only as a hash, resets an administrator's password.
//
// Every password is set in ONE place, `setPassword` (first start, a new operator, a change, a
// reset, a recovery): on an encrypted database it also wraps the data key under the operator's
// label in the keyring beside it (db/keyring.ts, which the Store hands over with the key in
// memory), so that the password that signs in is the password that opens the file. A deactivated
// operator's entry is removed; a new recovery code replaces the recovery entry.
import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { SignedInOperator, OperatorView } from '../contract/operators';
import { normaliseRecoveryCode, operatorLabel, RECOVERY_LABEL } from '../db/keyring';
import type { Store } from '../db/store';
import { nowIso, writeAudit } from '../audit/audit';
import { getOfficeSettings, readSetting, saveOfficeSettings, writeSetting } from '../settings/settings';
import { UserError } from '../shared/errors';
import { ROLE_LABELS, ROLES, type Role } from '../shared/permissions';

/**
 * scrypt's cost: N = 2^15, r = 8, p = 1 (32 MB, about 0.1 s), OWASP's minimum for scrypt
 * (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#scrypt).
 * Stored with each hash, so that a later, higher cost leaves older hashes readable.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

function scryptAsync(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, KEY_BYTES, { ...options, maxmem: 256 * options.N! * options.r! }, (e, key) =>
      e ? reject(e) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64): the hash with what it takes to check it again. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptAsync(secret, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export const MIN_PASSWORD = 8;

/** Refuses a password that is too easy, in words. */
function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD) throw new UserError('invalid_input', `密码至少 ${MIN_PASSWORD} 位`);
  if (/^(.)\1*$/u.test(password)) throw new UserError('invalid_input', '密码不能全是同一个字符');
}

interface OperatorRow {
  id: number;
  name: string;
  role: string;
  password_hash: string;
  active: number;
  created_at: string;
  changed_at: string;
  failed_attempts: number;
  next_attempt_at: string | null;
}

function rowById(store: Store, id: number): OperatorRow | undefined {
  return store.prepare('SELECT * FROM operators WHERE id = ?').get(id) as OperatorRow | undefined;
}

function rowByName(store: Store, name: string): OperatorRow | undefined {
  return store.prepare('SELECT * FROM operators WHERE name = ?').get(name.trim()) as OperatorRow | undefined;
}

function view(r: OperatorRow): OperatorView {
  return {
    id: r.id,
    name: r.name,
    role: r.role as Role,
    roleLabel: ROLE_LABELS[r.role as Role],
    active: r.active === 1,
    createdAt: r.created_at,
    changedAt: r.changed_at,
  };
}

/** What the audit log keeps of an operator: never the hash. */
function snapshot(r: OperatorRow) {
  return { name: r.name, role: ROLE_LABELS[r.role as Role], active: r.active === 1 };
}

export function hasOperators(store: Store): boolean {
  return store.prepare('SELECT 1 FROM operators LIMIT 1').get() !== undefined;
}

export function listOperators(store: Store): OperatorView[] {
  return (store.prepare('SELECT * FROM operators ORDER BY id').all() as OperatorRow[]).map(view);
}

/** The operator as signed in now: null when gone or deactivated since. */
export function signedInOperator(store: Store, id: number): SignedInOperator | null {
  const r = rowById(store, id);
  return r && r.active === 1 ? { id: r.id, name: r.name, role: r.role as Role } : null;
}

/**
 * THE place a password is set: a new operator's, a change, an administrator's reset, a recovery.
 * Checked, hashed with a fresh salt, written with the failed attempts cleared, and audited
 * (the row says a password was set, never what). On an encrypted database the data key is wrapped
 * with `password` for this operator in the same transaction: a keyring that cannot be written
 * leaves the old password in both places.
 */
export async function setPassword(
  store: Store,
  id: number,
  password: string,
  reason: string | null,
): Promise<OperatorView> {
  checkPassword(password);
  const operator = rowById(store, id);
  if (!operator) throw new UserError('not_found', '没有这个操作员');
  const hash = await hashSecret(password);
  const entry = await store.keyring?.wrap(operatorLabel(operator.name), password);
  return store.tx(() => {
    const before = rowById(store, id);
    if (!before) throw new UserError('not_found', '没有这个操作员');
    store
      .prepare(
        'UPDATE operators SET password_hash = ?, changed_at = ?, failed_attempts = 0, next_attempt_at = NULL WHERE id = ?',
      )
      .run(hash, nowIso(), id);
    // Last in the transaction: the file is replaced by a rename, and a failure rolls the hash back.
    if (entry) store.keyring!.put(entry);
    if (reason !== null)
      writeAudit(store, {
        entity: 'operator',
        entityId: id,
        personId: null,
        action: 'update',
        before: { ...snapshot(before), password: '（原密码）' },
        after: { ...snapshot(before), password: '（新密码）' },
        reason,
      });
    return view(rowById(store, id)!);
  });
}

/** A new operator: the name unique among all, ever (a deactivated one keeps theirs). */
export async function createOperator(
  store: Store,
  input: { name: string; role: Role; password: string },
  options: { audited?: boolean } = {},
): Promise<OperatorView> {
  const audited = options.audited ?? true;
  const name = input.name.trim();
  if (!name) throw new UserError('invalid_input', '请填写姓名');
  if (!ROLES.includes(input.role)) throw new UserError('invalid_input', '请选择角色');
  checkPassword(input.password);
  if (rowByName(store, name)) throw new UserError('duplicate', `已有名为“${name}”的操作员（含已停用的），请换一个姓名`);
  // Inserted with a hash no password matches, then given its password by setPassword, in order.
  const id = store.tx(() => {
    const now = nowIso();
    const made = Number(
      store
        .prepare(
          "INSERT INTO operators (name, role, password_hash, active, created_at, changed_at) VALUES (?, ?, 'none', 1, ?, ?)",
        )
        .run(name, input.role, now, now).lastInsertRowid,
    );
    if (audited)
      writeAudit(store, {
        entity: 'operator',
        entityId: made,
        personId: null,
        action: 'create',
        before: null,
        after: snapshot(rowById(store, made)!),
      });
    return made;
  });
  try {
    return await setPassword(store, id, input.password, audited ? '设置密码' : null);
  } catch (e) {
    // Nothing half made: a new operator without a password is removed again.
    store.tx(() => store.prepare("DELETE FROM operators WHERE id = ? AND password_hash = 'none'").run(id));
    throw e;
  }
}

function activeAdmins(store: Store): number {
  return (
    store.prepare("SELECT count(*) AS n FROM operators WHERE role = 'admin' AND active = 1").get() as { n: number }
  ).n;
}

/** An administrator sets an operator's role or deactivates (or reactivates) them; the last active administrator stays one. */
export function updateOperator(store: Store, id: number, change: { role?: Role; active?: boolean }): OperatorView {
  return store.tx(() => {
    const before = rowById(store, id);
    if (!before) throw new UserError('not_found', '没有这个操作员');
    const role = change.role ?? (before.role as Role);
    const active = change.active ?? before.active === 1;
    const wasActiveAdmin = before.role === 'admin' && before.active === 1;
    if (wasActiveAdmin && (role !== 'admin' || !active) && activeAdmins(store) <= 1)
      throw new UserError('invalid_input', '至少要保留一名启用的管理员，不能停用最后一名管理员或改变其角色');
    store
      .prepare('UPDATE operators SET role = ?, active = ?, changed_at = ? WHERE id = ?')
      .run(role, active ? 1 : 0, nowIso(), id);
    // A deactivated operator's password no longer opens the database; a reactivated one is given a
    // password again by an administrator (or signs in while the database is open: signIn).
    if (!active) store.keyring?.remove(operatorLabel(before.name));
    const after = rowById(store, id)!;
    writeAudit(store, {
      entity: 'operator',
      entityId: id,
      personId: null,
      action: 'update',
      before: snapshot(before),
      after: snapshot(after),
    });
    return view(after);
  });
}

/** After this many failures in a row, each further one makes the next attempt wait. */
const FREE_ATTEMPTS = 3;
const FIRST_WAIT_S = 30;
const LONGEST_WAIT_S = 15 * 60;

/** How long a sign-in waits after `failures` failures in a row: 30 s, 1 min, 2 min … at most 15 min. */
export function waitAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(LONGEST_WAIT_S, FIRST_WAIT_S * 2 ** (failures - FREE_ATTEMPTS));
}

export function waitWords(seconds: number): string {
  return seconds >= 60 ? `${Math.ceil(seconds / 60)} 分钟` : `${Math.ceil(seconds)} 秒`;
}

function refuseWhileWaiting(r: OperatorRow, now: Date): void {
  if (!r.next_attempt_at) return;
  const left = (Date.parse(r.next_attempt_at) - now.getTime()) / 1000;
  if (left > 0)
    throw new UserError(
      'forbidden',
      `连续输错 ${r.failed_attempts} 次，为防止他人猜测密码，请在 ${waitWords(left)}后再试`,
    );
}

function recordFailure(store: Store, r: OperatorRow, now: Date): number {
  const failures = r.failed_attempts + 1;
  const wait = waitAfter(failures);
  store.tx(() =>
    store
      .prepare('UPDATE operators SET failed_attempts = ?, next_attempt_at = ? WHERE id = ?')
      .run(failures, wait ? new Date(now.getTime() + wait * 1000).toISOString() : null, r.id),
  );
  return wait;
}

const WRONG = '姓名或密码不正确';

/** Why a failed attempt is refused: the wrong words, and the wait when there is one from now on. */
function failed(store: Store, r: OperatorRow, now: Date, wrong: string): UserError {
  const wait = recordFailure(store, r, now);
  return new UserError('forbidden', wait ? `${wrong}。已连续输错多次，请在 ${waitWords(wait)}后再试` : wrong);
}

/**
 * A sign-in: the operator when name and password match an active operator. A failure counts
 * against the name and, from the third in a row, makes the next attempt wait (growing to 15
 * minutes); an unknown name and a wrong password are refused in the same words.
 */
export async function signIn(
  store: Store,
  name: string,
  password: string,
  now = new Date(),
): Promise<SignedInOperator> {
  const r = rowByName(store, name);
  if (!r) throw new UserError('forbidden', WRONG);
  refuseWhileWaiting(r, now);
  if (!(await verifySecret(password, r.password_hash))) throw failed(store, r, now, WRONG);
  if (r.active !== 1) throw new UserError('forbidden', '该操作员已停用，请联系管理员');
  if (r.failed_attempts > 0)
    store.tx(() =>
      store.prepare('UPDATE operators SET failed_attempts = 0, next_attempt_at = NULL WHERE id = ?').run(r.id),
    );
  // An operator whose password does not open the database yet (it was encrypted by another
  // administrator, or they were reactivated) gets their entry now that the password is known.
  const label = operatorLabel(r.name);
  if (store.keyring && !store.keyring.has(label)) store.keyring.put(await store.keyring.wrap(label, password));
  return { id: r.id, name: r.name, role: r.role as Role };
}

/** An operator changes their own password, giving the one they have. */
export async function changeOwnPassword(store: Store, id: number, current: string, password: string): Promise<void> {
  const r = rowById(store, id);
  if (!r) throw new UserError('not_found', '没有这个操作员');
  refuseWhileWaiting(r, new Date());
  if (!(await verifySecret(current, r.password_hash))) throw failed(store, r, new Date(), '原密码不正确');
  await setPassword(store, id, password, '本人修改密码');
}

// --- the recovery code --------------------------------------------------------------------------

/** Letters and digits that cannot be read as one another (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A code as typed: spaces, dashes and case do not matter (the keyring reads it the same way). */
const normalizeCode = normaliseRecoveryCode;

/** A new recovery code (the old one stops working): shown once, kept only as a hash (and, encrypted, as the key's wrapping). */
export async function newRecoveryCode(store: Store): Promise<string> {
  const chars = Array.from({ length: 20 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  const code = chars.match(/.{5}/g)!.join('-');
  const hash = await hashSecret(normalizeCode(code));
  // On an encrypted database the code opens the file too, in place of the old one.
  const entry = await store.keyring?.wrap(RECOVERY_LABEL, code);
  store.tx(() => {
    writeSetting(store, 'recovery_code_hash', hash);
    if (entry) store.keyring!.put(entry);
  });
  return code;
}

/**
 * The recovery code resets an administrator's password (a forgotten one): the code is then used
 * up and a new one is made, to be written down again. Failures slow the next attempt as a
 * sign-in's do, counted against that administrator.
 */
export async function recoverWithCode(
  store: Store,
  input: { code: string; name: string; password: string },
): Promise<{ operator: SignedInOperator; recoveryCode: string }> {
  const wrong = '恢复码或管理员姓名不正确';
  const r = rowByName(store, input.name);
  const stored = readSetting(store, 'recovery_code_hash');
  if (!r || r.role !== 'admin' || !stored) throw new UserError('forbidden', wrong);
  refuseWhileWaiting(r, new Date());
  if (!(await verifySecret(normalizeCode(input.code), stored))) throw failed(store, r, new Date(), wrong);
  await setPassword(store, r.id, input.password, '用恢复码重设密码');
  if (r.active !== 1) updateOperator(store, r.id, { active: true });
  const recoveryCode = await newRecoveryCode(store);
  return { operator: { id: r.id, name: r.name, role: 'admin' }, recoveryCode };
}

// --- the idle lock --------------------------------------------------------------------------------

export const DEFAULT_IDLE_MINUTES = 10;

/** Minutes without use after which the app locks (设置: 自动锁定). */
export function idleMinutes(store: Store): number {
  const v = Number(readSetting(store, 'idle_lock_minutes'));
  return Number.isInteger(v) && v > 0 ? v : DEFAULT_IDLE_MINUTES;
}

export function setIdleMinutes(store: Store, minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 240)
    throw new UserError('invalid_input', '自动锁定时间应为 1 到 240 分钟');
  store.tx(() => writeSetting(store, 'idle_lock_minutes', String(minutes)));
}

// --- the first administrator --------------------------------------------------------------------

/** The first administrator, and the recovery code to show once. */
async function makeFirstAdministrator(
  store: Store,
  name: string,
  password: string,
): Promise<{ operator: SignedInOperator; recoveryCode: string }> {
  // Part of the office's setup, as its name is (not audited: the audit log records changes to an office that exists).
  const made = await createOperator(store, { name, role: 'admin', password }, { audited: false });
  return { operator: { id: made.id, name: made.name, role: 'admin' }, recoveryCode: await newRecoveryCode(store) };
}

/**
 * The first start's form (app.setup): the office's name, and its first operator, an administrator
 * with the password typed twice. Once operators exist it only renames the office (the router lets
 * only an administrator do it).
 */
export async function setUpOffice(
  store: Store,
  input: { orgName: string; operatorName: string; password?: string },
): Promise<{ operator: SignedInOperator | null; recoveryCode: string | null }> {
  if (hasOperators(store)) {
    // A rename in 设置 is a change to the office that exists: audited, before and after.
    store.tx(() => {
      const old = getOfficeSettings(store);
      const now = saveOfficeSettings(store, { orgName: input.orgName, operatorName: input.operatorName });
      const before = { orgName: old.orgName, operatorName: old.operatorName };
      const after = { orgName: now.orgName, operatorName: now.operatorName };
      if (JSON.stringify(before) !== JSON.stringify(after))
        writeAudit(store, { entity: 'office', entityId: 1, personId: null, action: 'update', before, after });
    });
    return { operator: null, recoveryCode: null };
  }
  if (!input.password) throw new UserError('invalid_input', '请设置管理员密码（输入两次）');
  checkPassword(input.password);
  saveOfficeSettings(store, input);
  return makeFirstAdministrator(store, input.operatorName.trim(), input.password);
}

/**
 * An office set up before operators existed (its operator's name in the settings, no operator):
 * its first start asks for the administrator's password of that operator.
 */
export async function firstAdministrator(
  store: Store,
  password: string,
): Promise<{ operator: SignedInOperator; recoveryCode: string }> {
  const office = getOfficeSettings(store);
  if (!office.configured) throw new UserError('not_configured', '请先在首次使用向导中填写单位名称和经办人');
  if (hasOperators(store)) throw new UserError('forbidden', '已设置过管理员，请用姓名和密码登录');
  return makeFirstAdministrator(store, office.operatorName, password);
}
