// The records personal-information protection asks for (issue 18, item 7), through the router on a
// real SQLite file: the processing rules printed with the office's name; impact assessments under the
// law's headings, kept three years; a close relative's request for a deceased person's data, answered
// with an export of that file; the files of the deceased listed for review, nothing deleted.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import type { PrintableView } from '../src-main/contract/common';
import type { AssessmentView, RelativeRequestView, RetentionList } from '../src-main/contract/privacy';
import type { HistoryItem, PersonFile } from '../src-main/contract/retirees';
import { retentionList } from '../src-main/privacy/privacy';
import { freshContext, person, router } from './helpers';

let ctx: AppContext;
const { call, refusal } = router(() => ctx);
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());

const assessment = {
  assessedOn: '2026-11-02',
  subject: '药费报销数据处理',
  purpose: '为办理离退休人员药费报销处理医疗票据信息，合法、正当、必要。',
  impact: '泄露可能暴露个人健康状况。',
  measures: '按岗位设定权限；数据加密保存；导出记录留痕。',
  conclusion: '风险可控，可以处理。',
  assessors: '王干事、李会计',
};

async function deceased(
  name = '赵德明',
  diedOn = '2006-03-15',
  idNumber: string | null = '110101194005060017',
): Promise<number> {
  const p = await call<PersonFile>('retirees.create', {
    person: person({ name, idNumber, bankName: '工商银行', bankAccount: '6222020200012345678' }),
  });
  await call('deaths.register', { personId: p.id, diedOn, reportedBy: '其子', note: null });
  return p.id;
}

const request = (personId: number) => ({
  personId,
  requester: '赵小明',
  relation: '子女',
  requesterIdNumber: '110101197001010016',
  phone: '13800001111',
  requestedOn: '2026-11-20',
  wants: '复制',
  purpose: '办理遗产继承',
});

describe('个人信息处理规则', () => {
  test('prints with the office as the processor, the sensitive kinds and the relatives’ rights, signed and dated', async () => {
    const doc = await call<PrintableView>('privacy.rulesPrint', {});
    expect(doc.title).toBe('个人信息处理规则');
    expect(doc.body).toContain('测试集团离退休管理办公室（以下简称本办公室）');
    expect(doc.body).not.toContain('办公室离退休管理办公室');
    for (const words of ['敏感个人信息', '医疗健康信息', '金融账户', '近亲属', '保存期限', '查阅、复制'])
      expect(doc.body).toContain(words);
    expect(doc.body).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
  });
});

describe('个人信息保护影响评估', () => {
  test('is kept under the three headings of Art. 56, to be kept until three years after, and printed', async () => {
    const a = await call<AssessmentView>('privacy.addAssessment', assessment);
    expect(a).toMatchObject({ subject: '药费报销数据处理', keepUntil: '2029-11-02', createdBy: '王干事' });
    expect(await call<AssessmentView[]>('privacy.assessments', {})).toHaveLength(1);
    const doc = await call<PrintableView>('privacy.assessmentPrint', { id: a.id });
    for (const heading of [
      '个人信息的处理目的、处理方式等是否合法、正当、必要',
      '对个人权益的影响及安全风险',
      '所采取的保护措施是否合法、有效并与风险程度相适应',
    ])
      expect(doc.body).toContain(heading);
    expect(doc.body).toContain('按岗位设定权限；数据加密保存；导出记录留痕。');
  });

  test('a heading left empty or a day in the future is refused beside its field, and nothing is kept', async () => {
    const empty = await refusal('privacy.addAssessment', { ...assessment, impact: '  ' });
    expect(empty.message).toContain('对个人权益的影响及安全风险');
    const future = await refusal('privacy.addAssessment', { ...assessment, assessedOn: '2099-01-01' });
    expect(future.message).toBe('评估日期不能晚于今天');
    expect(future.details).toEqual([{ path: ['assessedOn'], message: '评估日期不能晚于今天' }]);
    expect(await call<AssessmentView[]>('privacy.assessments', {})).toEqual([]);
  });

  test('the contract offers no way to edit or delete an assessment', async () => {
    const { contract } = await import('../src-main/contract');
    const methods = Object.keys(contract).filter((m) => m.startsWith('privacy.'));
    expect(methods.filter((m) => /assessment/i.test(m)).sort()).toEqual([
      'privacy.addAssessment',
      'privacy.assessmentPrint',
      'privacy.assessments',
    ]);
  });
});

describe('近亲属查阅、复制（第四十九条）', () => {
  test('only for the deceased: a living person’s file is refused, nothing recorded', async () => {
    const living = await call<PersonFile>('retirees.create', { person: person({ name: '钱桂英' }) });
    const r = await refusal('privacy.addRelativeRequest', request(living.id));
    expect(r.message).toContain('近亲属依法查阅、复制限于已故人员的信息');
    expect(await call<RelativeRequestView[]>('privacy.relativeRequests', {})).toEqual([]);
  });

  test('a wrong ID number of the relative is refused; a relation outside the close relatives too', async () => {
    const id = await deceased();
    const r = await refusal('privacy.addRelativeRequest', { ...request(id), requesterIdNumber: '110101197001010011' });
    expect(r.code).toBe('invalid_input');
    expect(r.message).toMatch(/校验码|身份证/);
    const far = await refusal('privacy.addRelativeRequest', { ...request(id), relation: '侄子' });
    expect(far.message).toContain('近亲属');
    expect(await call<RelativeRequestView[]>('privacy.relativeRequests', {})).toEqual([]);
  });

  test('recorded, answered once with a reason where not given in full, exported, and all in the file’s history', async () => {
    const id = await deceased();
    const req = await call<RelativeRequestView>('privacy.addRelativeRequest', request(id));
    expect(req).toMatchObject({ personName: '赵德明', relation: '子女', answer: null });
    expect(req.requesterIdNumber).toBe('110101********0016');

    // Not answered yet: no export.
    expect((await refusal('privacy.relativeExport', { id: req.id })).message).toContain('请先答复');
    // 部分提供 needs its reason.
    const noReason = await refusal('privacy.answerRelativeRequest', {
      id: req.id,
      answeredOn: '2026-11-25',
      answer: '部分提供',
    });
    expect(noReason.details).toEqual([{ path: ['note'], message: '答复为“部分提供”时，请写明理由' }]);
    const answered = await call<RelativeRequestView>('privacy.answerRelativeRequest', {
      id: req.id,
      answeredOn: '2026-11-25',
      answer: '已提供',
    });
    expect(answered).toMatchObject({ answer: '已提供', answeredBy: '王干事' });
    const again = await refusal('privacy.answerRelativeRequest', {
      id: req.id,
      answeredOn: '2026-11-26',
      answer: '不予提供',
      note: '重复',
    });
    expect(again.code).toBe('conflict');

    const file = await call<{ fileName: string; dataBase64: string }>('privacy.relativeExport', { id: req.id });
    expect(file.fileName).toMatch(/^赵德明档案-近亲属复制-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.dataBase64, 'base64') as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(['档案', '家属及联系人', '药费报销', '走访慰问']);
    const rows = new Map<string, unknown>();
    book.getWorksheet('档案')!.eachRow((row) => rows.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(rows.get('姓名')).toBe('赵德明');
    // ID numbers and accounts whole, as text: the relative asked for a copy.
    expect(rows.get('身份证号')).toBe('110101194005060017');
    expect(rows.get('银行账号')).toBe('6222020200012345678');
    expect(rows.get('状态')).toBe('已故');

    const history = await call<HistoryItem[]>('retirees.history', { id });
    const titles = history.map((h) => h.what);
    expect(titles).toContain('登记近亲属查阅申请');
    expect(titles).toContain('答复近亲属查阅申请');
    expect(history.some((h) => h.reason?.includes('近亲属复制档案'))).toBe(true);
  });
});

describe('已故人员档案保存期限复核', () => {
  test('lists the deceased past the years set, records a review that deletes nothing, and lists it again after as many years', async () => {
    const old = await deceased('赵德明', '2006-03-15');
    await deceased('孙秀兰', '2020-05-01', null);
    let list = await call<RetentionList>('privacy.retention', {});
    expect(list.years).toBe(15);
    expect(list.due.map((d) => [d.name, d.dueOn])).toEqual([['赵德明', '2021-03-15']]);

    list = await call<RetentionList>('privacy.setRetentionYears', { years: 5 });
    expect(list.due.map((d) => d.name)).toEqual(['赵德明', '孙秀兰']);
    expect((await refusal('privacy.setRetentionYears', { years: 0 })).message).toContain('至少 1 年');

    list = await call<RetentionList>('privacy.reviewRetention', {
      personId: old,
      reviewedOn: '2026-11-30',
      decision: '继续保存',
      note: '家属要求保留',
    });
    expect(list.due.map((d) => d.name)).toEqual(['孙秀兰']);
    // The file is still there, whole.
    expect((await call<PersonFile>('retirees.get', { id: old })).name).toBe('赵德明');
    // Five years after the review it comes up again, its last review shown.
    const later = retentionList(ctx.store, '2031-12-01');
    expect(later.due.find((d) => d.name === '赵德明')).toMatchObject({
      dueOn: '2031-11-30',
      lastReview: { reviewedOn: '2026-11-30', decision: '继续保存', reviewedBy: '王干事' },
    });
  });

  test('a living person’s file cannot be reviewed for retention', async () => {
    const living = await call<PersonFile>('retirees.create', { person: person({ name: '钱桂英' }) });
    const r = await refusal('privacy.reviewRetention', {
      personId: living.id,
      reviewedOn: '2026-11-30',
      decision: '移交档案室',
    });
    expect(r.message).toBe('只有已故人员的档案需要保存期限复核');
  });
});
