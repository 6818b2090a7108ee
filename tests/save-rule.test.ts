// The save rule (issue 12, item 1): a form sends only what the user changed, against the version
// it was loaded from. A change made elsewhere since (a death registered, a unit assigned) is kept;
// a field changed both here and elsewhere is refused, naming the field, its value now and who.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrgUnit } from '../src-main/contract/org';
import type { HistoryItem, PersonFile } from '../src-main/contract/retirees';
import type { AppContext } from '../src-main/app/context';
import { freshContext, router, signInAs } from './helpers';

let ctx: AppContext;
const { call, refusal } = router(() => ctx);
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());

async function openForm() {
  const p = await call<PersonFile>('retirees.create', {
    person: { name: '李建国', category: '退休', birthDate: '1940-03-02', note: '老住址' },
  });
  // The form, as the file page loads it.
  return call<PersonFile>('retirees.get', { id: p.id });
}

describe('a save sends only what changed', () => {
  it('keeps a death registered after the form was opened', async () => {
    const form = await openForm();
    await call('deaths.register', { personId: form.id, diedOn: '2026-11-20', reportedBy: '其女儿', note: null });
    // The user only edited the note, on the form opened before the death was registered.
    const saved = await call<PersonFile>('retirees.update', {
      id: form.id,
      version: form.version,
      changes: { note: '新住址' },
      base: { note: form.note },
    });
    expect(saved.status).toBe('已故');
    expect(saved.statusDate).toBe('2026-11-20');
    expect(saved.note).toBe('新住址');
    const history = await call<HistoryItem[]>('retirees.history', { id: form.id });
    expect(history.some((h) => h.changes.some((c) => c.label === '状态' && c.after === '在册'))).toBe(false);
  });

  it('keeps a unit assigned after the form was opened', async () => {
    const form = await openForm();
    const group = await call<OrgUnit>('org.create', { kind: '行政大组', name: '第一大组', parentId: null });
    await call('org.assign', { query: { q: '李建国' }, ref: { kind: '行政大组', id: group.id } });
    const saved = await call<PersonFile>('retirees.update', {
      id: form.id,
      version: form.version,
      changes: { phones: [{ label: '手机', number: '13800000000' }] },
      base: { phones: form.phones },
    });
    expect(saved.adminGroupId).toBe(group.id);
    expect(saved.phones).toEqual([{ label: '手机', number: '138****0000' }]);
    expect(await call('retirees.reveal', { id: form.id, field: 'phone:0', reason: '核对' })).toEqual({
      value: '13800000000',
    });
  });

  it('refuses a field changed elsewhere since, saying what it is now and who changed it', async () => {
    const form = await openForm();
    await signInAs(ctx, '赵会计');
    await call('deaths.register', { personId: form.id, diedOn: '2026-11-20', reportedBy: null, note: null });
    const e = await refusal('retirees.update', {
      id: form.id,
      version: form.version,
      changes: { status: '迁出', statusDate: '2026-11-25', note: '随子女迁往外地' },
      base: { status: form.status, statusDate: form.statusDate, note: form.note },
    });
    expect(e.code).toBe('conflict');
    expect(e.message).toContain('「状态」');
    expect(e.message).toContain('“已故”');
    expect(e.message).toContain('赵会计');
    // Nothing of the refused save was applied, not even the note nobody else touched.
    const now = await call<PersonFile>('retirees.get', { id: form.id });
    expect(now).toMatchObject({ status: '已故', statusDate: '2026-11-20', note: '老住址' });
  });

  it('accepts a change someone else already made the same way', async () => {
    const form = await openForm();
    await call('retirees.update', {
      id: form.id,
      version: form.version,
      changes: { formerUnit: '机修厂' },
      base: { formerUnit: null },
    });
    const saved = await call<PersonFile>('retirees.update', {
      id: form.id,
      version: form.version,
      changes: { formerUnit: '机修厂', note: '补' },
      base: { formerUnit: null, note: form.note },
    });
    expect(saved).toMatchObject({ formerUnit: '机修厂', note: '补' });
  });

  it('refuses a change without the value the form showed', async () => {
    const form = await openForm();
    const e = await refusal('retirees.update', {
      id: form.id,
      version: form.version,
      changes: { note: '新' },
      base: {},
    });
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain('备注');
    expect((await call<PersonFile>('retirees.get', { id: form.id })).note).toBe('老住址');
  });

  it('validates each changed field, and fills no default into fields it did not send', async () => {
    const form = await openForm();
    await call('retirees.update', {
      id: form.id,
      version: form.version,
      changes: { careHardship: true },
      base: { careHardship: false },
    });
    const now = await call<PersonFile>('retirees.get', { id: form.id });
    // `status` defaults to 在册 in a full file; a change that does not name it leaves it as it is.
    await call('deaths.register', { personId: form.id, diedOn: '2026-11-20', reportedBy: null, note: null });
    const after = await call<PersonFile>('retirees.update', {
      id: form.id,
      version: now.version,
      changes: { careEmptyNest: true },
      base: { careEmptyNest: false },
    });
    expect(after).toMatchObject({ status: '已故', careHardship: true, careEmptyNest: true });
    const bad = await refusal('retirees.update', {
      id: form.id,
      version: after.version,
      changes: { postcode: '12' },
      base: { postcode: null },
    });
    expect(bad.message).toContain('邮编应为 6 位数字');
    const unknown = await refusal('retirees.update', {
      id: form.id,
      version: after.version,
      changes: { version: 99 },
      base: { version: 1 },
    });
    expect(unknown.code).toBe('invalid_input');
  });
});

describe('rules follow the same rule', () => {
  it('a pension adjustment rule: different fields are both kept, the same field is refused naming who', async () => {
    const { RULE_2026 } = await import('./adjustmentRule');
    await call('adjustments.saveRule', { rule: RULE_2026, loaded: null });
    const opened = RULE_2026; // both clerks opened this
    await signInAs(ctx, '赵会计');
    await call('adjustments.saveRule', { rule: { ...opened, fixedFen: opened.fixedFen + 1000 }, loaded: opened });
    await signInAs(ctx, '王干事');
    const both = await call<typeof RULE_2026>('adjustments.saveRule', {
      rule: { ...opened, note: '按省文件执行' },
      loaded: opened,
    });
    expect(both).toMatchObject({ fixedFen: opened.fixedFen + 1000, note: '按省文件执行' });
    const clash = await refusal('adjustments.saveRule', {
      rule: { ...opened, fixedFen: opened.fixedFen + 500 },
      loaded: opened,
    });
    expect(clash.code).toBe('conflict');
    expect(clash.message).toContain('「定额调整」已被赵会计');
    expect((await call<{ rule: typeof RULE_2026 }>('adjustments.rule', { year: opened.year })).rule.fixedFen).toBe(
      opened.fixedFen + 1000,
    );
  });

  it('a claims policy: a field changed since the form was opened is refused, another is put on the version in force', async () => {
    const rules = {
      deductibleFen: 80000,
      capFen: 1000000,
      ratioBp: { 门诊: 7000, 住院: 8500, 特殊病种: 9000, 药店: 6000 },
      ageBands: [],
    };
    await call('claims.savePolicy', { year: 2026, category: '退休', rules, note: null, loaded: null });
    await signInAs(ctx, '赵会计');
    await call('claims.savePolicy', {
      year: 2026,
      category: '退休',
      rules: { ...rules, capFen: 1200000 },
      note: '封顶提高',
      loaded: rules,
    });
    await signInAs(ctx, '王干事');
    const kept = await call<{ rules: typeof rules }>('claims.savePolicy', {
      year: 2026,
      category: '退休',
      rules: { ...rules, deductibleFen: 60000 },
      note: null,
      loaded: rules,
    });
    expect(kept.rules).toMatchObject({ capFen: 1200000, deductibleFen: 60000 });
    const clash = await refusal('claims.savePolicy', {
      year: 2026,
      category: '退休',
      rules: { ...rules, capFen: 900000 },
      note: null,
      loaded: rules,
    });
    expect(clash.code).toBe('conflict');
    expect(clash.message).toContain('12,000.00 元');
  });
});

describe('what a form showed is bounded too', () => {
  it('a base of a million characters is refused in words, nothing saved', async () => {
    const form = await openForm();
    const e = await refusal('retirees.update', {
      id: form.id,
      version: form.version,
      changes: { note: '新' },
      base: { note: 'x'.repeat(1_000_000) },
    });
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain('原值内容过多');
    expect((await call<PersonFile>('retirees.get', { id: form.id })).note).toBe('老住址');
  });
});
