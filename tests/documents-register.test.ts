// The document register (文件登记, issue 21 item 4): 收文/发文/政策文件 registered with their 文号,
// date, issuer, summary and file; found by any part of their text; a 文号 once per kind and year;
// the register exported as a workbook and read back. On a real database through the router.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { PrintableView } from '../src-main/contract/common';
import type { DocumentFile, DocumentView } from '../src-main/contract/office';
import type { AppContext } from '../src-main/app/context';
import { documentMatch } from '../src-main/office/documentSearch';
import { freshContext, router } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);

const NOTICE = {
  kind: '收文',
  docNo: '集团离退〔2026〕12号',
  datedOn: '2026-11-10',
  issuer: '集团公司离退休工作部',
  title: '关于做好2027年元旦春节期间走访慰问工作的通知',
  summary: '各单位于元旦前完成对离休干部、困难退休人员的走访慰问，慰问标准每人300元。',
  secrecy: '内部',
  handling: '已传阅，已转各党支部',
};
const register = (fields: Partial<typeof NOTICE> = {}) =>
  call<DocumentView>('documents.create', { ...NOTICE, ...fields });
const titles = (docs: DocumentView[]) => docs.map((d) => d.title);
const find = async (text: string, more: { year?: number; kind?: string } = {}) =>
  titles(await call<DocumentView[]>('documents.list', { text, ...more }));
const count = (table: string) => (ctx.store.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

async function office(): Promise<void> {
  await register();
  await register({
    kind: '政策文件',
    docNo: '人社部发〔2026〕18号',
    datedOn: '2026-07-02',
    issuer: '人力资源社会保障部 财政部',
    title: '关于2026年调整退休人员基本养老金的通知',
    summary: '总体调整水平为2025年退休人员月人均基本养老金的2%。',
    secrecy: null as never,
    handling: '已归档',
  });
  await register({
    kind: '发文',
    docNo: '退管〔2026〕3号',
    datedOn: '2026-03-15',
    issuer: '各党支部',
    title: '关于开展重阳节登高活动的安排',
    summary: null as never,
    secrecy: null as never,
    handling: null as never,
  });
  await register({
    kind: '收文',
    docNo: '集团离退〔2025〕12号',
    datedOn: '2025-12-20',
    title: '关于2025年度离退休人员健康体检的通知',
    summary: '体检费用由单位承担。',
  });
}

describe('registering a document', () => {
  test('its fields as given, the year from its date, the file kept and read back byte for byte', async () => {
    const d = await register();
    expect(d).toMatchObject({ ...NOTICE, year: 2026, version: 1, createdBy: '王干事', files: [] });
    const bytes = Buffer.from('%PDF-1.4\n通知全文\n%%EOF\n');
    const file = await call<DocumentFile>('documents.attach', {
      id: d.id,
      fileName: '集团离退〔2026〕12号.pdf',
      dataBase64: bytes.toString('base64'),
    });
    expect(file).toMatchObject({ mime: 'application/pdf', size: bytes.length, addedBy: '王干事' });
    expect((await call<DocumentView>('documents.get', { id: d.id })).files).toEqual([file]);
    const back = await call<{ dataBase64: string }>('documents.file', { id: file.id });
    expect(Buffer.from(back.dataBase64, 'base64').equals(bytes)).toBe(true);

    // 办理情况 brought up to date against the version the form loaded; an old version is refused.
    const later = await call<DocumentView>('documents.update', { ...d, handling: '已传阅，已转各党支部，已归档' });
    expect(later).toMatchObject({ version: 2, handling: '已传阅，已转各党支部，已归档' });
    expect((await refusal('documents.update', { ...d, handling: '已归档' })).message).toBe(
      '这份文件的登记已被他人修改，请重新打开后再改',
    );
  });

  test('a title is required, a date must be a date: refused in Chinese, nothing saved', async () => {
    expect((await refusal('documents.create', { ...NOTICE, title: '  ' })).message).toContain('请填写文件标题');
    expect((await refusal('documents.create', { ...NOTICE, datedOn: '2026-02-30' })).message).toContain(
      '成文日期应为有效日期',
    );
    expect(count('office_documents')).toBe(0);
  });
});

describe('a 文号 once per kind and year', () => {
  test('the same 文号 in the same kind and year is refused, naming the one registered; elsewhere it is taken', async () => {
    await register();
    const audit = count('audit_log');
    const e = await refusal('documents.create', { ...NOTICE, title: '重复登记的通知', datedOn: '2026-12-01' });
    expect(e.message).toBe(
      '2026 年的收文中已有文号“集团离退〔2026〕12号”（《关于做好2027年元旦春节期间走访慰问工作的通知》），未保存',
    );
    expect(count('office_documents')).toBe(1);
    expect(count('audit_log')).toBe(audit);
    // Another kind, or another year, may carry the same number; a document with none is never a duplicate.
    await register({ kind: '发文', title: '转发的通知' });
    await register({ datedOn: '2027-01-05', title: '次年的通知' });
    await register({ docNo: null as never, title: '无文号的便函' });
    await register({ docNo: null as never, title: '另一份无文号的便函' });
    expect(count('office_documents')).toBe(5);
    // A correction that would make a duplicate is refused as well.
    const other = await register({ docNo: '集团离退〔2026〕13号', title: '第十三号' });
    expect((await refusal('documents.update', { ...other, docNo: '集团离退〔2026〕12号' })).code).toBe('duplicate');
  });
});

describe('searching by text', () => {
  test('any part of the title, 文号, issuer or summary; words together; by year and kind', async () => {
    await office();
    // Part of a title, of a summary, of an issuer, of a 文号 (its brackets need not be typed).
    expect(await find('养老金')).toEqual(['关于2026年调整退休人员基本养老金的通知']);
    expect(await find('体检费用')).toEqual(['关于2025年度离退休人员健康体检的通知']);
    expect(await find('财政部')).toEqual(['关于2026年调整退休人员基本养老金的通知']);
    expect(await find('2026 18号')).toEqual(['关于2026年调整退休人员基本养老金的通知']);
    expect(await find('退管〔2026〕3号')).toEqual(['关于开展重阳节登高活动的安排']);
    // Two characters, one character, and words that must all be found.
    expect(await find('慰问')).toEqual(['关于做好2027年元旦春节期间走访慰问工作的通知']);
    expect(await find('通知 2025')).toEqual([
      '关于2026年调整退休人员基本养老金的通知',
      '关于2025年度离退休人员健康体检的通知',
    ]);
    expect((await find('节')).sort()).toEqual(
      ['关于做好2027年元旦春节期间走访慰问工作的通知', '关于开展重阳节登高活动的安排'].sort(),
    );
    // Characters apart, or in another order, are not a match.
    expect(await find('养金')).toEqual([]);
    expect(await find('金老养')).toEqual([]);
    // The year and the kind narrow it.
    expect(await find('通知', { year: 2025 })).toEqual(['关于2025年度离退休人员健康体检的通知']);
    expect(await find('通知', { kind: '政策文件' })).toEqual(['关于2026年调整退休人员基本养老金的通知']);
    expect(titles(await call<DocumentView[]>('documents.list', { year: 2026, kind: '收文' }))).toEqual([
      '关于做好2027年元旦春节期间走访慰问工作的通知',
    ]);
    // Nothing searchable typed (punctuation only) finds nothing rather than everything.
    expect(await find('〔〕')).toEqual([]);
  });

  test('a corrected title is found by its new words, not its old ones', async () => {
    const d = await register();
    await call('documents.update', { ...d, title: '关于做好2027年春节慰问的补充通知' });
    expect(await find('补充通知')).toEqual(['关于做好2027年春节慰问的补充通知']);
    expect(await find('元旦')).toEqual(['关于做好2027年春节慰问的补充通知']); // still in its summary
    expect(await find('期间走访')).toEqual([]);
  });

  test('the query is the phrase of its character pairs', () => {
    expect(documentMatch('养老金')).toBe('"养老 老金"');
    expect(documentMatch('节')).toBe('"节"*');
    expect(documentMatch('〔2026〕 ＡＢ')).toBe('"20 02 26" AND "ab"');
    expect(documentMatch(' 、')).toBeNull();
  });
});

describe('the register exported', () => {
  test('a year of one kind printed as its 登记簿: A4 landscape, the rows in the order they are dated, logged', async () => {
    await office();
    await register({ docNo: '集团离退〔2026〕5号', datedOn: '2026-05-06', title: '关于报送离退休人员信息的通知' });
    const printed = await call<PrintableView>('documents.print', { year: 2026, kind: '收文' });
    expect(printed).toMatchObject({ title: '2026 年收文登记簿', count: 2 });
    expect(printed.css).toContain('size: 297mm 210mm');
    const rows = [...printed.body.matchAll(/<tr><td[^>]*>(.*?)<\/tr>/g)].map((m) =>
      m[0]
        .split(/<\/td>/)
        .map((c) => c.replace(/<[^>]+>/g, ''))
        .filter(Boolean),
    );
    expect(rows).toEqual([
      [
        '1',
        '集团离退〔2026〕5号',
        '2026年5月6日',
        '集团公司离退休工作部',
        '关于报送离退休人员信息的通知',
        NOTICE.summary,
        '内部',
        NOTICE.handling,
      ],
      [
        '2',
        '集团离退〔2026〕12号',
        '2026年11月10日',
        '集团公司离退休工作部',
        NOTICE.title,
        NOTICE.summary,
        '内部',
        NOTICE.handling,
      ],
    ]);
    expect(printed.body).toContain('共 2 件');
    // Every kind: the 类别 column; a search prints what it found.
    const all = await call<PrintableView>('documents.print', { year: 2026, text: '养老金' });
    expect(all.count).toBe(1);
    expect(all.body).toContain('<th>类别</th>');
    expect(all.body).toContain('查找“养老金”');
    const logged = ctx.store.raw.prepare("SELECT what FROM access_log WHERE action = 'print'").all() as {
      what: string;
    }[];
    expect(logged.map((l) => l.what)).toEqual(['打印文件登记簿', '打印文件登记簿']);
  });

  test('a year of one kind as a workbook, read back: the title, the heading, the rows in date order', async () => {
    await office();
    await register({ docNo: '集团离退〔2026〕5号', datedOn: '2026-05-06', title: '关于报送离退休人员信息的通知' });
    const file = await call<{ fileName: string; count: number; dataBase64: string }>('documents.export', {
      year: 2026,
      kind: '收文',
    });
    expect(file).toMatchObject({ fileName: '2026 年收文登记簿.xlsx', count: 2 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const text = (r: number) =>
      (ws.getRow(r).values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v));
    expect(ws.getCell(1, 1).value).toBe('2026 年收文登记簿');
    expect(String(ws.getCell(2, 1).value)).toContain('测试集团离退休管理办公室');
    const head = text(3);
    expect(head).toEqual(['序号', '类别', '文号', '成文日期', '发文机关', '标题', '摘要', '密级', '办理情况', '附件']);
    expect(text(4).slice(0, 6)).toEqual([
      1,
      '收文',
      '集团离退〔2026〕12号',
      expect.stringMatching(/^2026.11.10$/),
      '集团公司离退休工作部',
      '关于做好2027年元旦春节期间走访慰问工作的通知',
    ]);
    expect(text(5)[5]).toBe('关于报送离退休人员信息的通知');
    expect(ws.rowCount).toBe(5);
    // Exporting is logged.
    const logged = ctx.store.raw.prepare("SELECT what FROM access_log WHERE action = 'export'").all() as {
      what: string;
    }[];
    expect(logged.map((l) => l.what)).toContain('导出文件登记簿');
  });
});
