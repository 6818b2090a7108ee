// Issue 14, one engine for every kind: the claims ledger and the adjustment list are recognised as
// a roster is (grammar, then values), and every kind is taught a new spelling the same way: the
// CLI's --map FILE.json ({ "表头文字": "字段名" }), remembered once committed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { importAdjustments, saveRule } from '../src-main/adjustments/adjustments';
import { AppContext } from '../src-main/app/context';
import { importLedger } from '../src-main/claims/ledger';
import { createPerson } from '../src-main/retirees/persons';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { checkCharacter } from '../src-main/shared/idNumber';
import { RULE_2026 } from './adjustmentRule';
import { freshContext, person, tempDir, CLI_ENV, cliArgs } from './helpers';
import { entryCommand } from './bundles';

const root = path.resolve(import.meta.dirname, '..');
const id = (first17: string) => first17 + checkCharacter(first17);
const ZHANG = id('21010219521005122');
const LI = id('21010219450101123');

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sheet1').addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A database file with two people on file, and a folder for the files the test makes. */
async function office(): Promise<{ dbPath: string; dir: string }> {
  const dir = tempDir();
  const dbPath = path.join(dir, 'office.sqlite');
  const ctx = await AppContext.start({ dbPath });
  saveOfficeSettings(ctx.store, { orgName: '单位', operatorName: '王干事' });
  createPerson(
    ctx.store,
    person({ name: '张桂兰', idNumber: ZHANG, retirementDate: '2007-10', contributionYears: 35 }),
    { acceptWarnings: true },
  );
  createPerson(ctx.store, person({ name: '李建国', idNumber: LI, retirementDate: '2005-01', contributionYears: 40 }), {
    acceptWarnings: true,
  });
  saveRule(ctx.store, RULE_2026);
  ctx.close();
  return { dbPath, dir };
}

const cli = (...args: string[]) =>
  spawnSync(...entryCommand('cli', cliArgs(args)), { cwd: root, encoding: 'utf8', env: CLI_ENV });
const json = (r: ReturnType<typeof cli>) => {
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

describe('the claims ledger', () => {
  const LEDGER_HEADER = ['姓名', '证件号码', '就诊日期', '就诊类型', '发票号码', '可报销金额', '实际报销金额'];

  test('a kind column spelled differently, or with no header, is recognised; the report says how each column was', async () => {
    const ctx = await freshContext();
    createPerson(ctx.store, person({ name: '张桂兰', idNumber: ZHANG }), { acceptWarnings: true });
    const spelled = await importLedger(
      ctx.store,
      await xlsx([LEDGER_HEADER, ['张桂兰', ZHANG, '2025-03-01', '门诊', 'A1', 100, 60]]),
      'spelled.xlsx',
      { dryRun: true },
    );
    expect(spelled).toMatchObject({ dataRows: 1, inserted: 1, rejected: 0 });
    expect(spelled.columns?.[0].fields).toEqual([
      'name',
      'idNumber',
      'visitDate',
      'kind',
      'invoiceNo',
      'eligible',
      'paid',
    ]);
    expect(spelled.columns?.[0].reasons[3]).toBe('按表头：就诊类型');

    const unheaded = await importLedger(
      ctx.store,
      await xlsx([
        LEDGER_HEADER.map((h, c) => (c === 3 ? null : h)),
        ['张桂兰', ZHANG, '2025-03-01', '住院', 'A2', 100, 60],
        ['张桂兰', ZHANG, '2025-04-01', '门诊', 'A3', 50, 30],
      ]),
      'unheaded.xlsx',
    );
    expect(unheaded).toMatchObject({ dataRows: 2, inserted: 2, rejected: 0 });
    expect(unheaded.columns?.[0].reasons[3]).toBe('按内容判断：100% 为门诊/住院/特殊病种/药店');
    expect(ctx.store.raw.prepare('SELECT kind FROM claim_lines ORDER BY id').all()).toEqual([
      { kind: '住院' },
      { kind: '门诊' },
    ]);
    ctx.close();
  });

  test('--map teaches a spelling the grammar does not know; without it the ledger is refused', async () => {
    const { dbPath, dir } = await office();
    const file = path.join(dir, 'ledger.xlsx');
    fs.writeFileSync(
      file,
      await xlsx([
        ['姓名', '身份证号', '就医日期', '费用类别', '票据号', '符合报销金额', '结报数'],
        ['张桂兰', ZHANG, '2025-03-01', '门诊', 'B1', 100, 60],
      ]),
    );
    const refused = cli('claims', 'import', file, '--db', dbPath, '--json');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('没有找到报销台账的表头');

    fs.writeFileSync(path.join(dir, 'map.json'), JSON.stringify({ 结报数: '实报金额' }));
    const report = json(cli('claims', 'import', file, '--db', dbPath, '--map', path.join(dir, 'map.json'), '--json'));
    expect(report).toMatchObject({ dataRows: 1, inserted: 1, rejected: 0 });
    expect(report.columns[0].reasons[6]).toBe('按指定的对应：实报金额');
  });
});

describe('a required column neither header nor values recognise', () => {
  test('a ledger trial answers with its columns and what is missing, reading nothing; mapped, it imports; an import without the column is refused', async () => {
    const { dbPath, dir } = await office();
    const ctx = await AppContext.start({ dbPath, noAutomaticBackup: true });
    const file = await xlsx([
      ['姓名', '身份证号', '就医日期', '费用类别', '收据号', '符合报销金额', '实报金额'],
      ['张桂兰', ZHANG, '2025-03-01', '住院', 'S-01', 100, 60],
      ['李建国', LI, '2025-04-01', '门诊', 'S-02', 50, 30],
    ]);
    const tried = await importLedger(ctx.store, file, 'ledger.xlsx', { dryRun: true });
    expect(tried).toMatchObject({ importId: null, dataRows: 0, inserted: 0, rejected: 0, rows: [] });
    expect(tried.columns).toEqual([
      expect.objectContaining({
        sheet: 'Sheet1',
        labels: ['姓名', '身份证号', '就医日期', '费用类别', '收据号', '符合报销金额', '实报金额'],
        missing: [['invoiceNo']],
      }),
    ]);
    expect(tried.columns?.[0].fields).toEqual(['name', 'idNumber', 'visitDate', 'kind', null, 'eligible', 'paid']);
    await expect(importLedger(ctx.store, file, 'ledger.xlsx')).rejects.toThrow('没有找到报销台账的表头');
    expect(ctx.store.raw.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 0 });

    const mapped = await importLedger(ctx.store, file, 'ledger.xlsx', { map: { 收据号: '票据号' } });
    expect(mapped).toMatchObject({ dataRows: 2, inserted: 2, rejected: 0 });
    expect(mapped.columns?.[0].missing).toBeUndefined();
    expect(ctx.store.raw.prepare('SELECT invoice_no FROM claim_lines ORDER BY id').all()).toEqual([
      { invoice_no: 'S-01' },
      { invoice_no: 'S-02' },
    ]);
    ctx.close();

    // The CLI's trial says what is missing and how each column was taken, and stops.
    const other = path.join(dir, 'other.xlsx');
    fs.writeFileSync(
      other,
      await xlsx([
        ['姓名', '身份证号', '就医日期', '费用类别', '单据', '符合报销金额', '实报金额'],
        ['张桂兰', ZHANG, '2025-05-01', '门诊', 'S-03', 10, 5],
      ]),
    );
    const cliTrial = cli('claims', 'import', other, '--db', dbPath, '--dry-run');
    expect(cliTrial.status).toBe(1);
    expect(cliTrial.stderr).toContain('没有找到报销台账的票据号列：请用 --map 指定它在哪一列');
    expect(cliTrial.stderr).toContain('E 单据 → 不对应字段');
  });

  test('an adjustment list lacking both the new pension and the increase: the trial names either; a column without a header is mapped by its place', async () => {
    const { dbPath } = await office();
    const ctx = await AppContext.start({ dbPath, noAutomaticBackup: true });
    const file = await xlsx([
      ['姓名', '身份证号', '调整前养老金', null],
      ['张桂兰', ZHANG, 4000, 4195],
      ['李建国', LI, 5000, 5210],
    ]);
    const tried = await importAdjustments(ctx.store, file, 'list.xlsx', 2026, { dryRun: true });
    expect(tried.counts).toMatchObject({ dataRows: 0, matched: 0 });
    expect(tried.columns).toEqual([
      expect.objectContaining({
        labels: ['姓名', '身份证号', '调整前养老金', ''],
        fields: ['name', 'idNumber', 'old', null],
        missing: [['new', 'increase']],
      }),
    ]);
    await expect(importAdjustments(ctx.store, file, 'list.xlsx', 2026)).rejects.toThrow('没有找到调资名单的表头');
    expect(ctx.store.raw.prepare('SELECT count(*) AS n FROM adjustment_runs').get()).toEqual({ n: 0 });

    const mapped = await importAdjustments(ctx.store, file, 'list.xlsx', 2026, {
      dryRun: true,
      map: { 第4列: '调整后养老金' },
    });
    expect(mapped.counts).toMatchObject({ dataRows: 2, matched: 2, rejected: 0 });
    expect(mapped.columns?.[0].reasons[3]).toBe('按指定的对应：调整后养老金');
    ctx.close();
  });
});

describe('the roster', () => {
  test('--map places a column the grammar cannot; a wrong field name is refused with the fields there are; an unused label is said', async () => {
    const { dbPath, dir } = await office();
    const file = path.join(dir, 'roster.xlsx');
    const WANG = id('21010219500620001');
    fs.writeFileSync(
      file,
      await xlsx([
        ['姓名', '身份证号', '到龄时间'],
        ['王德明', WANG, '2010-07'],
      ]),
    );

    const plain = json(cli('import', file, '--db', dbPath, '--dry-run', '--json'));
    expect(plain.sheets[0].fields).toEqual(['name', 'idNumber', null]);

    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ 到龄时间: '退休时间' }));
    const bad = cli('import', file, '--db', dbPath, '--map', path.join(dir, 'bad.json'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('“到龄时间”对应的“退休时间”不是可导入的字段');
    expect(bad.stderr).toContain('retirementDate（离退休时间）');

    fs.writeFileSync(path.join(dir, 'map.json'), JSON.stringify({ 到龄时间: 'retirementDate', 爱好: 'note' }));
    const r = cli('import', file, '--db', dbPath, '--map', path.join(dir, 'map.json'), '--json');
    expect(r.stderr).toContain('--map 中的表头“爱好”在文件中没有找到，未使用');
    const report = json(r);
    expect(report).toMatchObject({ inserted: 1, needsReview: 0 });
    expect(report.sheets[0].reasons).toEqual(['按表头：姓名', '按表头：身份证号', '按指定的对应：离退休时间']);
    const [stored] = json(cli('retirees', '--db', dbPath, '--json')).filter(
      (p: { idNumber: string }) => p.idNumber === WANG,
    );
    expect(stored).toMatchObject({ retirementDate: '2010-07', needsReview: false });
  });
});

describe('the adjustment list', () => {
  test('adjustments import: --map, --dry-run writes nothing, the mapping is remembered once committed', async () => {
    const { dbPath, dir } = await office();
    const file = path.join(dir, 'list.xlsx');
    fs.writeFileSync(
      file,
      await xlsx([
        ['姓名', '身份证号', '养老金（调前）', '养老金（调后）'],
        ['张桂兰', ZHANG, 4000, 4195],
        ['李建国', LI, 5000, 5210],
      ]),
    );
    const runs = async () => {
      const ctx = await AppContext.start({ dbPath, noAutomaticBackup: true });
      const n = (ctx.store.raw.prepare('SELECT count(*) AS n FROM adjustment_runs').get() as { n: number }).n;
      ctx.close();
      return n;
    };

    const refused = cli('adjustments', 'import', file, '--year', '2026', '--db', dbPath);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('没有找到调资名单的表头');

    fs.writeFileSync(
      path.join(dir, 'map.json'),
      JSON.stringify({ '养老金（调前）': 'old', '养老金（调后）': '调整后养老金' }),
    );
    const tried = json(
      cli(
        'adjustments',
        'import',
        file,
        '--year',
        '2026',
        '--db',
        dbPath,
        '--map',
        path.join(dir, 'map.json'),
        '--dry-run',
        '--json',
      ),
    );
    expect(tried).toMatchObject({
      id: null,
      year: 2026,
      counts: { dataRows: 2, matched: 2, unmatched: 0, rejected: 0 },
    });
    expect(tried.columns[0].fields).toEqual(['name', 'idNumber', 'old', 'new']);
    expect(await runs()).toBe(0);

    const text = cli(
      'adjustments',
      'import',
      file,
      '--year',
      '2026',
      '--db',
      dbPath,
      '--map',
      path.join(dir, 'map.json'),
    );
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('导入完成：list.xlsx（2026 年）；数据行 2：匹配 2');
    expect(text.stdout).toContain('C 养老金调前 → old（按指定的对应：调整前养老金）');
    expect(await runs()).toBe(1);

    // A corrected list with the same header next week: no --map needed.
    const again = json(cli('adjustments', 'import', file, '--year', '2026', '--db', dbPath, '--json'));
    expect(again.counts).toMatchObject({ dataRows: 2, matched: 2 });
    expect(again.columns[0].reasons[2]).toBe('按上次导入时确认的对应：调整前养老金');
  });
});
