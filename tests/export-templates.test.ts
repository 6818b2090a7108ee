// Export templates per recipient (issue 19 item 6): a template saved is applied (its columns in
// order under its headings, its date and ID formats, its title and the file's name), read back
// from the real .xlsx; a masked export stays masked through any template; the template file goes
// from one office's database to another's; a hostile or broken template file is refused in words
// with nothing saved; 只读 uses templates but does not edit them.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import type { ExportTemplate, TemplateImport } from '../src-main/contract/exportTemplates';
import type { PersonFile } from '../src-main/contract/retirees';
import { DATE_FORMAT_KEYS, formatDateAs } from '../src-main/shared/exportFormats';
import { checkCharacter } from '../src-main/shared/idNumber';
import { formatChineseDate, todayIso } from '../src-main/shared/dates';
import { dispatch } from '../src-main/router';
import { CLI_ENV, cliArgs, freshContext, person, router, signInAs, tempDir } from './helpers';
import { entryCommand } from './bundles';

const root = path.resolve(import.meta.dirname, '..');
const idNumber = (first17: string) => first17 + checkCharacter(first17);
const ID_ZHANG = idNumber('21010219521005122');
const ID_LI = idNumber('21010219480315211');

const open: AppContext[] = [];
afterEach(() => {
  for (const ctx of open.splice(0)) ctx.close();
});

async function office(): Promise<{
  ctx: AppContext;
  call: ReturnType<typeof router>['call'];
  refusal: ReturnType<typeof router>['refusal'];
}> {
  const ctx = await freshContext();
  open.push(ctx);
  const r = router(() => ctx);
  return { ctx, call: r.call, refusal: r.refusal };
}

/** Two people with every value the template writes: a full and a month-only date, a phone. */
async function twoPeople(call: ReturnType<typeof router>['call']): Promise<void> {
  await call<PersonFile>('retirees.create', {
    person: person({
      name: '张桂兰',
      gender: '女',
      idNumber: ID_ZHANG,
      birthDate: '1952-10-05',
      retirementDate: '2007-10',
      phones: [{ label: null, number: '13840005076' }],
    }),
  });
  await call<PersonFile>('retirees.create', {
    person: person({
      name: '李建国',
      gender: '男',
      idNumber: ID_LI,
      birthDate: '1948-03-15',
      retirementDate: '2008-03-31',
      category: '离休',
    }),
  });
}

const SOCIAL_SECURITY = {
  list: 'roster',
  recipient: '社保中心',
  name: '年度认证名单',
  title: '离退休人员资格认证名单',
  columns: [
    { key: 'name', heading: '姓名' },
    { key: 'idNumber', heading: '公民身份号码' },
    { key: 'retirementDate', heading: null },
    { key: 'birthDate', heading: '出生日期' },
    { key: 'phone', heading: '联系方式' },
  ],
  idFormat: 'full',
  dateFormat: 'chinese',
} as const;

async function sheetOf(dataBase64: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(dataBase64, 'base64') as unknown as ArrayBuffer);
  return wb.worksheets[0];
}
const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);
const templateCount = (ctx: AppContext) =>
  (ctx.store.raw.prepare('SELECT count(*) AS n FROM export_templates').get() as { n: number }).n;
const auditCount = (ctx: AppContext) =>
  (ctx.store.raw.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'export_template'").get() as { n: number })
    .n;

type Exported = { fileName: string; count: number; dataBase64: string };

describe('a template applied', () => {
  test('its columns in order under its headings, its date and ID formats, its title with the date, its file name', async () => {
    const { call } = await office();
    await twoPeople(call);
    const t = await call<ExportTemplate>('exportTemplates.save', { template: SOCIAL_SECURITY });
    const r = await call<Exported>('retirees.export', { query: {}, full: true, templateId: t.id });
    const today = todayIso();
    expect(r.fileName).toBe(`离退休人员资格认证名单-${today}.xlsx`);
    expect(r.count).toBe(2);
    const ws = await sheetOf(r.dataBase64);
    expect(ws.name).toBe('离退休人员资格认证名单');
    expect(ws.getCell('A1').value).toBe('离退休人员资格认证名单');
    expect(ws.getCell('A2').value).toBe(`导出日期：${formatChineseDate(today)}`);
    // The recipient's headings where it gave them, the program's own (离退休时间) where not.
    expect(rowValues(ws, 3)).toEqual(['姓名', '公民身份号码', '离退休时间', '出生日期', '联系方式']);
    // In the list's order (by name: 李 before 张), dates as the recipient writes them, a month-only date kept so.
    expect(rowValues(ws, 4)).toEqual(['李建国', ID_LI, '2008年3月31日', '1948年3月15日']);
    expect(rowValues(ws, 5)).toEqual(['张桂兰', ID_ZHANG, '2007年10月', '1952年10月5日', '13840005076']);
    // Dates written in words are text cells, the ID number too.
    expect(ws.getCell('D5').numFmt).toBe('@');
    expect(ws.getCell('B5').numFmt).toBe('@');
  });

  test('仅后六位, and the other date formats, each as the recipient asked', async () => {
    const { call } = await office();
    await twoPeople(call);
    const expected = {
      iso: ['2007-10', new Date('1952-10-05T00:00:00Z')],
      chinese: ['2007年10月', '1952年10月5日'],
      dots: ['2007.10', '1952.10.05'],
      month: ['2007.10', '1952.10'],
      compact: ['200710', '19521005'],
    } as const;
    for (const dateFormat of DATE_FORMAT_KEYS) {
      const t = await call<ExportTemplate>('exportTemplates.save', {
        template: {
          ...SOCIAL_SECURITY,
          name: `格式 ${dateFormat}`,
          columns: [{ key: 'idNumber' }, { key: 'retirementDate' }, { key: 'birthDate' }],
          idFormat: 'last6',
          dateFormat,
        },
      });
      const ws = await sheetOf(
        (await call<Exported>('retirees.export', { query: { q: '张桂兰' }, full: true, templateId: t.id })).dataBase64,
      );
      expect(rowValues(ws, 4), dateFormat).toEqual([ID_ZHANG.slice(-6), ...expected[dateFormat]]);
      expect(ws.getCell('A2').value).toBe(`导出日期：${formatDateAs(todayIso(), dateFormat)}`);
    }
  });

  test('a masked export stays masked through a template of 完整18位, and a full one is logged as full', async () => {
    const { ctx, call } = await office();
    await twoPeople(call);
    const t = await call<ExportTemplate>('exportTemplates.save', { template: SOCIAL_SECURITY });
    const masked = await call<Exported>('retirees.export', { query: {}, templateId: t.id });
    expect(masked.fileName).toBe(`离退休人员资格认证名单-${todayIso()}（脱敏）.xlsx`);
    const ws = await sheetOf(masked.dataBase64);
    expect(rowValues(ws, 5).slice(0, 2)).toEqual(['张桂兰', '210102********' + ID_ZHANG.slice(-4)]);
    expect(rowValues(ws, 5)[4]).toBe('138****5076');
    // 仅后六位 in a masked export: still the mask, not six digits more than it shows.
    await call('exportTemplates.save', {
      id: t.id,
      version: t.version,
      template: { ...SOCIAL_SECURITY, idFormat: 'last6' },
    });
    const ws6 = await sheetOf((await call<Exported>('retirees.export', { query: {}, templateId: t.id })).dataBase64);
    expect(rowValues(ws6, 5)[1]).toBe('210102********' + ID_ZHANG.slice(-4));
    await call<Exported>('retirees.export', { query: {}, full: true, templateId: t.id });
    const log = ctx.store.raw
      .prepare("SELECT what, rows, filter FROM access_log WHERE action = 'export' ORDER BY id")
      .all() as { what: string; rows: number; filter: string }[];
    // Each export logged with its template; the full one says so (a masked one leaves `full` out).
    expect(log.map((l) => ({ ...l, filter: JSON.parse(l.filter) as unknown }))).toEqual([
      { what: '导出人员名单', rows: 2, filter: { templateId: t.id } },
      { what: '导出人员名单', rows: 2, filter: { templateId: t.id } },
      { what: '导出人员名单', rows: 2, filter: { templateId: t.id, full: true } },
    ]);
  });

  test('只读 lists the templates but may neither edit them nor export; 经办 edits them', async () => {
    const { ctx, call } = await office();
    const t = await call<ExportTemplate>('exportTemplates.save', { template: SOCIAL_SECURITY });
    await signInAs(ctx, '赵只读', 'reader');
    const asReader = (method: string, input: unknown) => dispatch(ctx, method, input, () => {});
    const list = await asReader('exportTemplates.list', {});
    expect(list.ok && list.value).toEqual([expect.objectContaining({ name: '年度认证名单' })]);
    for (const [method, input] of [
      ['exportTemplates.save', { template: { ...SOCIAL_SECURITY, name: '另一个' } }],
      ['exportTemplates.delete', { id: t.id }],
      ['retirees.export', { query: {}, templateId: t.id }],
    ] as const) {
      const r = await asReader(method, input);
      expect(r.ok, method).toBe(false);
      expect(!r.ok && r.error.message, method).toContain('只读');
    }
    expect(templateCount(ctx)).toBe(1);
    await signInAs(ctx, '钱经办', 'clerk');
    const r = await dispatch(ctx, 'exportTemplates.delete', { id: t.id }, () => {});
    expect(r.ok).toBe(true);
    expect(templateCount(ctx)).toBe(0);
  });
});

describe('a template refused in words, nothing saved', () => {
  test('unknown column, no column, a column twice, a name the recipient already has, a stale edit', async () => {
    const { ctx, call, refusal } = await office();
    const t = await call<ExportTemplate>('exportTemplates.save', { template: SOCIAL_SECURITY });
    const audits = auditCount(ctx);
    const refused = async (template: object, extra: object = {}) =>
      (await refusal('exportTemplates.save', { template: { ...SOCIAL_SECURITY, ...template }, ...extra })).message;
    expect(await refused({ name: '新', columns: [{ key: 'name' }, { key: 'shoeSize' }] })).toContain(
      '没有这样的导出列：“shoeSize”',
    );
    expect(await refused({ name: '新', columns: [] })).toContain('请至少选择一列');
    expect(await refused({ name: '新', columns: [{ key: 'name' }, { key: 'name', heading: '名字' }] })).toContain(
      '同一列只能选一次：姓名',
    );
    expect(await refused({})).toBe('接收单位“社保中心”已有名为“年度认证名单”的导出模板，请换一个名称');
    // The same name for another recipient is another template.
    await call('exportTemplates.save', { template: { ...SOCIAL_SECURITY, recipient: '街道' } });
    const edited = await call<ExportTemplate>('exportTemplates.save', {
      id: t.id,
      version: t.version,
      template: { ...SOCIAL_SECURITY, title: '新标题' },
    });
    expect(edited.version).toBe(2);
    expect(await refused({ title: '更旧的标题' }, { id: t.id, version: 1 })).toContain('在您打开之后');
    expect(templateCount(ctx)).toBe(2);
    expect(auditCount(ctx)).toBe(audits + 2);
  });
});

describe('the template file', () => {
  test('round trip between two databases: the same template, the same workbook; a clash asks, then replaces or keeps both', async () => {
    const a = await office();
    const b = await office();
    await twoPeople(a.call);
    await twoPeople(b.call);
    const t = await a.call<ExportTemplate>('exportTemplates.save', { template: SOCIAL_SECURITY });
    const file = await a.call<{ fileName: string; dataBase64: string }>('exportTemplates.export', { id: t.id });
    expect(file.fileName).toBe('导出模板-社保中心-年度认证名单.json');
    const text = Buffer.from(file.dataBase64, 'base64').toString('utf8');
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(json).toMatchObject({ format: 'retiree-office/export-template', version: 1 });
    // The template and nothing else: no person, no operator, no office.
    expect(text).not.toMatch(/张桂兰|王干事|测试集团|210102/);

    const imported = await b.call<TemplateImport>('exportTemplates.import', { text });
    expect('saved' in imported).toBe(true);
    const [mine] = await b.call<ExportTemplate[]>('exportTemplates.list', {});
    const what = ({ list, recipient, name, title, columns, idFormat, dateFormat }: ExportTemplate) => ({
      list,
      recipient,
      name,
      title,
      columns,
      idFormat,
      dateFormat,
    });
    expect(what(mine)).toEqual(what(t));
    const rows = async (o: typeof a, id: number) => {
      const ws = await sheetOf(
        (await o.call<Exported>('retirees.export', { query: {}, full: true, templateId: id })).dataBase64,
      );
      return [1, 3, 4, 5].map((n) => rowValues(ws, n));
    };
    expect(await rows(b, mine.id)).toEqual(await rows(a, t.id));

    // Again: the name is taken. Nothing is saved until the user says which.
    const again = await b.call<TemplateImport>('exportTemplates.import', { text });
    expect(again).toEqual({
      clash: { id: mine.id, recipient: '社保中心', name: '年度认证名单', keepBothAs: '年度认证名单（2）' },
    });
    expect(templateCount(b.ctx)).toBe(1);
    const both = await b.call<TemplateImport>('exportTemplates.import', { text, onClash: 'keepBoth' });
    expect('saved' in both && both.saved.name).toBe('年度认证名单（2）');
    const third = await b.call<TemplateImport>('exportTemplates.import', { text, onClash: 'keepBoth' });
    expect('saved' in third && third.saved.name).toBe('年度认证名单（3）');
    await b.call('exportTemplates.save', {
      id: mine.id,
      version: mine.version,
      template: { ...SOCIAL_SECURITY, title: '改过的标题' },
    });
    const replaced = await b.call<TemplateImport>('exportTemplates.import', { text, onClash: 'replace' });
    expect(replaced).toMatchObject({ replaced: true, saved: { id: mine.id, title: '离退休人员资格认证名单' } });
    expect(templateCount(b.ctx)).toBe(3);
  });

  test('hostile or broken files are refused in Chinese, nothing saved', async () => {
    const { ctx, call, refusal } = await office();
    const t = await call<ExportTemplate>('exportTemplates.save', { template: SOCIAL_SECURITY });
    const good = JSON.parse(
      Buffer.from(
        (await call<{ dataBase64: string }>('exportTemplates.export', { id: t.id })).dataBase64,
        'base64',
      ).toString(),
    ) as { template: Record<string, unknown> };
    const renamed = { ...good, template: { ...good.template, name: '别的名字' } };
    const cases: [string, string, RegExp][] = [
      ['not JSON', '{"format": "retiree-office/export-template", "version": 1, ', /不是有效的 JSON/],
      ['a list', '[1, 2, 3]', /不是导出模板文件/],
      ['another format', JSON.stringify({ ...renamed, format: 'someone-else/template' }), /不是导出模板文件/],
      ['no version', JSON.stringify({ ...renamed, version: 'one' }), /版本号不正确/],
      ['a newer version', JSON.stringify({ ...renamed, version: 2 }), /更新版本的程序.*第 2 版.*请先升级/],
      [
        'an unknown column',
        JSON.stringify({ ...renamed, template: { ...renamed.template, columns: [{ key: 'salary' }] } }),
        /内容有误.*没有这样的导出列：“salary”/,
      ],
      [
        'no column',
        JSON.stringify({ ...renamed, template: { ...renamed.template, columns: [] } }),
        /内容有误.*请至少选择一列/,
      ],
      [
        'a wrong date format',
        JSON.stringify({ ...renamed, template: { ...renamed.template, dateFormat: 'yyyy/mm/dd' } }),
        /日期格式/,
      ],
      ['no template', JSON.stringify({ format: 'retiree-office/export-template', version: 1 }), /内容有误/],
      ['2 MB of junk', 'x'.repeat(2 * 1024 * 1024), /太大/],
    ];
    const audits = auditCount(ctx);
    for (const [what, text, message] of cases) {
      const e = await refusal('exportTemplates.import', { text, onClash: 'keepBoth' });
      expect(e.message, what).toMatch(message);
      expect(e.message, what).toMatch(/\p{Script=Han}/u);
    }
    expect(templateCount(ctx)).toBe(1);
    expect(auditCount(ctx)).toBe(audits);
  });
});

describe('the CLI', () => {
  test('template export and import between two databases, and export --template', async () => {
    const a = await office();
    const b = await office();
    await twoPeople(a.call);
    await twoPeople(b.call);
    await a.call('exportTemplates.save', { template: SOCIAL_SECURITY });
    const dbA = a.ctx.store.file;
    const dbB = b.ctx.store.file;
    a.ctx.close();
    b.ctx.close();
    open.length = 0;
    const dir = tempDir();
    const cli = (args: string[]) =>
      execFileSync(...entryCommand('cli', cliArgs(args)), {
        cwd: root,
        encoding: 'utf8',
        env: CLI_ENV,
      });
    const file = path.join(dir, 'tpl.json');
    expect(cli(['template', 'export', file, '--template', '年度认证名单', '--db', dbA])).toContain(
      '已保存导出模板文件',
    );
    expect(cli(['template', 'import', file, '--db', dbB])).toContain('已导入导出模板：社保中心/年度认证名单');
    // A second import of the same name asks for --replace or --keep-both, and saves nothing.
    let refused = '';
    try {
      cli(['template', 'import', file, '--db', dbB]);
    } catch (e) {
      refused = String((e as { stderr: string }).stderr);
    }
    expect(refused).toContain('加 --replace 替换原模板，或加 --keep-both 另存为“年度认证名单（2）”');
    const out = path.join(dir, 'out.xlsx');
    expect(cli(['export', 'retirees', '--db', dbB, '--out', out, '--template', '社保中心/年度认证名单'])).toContain(
      '已导出 2 人',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('离退休人员资格认证名单');
    expect(rowValues(ws, 3)).toEqual(['姓名', '公民身份号码', '离退休时间', '出生日期', '联系方式']);
    // Masked without --full.
    expect(rowValues(ws, 5)[1]).toBe('210102********' + ID_ZHANG.slice(-4));
  }, 120_000);
});
