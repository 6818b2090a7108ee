// The documents kit (src-main/documents): the html tag that escapes whatever it is given, the one
// workbook writer every .xlsx export goes through, and every printed document with a hostile name
// in it, which must come out as text, never as markup.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PrintableView } from '../src-main/contract/common';
import type { PersonFile } from '../src-main/contract/retirees';
import type { AppContext } from '../src-main/app/context';
import { html, raw } from '../src-main/documents/html';
import { htmlDocument } from '../src-main/documents/print';
import { tableWorkbook } from '../src-main/documents/tableWorkbook';
import { checkCharacter } from '../src-main/shared/idNumber';
import { RULE_2026 } from './adjustmentRule';
import { freshContext, person, router } from './helpers';

describe('the html tag', () => {
  test('text is escaped, markup made with the tag or raw() is not, lists are joined, nothing is written for null and false', () => {
    const name = `<script>alert("x")</script>王&李's`;
    const row = html`<td title="${name}">${name}</td>`;
    expect(row.text).toBe(
      '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;王&amp;李&#39;s">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;王&amp;李&#39;s</td>',
    );
    // Nested once, escaped once: not &amp;lt;.
    expect(html`<tr>${row}</tr>`.text).toBe(`<tr>${row.text}</tr>`);
    expect(html`<ol>${['a<b', 'c'].map((x) => html`<li>${x}</li>`)}</ol>`.text).toBe(
      '<ol><li>a&lt;b</li><li>c</li></ol>',
    );
    expect(html`<p>${null}${undefined}${false}${0}${raw('<br>')}</p>`.text).toBe('<p>0<br></p>');
  });

  test('a whole document: the title escaped, the style sheet and the body as made', () => {
    const doc = htmlDocument({ title: '<王>', css: '.a > .b { color: #000; }', body: html`<p>${'&'}</p>`.text });
    expect(doc).toContain('<title>&lt;王&gt;</title>');
    expect(doc).toContain('<style>.a > .b { color: #000; }</style>');
    expect(doc).toContain('<body><p>&amp;</p></body>');
  });
});

describe('tableWorkbook', () => {
  test('each column kind: IDs as text, money in yuan, dates as dates or as text, numbers; a title, a frozen header, a total and a note', async () => {
    const bytes = await tableWorkbook({
      name: '名单:1/2',
      title: '=发放名单',
      subtitle: '批次：一月',
      columns: [
        { label: '序号', kind: 'number' },
        { label: '姓名', kind: 'text' },
        { label: '身份证号', kind: 'id' },
        { label: '银行账号', kind: 'id' },
        { label: '金额（元）', kind: 'money' },
        { label: '出生日期', kind: 'date' },
      ],
      rows: [
        [1, '张桂兰', '11010519500315002X', 6222020200112233, 66730, '1950-03-15'],
        [2, { value: '+cmd', problem: '姓名有误' }, null, '0012', 5, '1952-10'],
      ],
      total: ['合计', '', '', '', 66735, ''],
      notes: ['合计金额（大写）：陆佰陆拾柒元叁角伍分'],
      ruled: true,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('名单 1 2');
    expect(ws.getCell('A1').value).toBe("'=发放名单");
    expect(ws.getCell('A2').value).toBe('批次：一月');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([
      '序号',
      '姓名',
      '身份证号',
      '银行账号',
      '金额（元）',
      '出生日期',
    ]);
    expect(ws.getCell('A3').font?.bold).toBe(true);
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([
      1,
      '张桂兰',
      '11010519500315002X',
      '6222020200112233',
      667.3,
      new Date('1950-03-15T00:00:00Z'),
    ]);
    expect(ws.getCell('C4').numFmt).toBe('@');
    expect(ws.getCell('D4').numFmt).toBe('@');
    expect(ws.getCell('E4').numFmt).toBe('#,##0.00');
    expect(ws.getCell('D5').value).toBe('0012');
    expect(ws.getCell('E5').value).toBe(0.05);
    expect(ws.getCell('F5').value).toBe('1952-10');
    expect(ws.getCell('B5').value).toBe("'+cmd");
    expect(ws.getCell('B5').note).toBe('姓名有误');
    expect((ws.getCell('B5').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFD8A8');
    expect(ws.getCell('E6').value).toBe(667.35);
    expect(ws.getCell('A6').font?.bold).toBe(true);
    expect(ws.getCell('F6').border?.left?.style).toBe('thin');
    expect(ws.getCell('A7').value).toBe('合计金额（大写）：陆佰陆拾柒元叁角伍分');
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:F1', 'A2:F2', 'A7:F7']));
  });

  test('several sheets, each name once', async () => {
    const sheet = (name: string) => ({ name, columns: [{ label: '名称', kind: 'text' as const }], rows: [[name]] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tableWorkbook([sheet('花名册'), sheet('花名册')])) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['花名册', '花名册（2）']);
  });
});

// --- every printed document, with a name that is markup ---------------------------------------------

const HOSTILE = '<script>alert(1)</script>王&李';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;王&amp;李';
const ADDRESS = '<img src=x onerror=alert(1)>幸福路 1 号';

let ctx: AppContext;
const { call } = router(() => ctx);
let file: PersonFile;
const first = '11010519500315002';
/** The file's full ID number (the router answers with it masked). */
const fileIdNumber = first + checkCharacter(first);

beforeAll(async () => {
  ctx = await freshContext();
  file = await call<PersonFile>('retirees.create', {
    person: person({
      name: HOSTILE,
      idNumber: fileIdNumber,
      retirementDate: '2010-03',
      contributionYears: 35,
      area: '东区',
      postcode: '110001',
      address: ADDRESS,
    }),
    acceptWarnings: true,
  });
});
afterAll(() => ctx.close());

function expectEscaped(view: { body: string; title: string }) {
  expect(view.body).toContain(ESCAPED);
  expect(view.body).not.toContain('<script>');
  expect(view.body).not.toContain('<img src=x');
  expect(htmlDocument({ ...view, css: '' })).not.toContain('<script>');
}

describe('a name that is markup prints as text in every printed document', () => {
  test('letters', async () =>
    expectEscaped(await call<PrintableView>('letters.render', { kind: 'sympathy', personIds: [file.id] })));

  test('envelopes and address labels', async () => {
    const envelopes = await call<PrintableView>('letters.envelopes', { personIds: [file.id] });
    expectEscaped(envelopes);
    expect(envelopes.body).toContain('&lt;img src=x onerror=alert(1)&gt;幸福路 1 号');
    expectEscaped(await call<PrintableView>('letters.envelopes', { personIds: [file.id], sheet: '3x8' }));
  });

  test('the contact sheet and the contact tree', async () => {
    const sheet = await call<PrintableView>('org.contactSheet', { ref: { kind: '片区', area: '东区' }, tree: true });
    expectEscaped(sheet);
    expect(sheet.body).toContain('联络树');
  });

  test('the petitions register', async () => {
    await call('petitions.create', {
      receivedOn: '2026-11-02',
      channel: '来信',
      petitioner: HOSTILE,
      subject: ADDRESS,
      content: '来信一封。',
    });
    expectEscaped(await call<PrintableView>('petitions.registerPrint', { from: '2026-11-01', to: '2026-11-30' }));
  });

  test('the pension adjustment notices', async () => {
    await call('adjustments.saveRule', { rule: RULE_2026, loaded: null });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('调资名单');
    ws.addRow(['序号', '姓名', '公民身份号码', '调整前养老金', '调整后养老金', '调整额']);
    ws.addRow([1, HOSTILE, fileIdNumber, 4000, 4195, 195]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const run = await call<{ id: number }>('adjustments.import', {
      year: 2026,
      fileName: '调资名单.xlsx',
      dataBase64: bytes.toString('base64'),
    });
    const notices = await call<PrintableView>('adjustments.notices', { runId: run.id });
    expect(notices.count).toBe(1);
    expectEscaped(notices);
  });
});
