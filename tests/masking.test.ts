// Masking (issue 18, part 3; PIPL Art. 51): ID numbers, phones and bank accounts leave the main
// process masked; 显示 reveals one field of one file for a reason (retirees.reveal, declared for the
// access log); an edit of a masked file never writes the mask over the real number; the roster
// export is masked unless a full export is asked for.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import { contract } from '../src-main/contract';
import type { HistoryItem, ListPage, PersonFile } from '../src-main/contract/retirees';
import { commitImport, prepareImport } from '../src-main/importer/commit';
import { dispatch } from '../src-main/router';
import { checkCharacter } from '../src-main/shared/idNumber';
import { isMasked, maskBankAccount, maskIdNumber, maskPhone } from '../src-main/shared/mask';
import type { Role } from '../src-main/shared/permissions';
import { freshContext, router, signInAs } from './helpers';

let ctx: AppContext;
const { call, refusal } = router(() => ctx);
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());

const FIRST17 = '21010219521005257';
const ID = FIRST17 + checkCharacter(FIRST17);
const MOBILE = '13840005076';
const LANDLINE = '024-8765-4321';
const ACCOUNT = '6222020200112233445';
const SON = '13912345678';

async function createFile(): Promise<PersonFile> {
  return call<PersonFile>('retirees.create', {
    person: {
      name: '刘建国',
      category: '退休',
      idNumber: ID,
      phones: [
        { label: '手机', number: MOBILE },
        { label: '家', number: LANDLINE },
      ],
      bankName: '工商银行',
      bankAccount: ACCOUNT,
      contacts: [{ name: '刘强', relation: '儿子', phones: [{ label: null, number: SON }] }],
    },
  });
}

/** What the database holds, not what the router answers. */
const stored = (id: number) =>
  ctx.store.raw.prepare('SELECT id_number, phones, bank_account FROM persons WHERE id = ?').get(id) as {
    id_number: string;
    phones: string;
    bank_account: string;
  };
const storedContactPhones = (id: number) =>
  (ctx.store.raw.prepare('SELECT phones FROM person_contacts WHERE person_id = ?').all(id) as { phones: string }[]).map(
    (r) => (JSON.parse(r.phones) as { number: string }[]).map((p) => p.number),
  );

/** A call as an operator of `role`. */
async function as(role: Role, method: string, input: unknown) {
  await signInAs(ctx, `操作员${role}`, role);
  return dispatch(ctx, method, input, () => {});
}

describe('one rule per kind (shared/mask.ts)', () => {
  it('masks an ID number, a mobile, a landline and a bank account as the office shows them', () => {
    expect(maskIdNumber('210102195210052571')).toBe('210102********2571');
    expect(maskPhone('13840005076')).toBe('138****5076');
    expect(maskPhone('024-8765-4321')).toBe('024-****-4321');
    expect(maskPhone('8765432')).toBe('***5432');
    expect(maskBankAccount('6222020200112233445')).toBe('6222 **** **** 3445');
  });
});

describe('what leaves the main process is masked', () => {
  it('retirees.get, create and update answer with the ID number, phones, contacts’ phones and bank account masked', async () => {
    const created = await createFile();
    const file = await call<PersonFile>('retirees.get', { id: created.id });
    for (const f of [created, file]) {
      expect(f.idNumber).toBe('210102********' + ID.slice(-4));
      expect(f.phones.map((p) => p.number)).toEqual(['138****5076', '024-****-4321']);
      expect(f.bankAccount).toBe('6222 **** **** 3445');
      expect(f.contacts[0].phones[0].number).toBe('139****5678');
      expect(JSON.stringify(f)).not.toContain(ID);
      expect(JSON.stringify(f)).not.toContain(MOBILE);
      expect(JSON.stringify(f)).not.toContain(ACCOUNT);
    }
    // The birth date and gender the number gives are still derived from the full number.
    expect(file.birthDate).toBe('1952-10-05');
  });

  it('the list and a search by part of a phone show masked values, the typed digits only', async () => {
    const { id } = await createFile();
    const all = await call<ListPage>('retirees.list', {});
    expect(all.rows[0]).toMatchObject({ id, idNumberMasked: '210102********' + ID.slice(-4), phone: '138****5076' });
    const found = await call<ListPage>('retirees.list', { q: '4000' });
    expect(found.rows.map((r) => r.id)).toEqual([id]);
    expect(found.rows[0].match).toMatchObject({ field: 'phone', text: '***4000****' });
    expect(JSON.stringify(found)).not.toContain(MOBILE);
  });

  it('the history tab shows a changed ID number, phone and bank account masked', async () => {
    const created = await createFile();
    const other = '21010219521005301';
    const newId = other + checkCharacter(other);
    await call('retirees.update', {
      id: created.id,
      version: created.version,
      changes: {
        idNumber: newId,
        bankAccount: '6217000011112222333',
        phones: [{ label: '手机', number: '13511112222' }],
      },
      base: { idNumber: created.idNumber, bankAccount: created.bankAccount, phones: created.phones },
      acceptWarnings: true,
    });
    const history = JSON.stringify(await call<HistoryItem[]>('retirees.history', { id: created.id }));
    for (const full of [ID, newId, ACCOUNT, '6217000011112222333', MOBILE, '13511112222'])
      expect(history).not.toContain(full);
    expect(history).toContain(maskIdNumber(newId));
    expect(history).toContain('135****2222');
  });
});

describe('显示: one field of one file, for a reason', () => {
  it('returns the one full value asked for', async () => {
    const { id, contacts } = await createFile();
    const reveal = (field: string) => call<{ value: string }>('retirees.reveal', { id, field, reason: '核对身份' });
    expect(await reveal('idNumber')).toEqual({ value: ID });
    expect(await reveal('phone:0')).toEqual({ value: MOBILE });
    expect(await reveal('phone:1')).toEqual({ value: LANDLINE });
    expect(await reveal('bankAccount')).toEqual({ value: ACCOUNT });
    expect(await reveal(`contact:${contacts[0].id}:phone:0`)).toEqual({ value: SON });
  });

  it('is declared for the access log as a reveal, and exports as exports', () => {
    expect(contract['retirees.reveal']).toMatchObject({ needs: 'reveal', access: { access: 'reveal' } });
    expect(contract['retirees.export']).toMatchObject({ access: { access: 'export' } });
    expect(contract['batches.export']).toMatchObject({ access: { access: 'export' } });
    // TODO(t-alog): once the router writes access_log rows, assert the row (operator, person, field, reason).
  });

  it('refuses without a reason, a field the file does not have, and a field that is not maskable', async () => {
    const { id } = await createFile();
    expect(await refusal('retirees.reveal', { id, field: 'idNumber', reason: '  ' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('请填写或选择查看完整号码的原因'),
    });
    expect(await refusal('retirees.reveal', { id, field: 'phone:5', reason: '电话联系' })).toMatchObject({
      code: 'not_found',
      message: '刘建国的档案中没有这一项',
    });
    expect(await refusal('retirees.reveal', { id, field: 'name', reason: '核对' })).toMatchObject({
      code: 'invalid_input',
    });
  });

  it('经办 and 药费报销 may reveal; 只读 views and prints the masked values only', async () => {
    const { id } = await createFile();
    const input = { id, field: 'bankAccount', reason: '办理报销' };
    expect(await as('clerk', 'retirees.reveal', input)).toEqual({ ok: true, value: { value: ACCOUNT } });
    expect(await as('claims', 'retirees.reveal', input)).toEqual({ ok: true, value: { value: ACCOUNT } });
    const reader = await as('reader', 'retirees.reveal', input);
    expect(reader).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await as('reader', 'retirees.get', { id })).toMatchObject({
      ok: true,
      value: { bankAccount: '6222 **** **** 3445' },
    });
  });
});

describe('an edit of a masked file keeps the real numbers', () => {
  it('a phone added, a contact renamed: the masked numbers sent back as shown are kept as stored', async () => {
    const form = await createFile();
    const saved = await call<PersonFile>('retirees.update', {
      id: form.id,
      version: form.version,
      // What the form sends: the phones list with the untouched ones as it showed them.
      changes: {
        phones: [...form.phones, { label: '单位', number: '024-2222-3333' }],
        contacts: [{ ...form.contacts[0], name: '刘小强' }],
        note: '新添单位电话',
      },
      base: { phones: form.phones, contacts: form.contacts, note: form.note },
    });
    expect(saved.phones.map((p) => p.number)).toEqual(['138****5076', '024-****-4321', '024-****-3333']);
    const row = stored(form.id);
    expect(JSON.parse(row.phones)).toEqual([
      { label: '手机', number: MOBILE },
      { label: '家', number: LANDLINE },
      { label: '单位', number: '024-2222-3333' },
    ]);
    expect(row.id_number).toBe(ID);
    expect(row.bank_account).toBe(ACCOUNT);
    expect(storedContactPhones(form.id)).toEqual([[SON]]);
    expect(saved.contacts[0].name).toBe('刘小强');
  });

  it('an ID number and bank account sent back masked as shown are kept; a phone removed above another is matched', async () => {
    const form = await createFile();
    await call('retirees.update', {
      id: form.id,
      version: form.version,
      changes: { idNumber: form.idNumber, bankAccount: form.bankAccount, phones: [form.phones[1]] },
      base: { idNumber: form.idNumber, bankAccount: form.bankAccount, phones: form.phones },
    });
    const row = stored(form.id);
    expect(row.id_number).toBe(ID);
    expect(row.bank_account).toBe(ACCOUNT);
    expect(JSON.parse(row.phones)).toEqual([{ label: '家', number: LANDLINE }]);
  });

  it('a masked value that is not what the file showed is refused, nothing saved', async () => {
    const form = await createFile();
    const before = stored(form.id);
    for (const changes of [
      { phones: [{ label: '手机', number: '138****9999' }] },
      { bankAccount: '6222 **** **** 0000' },
      { idNumber: '210102********0000' },
    ]) {
      const e = await refusal('retirees.update', {
        id: form.id,
        version: form.version,
        changes,
        base: { phones: form.phones, bankAccount: form.bankAccount, idNumber: form.idNumber },
      });
      expect(e).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('遮挡') });
    }
    expect(stored(form.id)).toEqual(before);
    // A new file cannot be made with a masked number either.
    expect(
      await refusal('retirees.create', {
        person: { name: '王芳', category: '退休', phones: [{ label: null, number: '138****5076' }] },
      }),
    ).toMatchObject({ code: 'invalid_input' });
  });
});

describe('the roster export: masked by default, full on request', () => {
  async function exported(input: object) {
    const out = await call<{ fileName: string; count: number; dataBase64: string }>('retirees.export', {
      query: {},
      ...input,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    const row = (ws.getRow(3).values as unknown[]).slice(1);
    const cell = (label: string) => row[header.indexOf(label)];
    return { out, cell, bytes: Buffer.from(out.dataBase64, 'base64') };
  }

  it('masked unless asked: ID number, phones and bank account', async () => {
    await createFile();
    const masked = await exported({});
    expect(masked.out.fileName).toMatch(/（脱敏）\.xlsx$/);
    expect(masked.cell('身份证号')).toBe(maskIdNumber(ID));
    expect(masked.cell('联系电话')).toBe('138****5076、024-****-4321');
    expect(masked.cell('银行账号')).toBe('6222 **** **** 3445');
    expect(isMasked(masked.bytes.toString('latin1'))).toBe(true);

    const full = await exported({ full: true });
    expect(full.out.fileName).not.toContain('脱敏');
    expect(full.cell('身份证号')).toBe(ID);
    expect(full.cell('联系电话')).toBe(`${MOBILE}、${LANDLINE}`);
    expect(full.cell('银行账号')).toBe(ACCOUNT);
  });

  it('the full export imports back with the real numbers; a full export needs files.export', async () => {
    await createFile();
    const { bytes } = await exported({ full: true });
    const target = await freshContext();
    try {
      const report = commitImport(target.store, await prepareImport(bytes, 'roster.xlsx'));
      expect(report).toMatchObject({ inserted: 1, rejected: 0 });
      expect(
        target.store.raw.prepare('SELECT id_number, bank_account FROM persons').get() as Record<string, string>,
      ).toEqual({ id_number: ID, bank_account: ACCOUNT });
    } finally {
      target.close();
    }
    for (const role of ['reader', 'claims'] as const)
      expect(await as(role, 'retirees.export', { query: {}, full: true }), role).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    expect(await as('clerk', 'retirees.export', { query: {}, full: true })).toMatchObject({ ok: true });
  });
});
