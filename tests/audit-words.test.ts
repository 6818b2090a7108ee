// The change history speaks Chinese (issue 12, item 7). Every kind of audit row the app writes is
// written here by the real functions, on a real database, mostly through the router; then every row
// is rendered as the history tab shows it, and any label without Chinese, any value that reads as
// code (a camelCase or snake_case word, an enum key, an id, fen as a bare number, an ISO date, an
// object's code form), any entity without a Chinese name fails. A static check beside it reads
// every writeAudit call in src-main with the TypeScript compiler and asks for a label for every
// key of every snapshot type, so a field added later is named before it is shown.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { activityFieldsOf, type ActivityView, type MaterialView } from '../src-main/contract/activities';
import type { AdjustmentRowView, AdjustmentRunView } from '../src-main/contract/adjustments';
import type { BatchView, ClaimFile } from '../src-main/contract/claims';
import type { BenefitParameters } from '../src-main/contract/deathBenefits';
import type { DuesMemberView } from '../src-main/contract/dues';
import type { HandoverProjectView } from '../src-main/contract/handover';
import type { ImportPreview, JobStatus } from '../src-main/contract/imports';
import type { DocumentView, PlanItemView, WorkPlanView } from '../src-main/contract/office';
import type { OrgUnit } from '../src-main/contract/org';
import type { Petition } from '../src-main/contract/petitions';
import type { AttachmentInfo, HistoryItem, PersonFile } from '../src-main/contract/retirees';
import type { AppContext } from '../src-main/app/context';
import { historyEntry } from '../src-main/audit/audit';
import { AUDIT_ENTITIES, auditFieldLabel, auditNames, describeAudit } from '../src-main/audit/describe';
import { deletePerson, getPerson, updatePerson, inputOf } from '../src-main/retirees/persons';
import { DEATH_TASKS } from '../src-main/shared/care';
import { checkCharacter } from '../src-main/shared/idNumber';
import { DEFAULT_TEMPLATES } from '../src-main/shared/letters';
import { RULE_2026 } from './adjustmentRule';
import { freshContext, person, router, tempDir } from './helpers';

const root = path.resolve(import.meta.dirname, '..');
const HAN = /\p{Script=Han}/u;

/** Why a value shown in the history reads as code, or null. `raw` is the field's value as the audit row holds it. */
function readsAsCode(field: string, raw: unknown, shown: string): string | null {
  if (/\[object |\{"|":|\b(undefined|null|true|false|NaN)\b/.test(shown)) return 'the code form of a value';
  if (/\b[a-z]+[A-Z][A-Za-z]*\b/.test(shown)) return 'a camelCase word';
  if (/\b[a-z]+_[a-z_]+\b/.test(shown)) return 'a snake_case word';
  if (/^[a-z][a-z-]*$/.test(shown)) return 'an enum key';
  if (/\d{4}-\d{2}-\d{2}|\d{2}T\d{2}/.test(shown)) return 'an ISO date';
  // Fen, in the field or in a key inside its value, comes out as yuan; basis points as %; ids as names.
  const json = typeof raw === 'object' ? (JSON.stringify(raw) ?? '') : '';
  if (((typeof raw === 'number' && /fen$/i.test(field)) || /fen(PerYear)?":-?\d/i.test(json)) && !shown.includes('元'))
    return 'fen not shown as yuan';
  if (((typeof raw === 'number' && /Bp$/.test(field)) || /Bp":\d/.test(json)) && !shown.includes('%'))
    return 'basis points not shown as a percentage';
  if (typeof raw === 'number' && /Id$/.test(field) && /^\d+$/.test(shown)) return 'a bare id';
  return null;
}

/** Every problem with one rendered row: its title, its labels, its values. */
function problems(
  where: string,
  item: { what: string; changes: { field: string; label: string; before: string; after: string }[] },
  raw: { before: Record<string, unknown> | null; after: Record<string, unknown> | null },
): string[] {
  const out: string[] = [];
  if (!HAN.test(item.what) || /[A-Za-z_]/.test(item.what)) out.push(`${where}: title “${item.what}”`);
  for (const c of item.changes) {
    if (!HAN.test(c.label) || /[A-Za-z]/.test(c.label)) out.push(`${where}: field ${c.field} labelled “${c.label}”`);
    for (const side of ['before', 'after'] as const) {
      const why = readsAsCode(c.field, raw[side]?.[c.field], c[side]);
      if (why) out.push(`${where}: ${c.field} ${side} “${c[side]}” is ${why}`);
    }
  }
  return out;
}

let ctx: AppContext;
const { call } = router(() => ctx);
const first17 = (birth: string, seq: string) => `110105${birth}${seq}`;
const idNumber = (birth: string, seq: string) => first17(birth, seq) + checkCharacter(first17(birth, seq));
const b64 = (s: string) => Buffer.from(s).toString('base64');

async function workbook(name: string, rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  const file = path.join(tempDir(), name);
  await wb.xlsx.writeFile(file);
  return fs.readFileSync(file).toString('base64');
}

/** One of everything the office does that writes an audit row. */
async function officeYear(): Promise<{ people: number[] }> {
  // An operator added, given another role, a password reset.
  const clerk = await call<{ id: number }>('operators.create', {
    name: '张经办',
    role: 'clerk',
    password: 'zhang-2026-a',
    password2: 'zhang-2026-a',
  });
  await call('operators.update', { id: clerk.id, role: 'reader' });
  await call('operators.resetPassword', { id: clerk.id, password: 'zhang-2026-b', password2: 'zhang-2026-b' });
  // The office renamed in 设置.
  await call('app.setup', { orgName: '红星机械厂离退休管理办公室', operatorName: '王干事' });

  // The organisation network.
  const one = await call<OrgUnit>('org.create', { kind: '行政大组', name: '一大组', parentId: null });
  const two = await call<OrgUnit>('org.create', { kind: '行政大组', name: '二大组', parentId: null });
  const three = await call<OrgUnit>('org.create', { kind: '行政大组', name: '三大组', parentId: null });
  const oneA = await call<OrgUnit>('org.create', { kind: '行政小组', name: '一组', parentId: one.id });
  const branch = await call<OrgUnit>('org.create', { kind: '党支部', name: '第一党支部', parentId: null });
  const cell = await call<OrgUnit>('org.create', { kind: '党小组', name: '第一党小组', parentId: branch.id });

  // A file with every field filled, then every field changed.
  // The file as the main process holds it (the router answers with it masked), for updatePerson below.
  const created = await call<PersonFile>('retirees.create', {
    person: person({
      name: '张桂兰',
      gender: '女',
      ethnicity: '汉族',
      idNumber: idNumber('19500315', '002'),
      staffType: '工人',
      workStartDate: '1968-09',
      retirementDate: '2005-03',
      formerUnit: '第一机床厂',
      formerPosition: '车间主任',
      politicalStatus: '中共党员',
      partyBranchId: branch.id,
      partyGroupId: cell.id,
      adminGroupId: one.id,
      adminSubgroupId: oneA.id,
      health: '良好',
      living: '独居',
      careAloneChildless: true,
      careDisability: '半失能',
      careHardship: true,
      careEmptyNest: true,
      remote: true,
      remoteCity: '大连',
      contributionYears: 35,
      remoteArea: true,
      phones: [{ label: '手机', number: '13800001111' }],
      address: '兴华街 12 号',
      postcode: '110021',
      area: '东区',
      building: '1号楼',
      community: '兴华社区',
      bankName: '工商银行',
      bankAccount: '6222020200112233445',
      note: '腿脚不便',
      contacts: [{ name: '李强', relation: '儿子', emergency: true, phones: [{ label: null, number: '13900001111' }] }],
      reviewFlags: ['原单位待核实'],
    }),
  });
  const full = getPerson(ctx.store, created.id);
  const changed = updatePerson(
    ctx.store,
    full.id,
    full.version,
    {
      ...inputOf(full),
      ethnicity: '满族',
      staffType: '干部',
      workStartDate: '1968-10-01',
      retirementDate: '2005-04',
      partyBranchId: null,
      partyGroupId: null,
      adminSubgroupId: null,
      careAloneChildless: false,
      careDisability: null,
      careHardship: false,
      careEmptyNest: false,
      remote: false,
      remoteCity: null,
      contributionYears: 36,
      remoteArea: false,
      phones: [],
      contacts: [],
      reviewFlags: [],
      status: '迁出',
      statusDate: '2026-05',
      health: '一般',
      living: '与子女同住',
      postcode: '110022',
    },
    { acceptWarnings: true, reason: '本人来电更正' },
  );
  updatePerson(
    ctx.store,
    full.id,
    changed.version,
    { ...inputOf(changed), status: '在册', statusDate: null },
    { acceptWarnings: true },
  );

  // Files for the rest of the year's work.
  const zhang = full.id;
  const li = (
    await call<PersonFile>('retirees.create', {
      person: person({
        name: '李建国',
        idNumber: idNumber('19401231', '013'),
        retirementDate: '2000-03',
        contributionYears: 40,
        adminGroupId: one.id,
        area: '东区',
        building: '2号楼',
      }),
    })
  ).id;
  const wang = (
    await call<PersonFile>('retirees.create', {
      person: person({
        name: '王秀英',
        birthDate: '1938-06-01',
        contacts: [{ name: '王强', relation: '儿子', emergency: true, phones: [] }],
      }),
    })
  ).id;
  const gone = (await call<PersonFile>('retirees.create', { person: person({ name: '赵德明' }) })).id;
  deletePerson(ctx.store, gone, '重复建档');

  // Attachments.
  const scan = await call<AttachmentInfo>('attachments.add', {
    personId: zhang,
    fileName: '户口本.pdf',
    mime: 'application/pdf',
    dataBase64: b64('%PDF-1.4 户口本'),
    note: null,
  });
  await call('attachments.remove', { id: scan.id, reason: '重复上传' });

  // Visits: one with a follow-up and the year's certification, a festival batch, 送学上门 below.
  const visit = await call<{ id: number }>('visits.create', {
    personId: zhang,
    kind: '生病住院慰问',
    date: '2026-10-01',
    visitors: '李明',
    money: '500.00',
    items: '水果一篮',
    followUpOn: '2026-11-20',
    certify: true,
  });
  await call('visits.followUpDone', { id: visit.id });
  // A hospital stay: registered, corrected, visited (who led, who went along, what the family said,
  // a photo), discharged; a call nobody answered.
  const stay = await call<{ id: number; version: number }>('stays.create', {
    personId: zhang,
    hospital: '市中心医院',
    department: '心内科',
    bed: '12床',
    admittedOn: '2026-09-28',
    condition: '胸闷',
    newsSource: '家属来电',
    newsDetail: '其子张强',
  });
  await call('stays.update', { id: stay.id, version: stay.version, changes: { bed: '15床' }, base: { bed: '12床' } });
  const stayVisit = await call<{ id: number }>('visits.create', {
    personId: zhang,
    stayId: stay.id,
    kind: '生病住院慰问',
    date: '2026-09-29',
    leader: '刘书记',
    companions: '张干事',
    feedback: '家属反映陪护困难',
  });
  await call('attachments.add', {
    personId: zhang,
    visitId: stayVisit.id,
    fileName: '看望.png',
    mime: 'image/png',
    dataBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  });
  await call('stays.discharge', { id: stay.id, version: 2, dischargedOn: '2026-10-05', outcome: '好转出院' });
  await call('visits.create', { personId: zhang, kind: '电话问候', date: '2026-10-06', callOutcome: '未接通' });
  await call('visits.createBatch', {
    name: '2026年中秋慰问',
    kind: '节日慰问',
    date: '2026-09-20',
    money: '300',
    items: '月饼',
    visitors: '王干事',
    query: { area: '东区' },
  });
  await call('certifications.create', { personId: li, certifiedOn: '2026-03-01', method: '上门', note: null });

  // A death, and its after-death tasks (one paid).
  await call('deaths.register', { personId: wang, diedOn: '2026-11-20', reportedBy: '王强', note: null });
  await call('deaths.task', { personId: wang, task: '丧葬补助金', doneOn: '2026-11-25', amount: '5,000.00' });
  await call('deaths.task', { personId: wang, task: '唁函', doneOn: '2026-11-26' });

  // 党费: a base typed and corrected, a branch's reduction, a month paid on someone's behalf and
  // taken back as a mistake.
  const member = (
    await call<PersonFile>('retirees.create', {
      person: person({ name: '孙立新', politicalStatus: '中共党员', partyBranchId: branch.id }),
    })
  ).id;
  await call('dues.setBase', { personId: member, year: 2025, base: '4,999.99' });
  await call('dues.setBase', { personId: member, year: 2025, base: '5,000.01', dibao: true });
  await call('dues.addReduction', {
    personId: member,
    kind: '减交',
    amount: '0.10',
    fromMonth: '2025-07',
    toMonth: '2025-12',
    decidedOn: '2025-06-20',
    decision: '一支委〔2025〕3号',
  });
  await call('dues.collect', {
    branchId: branch.id,
    paidOn: '2025-01-15',
    items: [{ personId: member, month: '2025-01', paidBy: '代交', proxyName: '孙小红' }],
  });
  const paidDues = await call<DuesMemberView>('dues.member', { personId: member, year: 2025 });
  await call('dues.cancelPayment', { id: paidDues.row.months[0].paymentId, reason: '登记有误' });

  // 社会化移交: a project created and edited; the party member listed, his state edited, handed over
  // and the project completed; the deceased listed and taken off the roster again.
  const project = await call<HandoverProjectView>('handover.create', {
    project: { name: '东区移交', street: '建设街道', agreementDate: '2026-10-20' },
  });
  await call('handover.update', {
    id: project.id,
    version: project.version,
    project: {
      name: '东区社会化移交',
      street: '建设街道',
      agreementNo: '建街移〔2026〕1号',
      agreementDate: '2026-10-20',
      plannedFrom: '2026-11-01',
      plannedTo: '2026-12-31',
      note: '分两批',
    },
  });
  await call('handover.addPeople', { projectId: project.id, personIds: [member, wang] });
  const listed = (await call<HandoverProjectView>('handover.get', { id: project.id })).rows;
  const handed = listed.find((r) => r.personId === member)!;
  await call('handover.updatePerson', {
    id: handed.id,
    version: handed.version,
    person: {
      archiveState: '已整理',
      archiveVolumes: 2,
      partyTransfer: '已转',
      partyTransferOn: '2026-11-10',
      partyTo: '建设社区党委',
      socialSecurity: '已移交',
      street: '建设街道',
      community: '建设社区',
      duesBase: '4,200.00',
      retained: ['补充医疗'],
      retainedOther: '每年体检',
      note: '本人同意',
    },
  });
  await call('handover.removePerson', { id: listed.find((r) => r.personId === wang)!.id });
  await call('handover.complete', { projectId: project.id, rowIds: [handed.id], handedOverOn: '2026-11-20' });
  await call('handover.completeProject', { id: project.id, completedOn: '2026-11-30' });

  // The death benefits: the parameters typed and corrected, a death's amounts computed and
  // recomputed with a reason, the claim around them.
  await call('deathBenefits.saveBase', { province: '山东', year: 2026, base: '2,818.50' });
  await call('deathBenefits.saveBase', { province: '山东', year: 2026, base: '3,000.00' });
  await call('deathBenefits.saveIncome', { year: 2026, income: '51,821.00' });
  const organRule = {
    group: '机关',
    province: '全国',
    fromDate: '2011-08-01',
    rule: {
      kind: 'pension',
      basis: '民发〔2011〕192号',
      incomeTimes: 2,
      reliefMonths: 40,
      reliefFixedFen: 0,
      funeralMonths: 0,
      funeralFixedFen: 6_000_00,
    },
  };
  const typedTwice = await call<BenefitParameters>('deathBenefits.saveRule', { ...organRule, fromDate: '2011-08-02' });
  await call('deathBenefits.deleteRule', {
    id: typedTwice.rules.find((r) => r.group === '机关')!.id,
    reason: '日期录错',
  });
  await call('deathBenefits.saveRule', organRule);
  const zhou = (
    await call<PersonFile>('retirees.create', {
      person: person({
        name: '周振华',
        unitNature: '企业',
        retirementDate: '2015-03',
        contributionYears: 30,
        contributionMonths: 6,
      }),
    })
  ).id;
  await call('deaths.register', { personId: zhou, diedOn: '2026-10-01' });
  await call('deathBenefits.compute', { personId: zhou, province: '山东' });
  await call('deathBenefits.compute', { personId: zhou, province: '山东', version: 1, reason: '计发基数更正' });
  await call('deathBenefits.save', {
    personId: zhou,
    version: 2,
    claimantName: '周强',
    claimantRelation: '子女',
    materials: ['申领人身份证'],
    filedOn: '2026-10-20',
    overpaid: '3,000.00',
    unpaidReason: '待追回多发养老金',
  });

  // A survivor of the deceased: registered with the allowance, edited, checked, stopped; the standard typed and removed.
  await call('survivors.saveStandard', {
    amount: '500',
    fromMonth: '2026-01',
    toMonth: null,
    basis: '办发〔2026〕1号',
  });
  const mistyped = await call<{ id: number; fromMonth: string }[]>('survivors.saveStandard', {
    amount: '600',
    fromMonth: '2020-01',
    toMonth: '2020-12',
  });
  await call('survivors.deleteStandard', {
    id: mistyped.find((s) => s.fromMonth === '2020-01')!.id,
    reason: '年份录错',
  });
  const survivor = await call<{ id: number; version: number; allowances: { id: number; version: number }[] }>(
    'survivors.create',
    {
      deceasedId: zhou,
      survivor: { name: '周王氏', relation: '配偶', idNumber: '370102195003080021', qualifications: ['无固定收入'] },
      startMonth: '2026-11',
    },
  );
  await call('survivors.update', { id: survivor.id, version: survivor.version, changes: { phone: '13800001234' } });
  await call('survivors.check', { survivorId: survivor.id, checkedOn: '2026-11-20', method: '上门' });
  await call('survivors.stopAllowance', {
    allowanceId: survivor.allowances[0].id,
    version: survivor.allowances[0].version,
    stopMonth: '2026-12',
    reason: '再婚',
  });

  // Claims: the policy, a claim through approval and payment, a reversal, a scan, the legacy ledger.
  await call('claims.savePolicy', {
    year: 2026,
    category: '退休',
    rules: {
      deductibleFen: 80000,
      capFen: 1000000,
      ratioBp: { 门诊: 7000, 住院: 8500, 特殊病种: 9000, 药店: 6000 },
      ageBands: [{ minAge: 80, extraBp: 1000 }],
    },
    note: null,
  });
  await call('claims.savePolicy', {
    year: 2026,
    category: '退休',
    rules: {
      deductibleFen: 90000,
      capFen: null,
      ratioBp: { 门诊: 7500, 住院: 8500, 特殊病种: 9000, 药店: 6000 },
      ageBands: [],
    },
    note: '年中调整',
  });
  const line = (invoiceNo: string, amount: string) => ({
    invoiceNo,
    invoiceCode: '210000',
    hospital: '市中心医院',
    visitDate: '2026-03-02',
    kind: '住院',
    total: amount,
    fund: '0',
    account: '0',
    self: amount,
  });
  const claim = await call<ClaimFile>('claims.create', {
    personId: li,
    receivedDate: '2026-03-10',
    note: '住院发票',
    lines: [line('A001', '5,000.00'), line('A002', '1,200.50')],
  });
  const checked = await call<ClaimFile>('claims.move', { id: claim.id, version: claim.version, to: '审核' });
  const approved = await call<ClaimFile>('claims.move', { id: claim.id, version: checked.version, to: '批准' });
  await call('attachments.add', {
    personId: li,
    fileName: '住院发票.pdf',
    mime: 'application/pdf',
    dataBase64: b64('%PDF-1.4 发票'),
    note: null,
    claimId: claim.id,
  });
  const batch = await call<BatchView>('batches.create', { name: '2026年3月', claimIds: [approved.id] });
  await call('batches.markPaid', { id: batch.id });
  // Hardship aid: a reason added and retired, an application granted in part, paid in a batch.
  const flood = await call<{ id: number }>('aid.saveReason', { name: '水灾', retired: false });
  await call('aid.saveReason', { id: flood.id, name: '水灾', retired: true });
  const aid = await call<{ id: number; version: number }>('aid.apply', {
    personId: li,
    reasonId: 1,
    appliedOn: '2026-03-02',
    story: '住院手术，自付较多',
    asked: '3,000',
  });
  const granted = await call<{ id: number }>('aid.decide', {
    id: aid.id,
    version: aid.version,
    decision: '部分批准',
    granted: '2,000',
    decidedOn: '2026-03-05',
    decidedBy: '赵主任',
    body: '工会',
  });
  const aidBatch = await call<BatchView>('batches.create', {
    name: '2026年3月困难帮扶',
    items: [{ source: 'aid', id: granted.id }],
  });
  await call('batches.markPaid', { id: aidBatch.id });
  const other = await call<ClaimFile>('claims.create', {
    personId: li,
    receivedDate: '2026-04-10',
    lines: [line('B001', '800.00')],
  });
  const returned = await call<ClaimFile>('claims.move', {
    id: other.id,
    version: other.version,
    to: '退回',
    reason: '缺少费用清单',
  });
  const again = await call<ClaimFile>('claims.move', { id: other.id, version: returned.version, to: '登记' });
  const otherChecked = await call<ClaimFile>('claims.move', { id: other.id, version: again.version, to: '审核' });
  const otherApproved = await call<ClaimFile>('claims.move', {
    id: other.id,
    version: otherChecked.version,
    to: '批准',
  });
  await call('claims.reverse', { id: other.id, version: otherApproved.version, reason: '票据金额录错' });
  const ledger = await workbook('2025年报销台账.xlsx', [
    ['姓名', '身份证号', '就医日期', '医疗机构', '费用类别', '票据号', '医疗总费用', '符合报销金额', '实报金额'],
    ['李建国', idNumber('19401231', '013'), '2025-06-01', '市中心医院', '门诊', 'L001', 300, 300, 210],
  ]);
  await call('claims.importLedger', { fileName: '2025年报销台账.xlsx', dataBase64: ledger, dryRun: false });

  // A roster through the import wizard: one audit row names the import (its log holds the rows).
  const roster = await workbook('新增人员名单.xlsx', [
    ['姓名', '身份证号'],
    ['赵秀英', idNumber('19480706', '024')],
  ]);
  const opened = await call<ImportPreview>('imports.open', {
    fileName: '新增人员名单.xlsx',
    data: Buffer.from(roster, 'base64'),
  });
  await ctx.jobs.settled((await call<JobStatus>('imports.commit', { session: opened.session })).id);

  // A petition from receipt to conclusion, with a scan.
  const p = await call<Petition>('petitions.create', {
    receivedOn: '2026-09-01',
    channel: '来访',
    personId: zhang,
    petitioner: null,
    relation: null,
    phone: '13800001111',
    subject: '医药费报销进度',
    content: '询问住院费用报销何时到账',
    handler: '王干事',
  });
  const accepted = await call<Petition>('petitions.advance', {
    id: p.id,
    version: p.version,
    step: { step: 'accept', on: '2026-09-03' },
  });
  const extended = await call<Petition>('petitions.advance', {
    id: p.id,
    version: accepted.version,
    step: { step: 'extend', days: 30, reason: '需调取医院资料' },
  });
  await call('petitions.advance', {
    id: p.id,
    version: extended.version,
    step: { step: 'conclude', on: '2026-11-20', result: '已答复并报销', satisfaction: '满意' },
  });
  await call('petitions.attach', {
    id: p.id,
    fileName: '来信.pdf',
    mime: 'application/pdf',
    dataBase64: b64('%PDF-1.4 来信'),
  });

  // The pension adjustment: the rule, the agency's list, a check and its taking back, a recompute.
  await call('adjustments.saveRule', { rule: RULE_2026, loaded: null });
  const list = await workbook('2026年调资名单.xlsx', [
    ['序号', '姓名', '公民身份号码', '调整前养老金', '调整后养老金', '调整额'],
    [1, '张桂兰', idNumber('19500315', '002'), 4000, 4195, 195],
    [2, '李建国', idNumber('19401231', '013'), 3333.33, 3557.66, 224.33],
  ]);
  const run = await call<AdjustmentRunView>('adjustments.import', {
    year: 2026,
    fileName: '2026年调资名单.xlsx',
    dataBase64: list,
  });
  const rows = (
    await call<{ rows: AdjustmentRowView[] }>('adjustments.rows', { runId: run.id, filter: 'all' })
  ).rows.filter((r) => r.personId !== null);
  for (const r of rows) await call('adjustments.check', { id: r.id, note: '经与社保中心核实' });
  await call('adjustments.uncheck', { id: rows[0].id, reason: '社保中心来函更正' });
  await call('adjustments.saveRule', { rule: { ...RULE_2026, fixedFen: 5500 }, loaded: RULE_2026 });
  await call('adjustments.recompute', { runId: run.id });

  // Activities and study: an activity with attendance, a material delivered to the door.
  const meeting = await call<ActivityView>('activities.create', {
    kind: '组织生活会',
    title: '十一月主题党日',
    heldOn: '2026-11-20',
    place: '老干部活动中心',
    organiser: '第一党支部',
    inviteUnit: { kind: '行政大组', id: one.id },
  });
  await call('activities.attendance', { id: meeting.id, personIds: [zhang, li], attended: true });
  const material = await call<MaterialView>('materials.create', {
    title: '党的二十届四中全会精神学习辅导',
    issuedOn: '2026-11-20',
  });
  await call('materials.deliver', { id: material.id, personIds: [li], how: '送学上门', on: '2026-11-25' });
  await call('materials.deliver', { id: material.id, personIds: [zhang], how: '会上领取', on: '2026-11-20' });
  // A meeting's staff, minutes and a file; a 学习通报 reaching a branch.
  const talk = await call<ActivityView>('activities.create', {
    kind: '离退休干部座谈会',
    title: '情况通报座谈会',
    heldOn: '2026-11-21',
    staff: [{ name: '刘主任', unit: '公司党委' }],
  });
  await call('activities.staffAttendance', { id: talk.id, staffIds: [talk.staff[0].id], attended: true });
  // Its place and time corrected afterwards (activities.update).
  await call('activities.update', {
    id: talk.id,
    activity: { ...activityFieldsOf(talk), place: '老干部活动中心', startsAt: '09:30' },
    loaded: activityFieldsOf(talk),
  });
  await call('activities.meeting', { id: talk.id, host: '刘主任', minutes: '会议通报了年度工作。' });
  await call('activities.attach', {
    id: talk.id,
    fileName: '签到表.pdf',
    dataBase64: Buffer.from('%PDF-1.4 签到表').toString('base64'),
  });
  const partyBranch = await call<OrgUnit>('org.create', { kind: '党支部', name: '第九党支部', parentId: null });
  const notice = await call<MaterialView>('materials.create', {
    kind: '学习通报',
    title: '学习通报',
    issuedOn: '2026-11-20',
    branchIds: [partyBranch.id],
  });
  await call('materials.sendToBranches', {
    id: notice.id,
    branchIds: [partyBranch.id],
    on: '2026-11-22',
    receivedBy: '陈书记',
  });

  // The yearly work plan: an item added, changed, ticked off by the meeting, copied into the next
  // year, one removed; the document register: a document registered, brought up to date, its file kept.
  const planItem = await call<PlanItemView>('plan.addItem', {
    year: 2026,
    content: '组织主题党日活动',
    category: '组织生活',
    owner: '王干事',
    dueMonth: '2026-11',
  });
  await call('plan.updateItem', { ...planItem, owner: '张主任', dueMonth: '2026-12', note: '与支部共同组织' });
  await call('plan.link', { itemId: planItem.id, kind: 'activity', recordId: meeting.id });
  await call('plan.unlink', {
    linkId: (
      await call<PlanItemView>('plan.link', { itemId: planItem.id, kind: 'study_material', recordId: material.id })
    ).links[1].id,
  });
  const copied = await call<WorkPlanView>('plan.copy', { fromYear: 2026, toYear: 2027 });
  await call('plan.removeItem', { id: copied.items[0].id, reason: '明年另行安排' });
  const doc = await call<DocumentView>('documents.create', {
    kind: '收文',
    docNo: '集团离退〔2026〕12号',
    datedOn: '2026-11-10',
    issuer: '集团公司离退休工作部',
    title: '关于做好2027年元旦春节走访慰问工作的通知',
    summary: '各单位于元旦前完成走访慰问。',
    secrecy: '内部',
    handling: '已传阅',
  });
  await call('documents.update', { ...doc, handling: '已传阅，已转各支部' });
  await call('documents.attach', {
    id: doc.id,
    fileName: '通知.txt',
    dataBase64: Buffer.from('通知全文').toString('base64'),
  });

  // The network: a leader, a move, an assignment, a merge; a place's leader.
  await call('org.saveUnit', {
    ref: { kind: '行政小组', id: oneA.id },
    name: '第一小组',
    leaderPersonId: zhang,
    leader: null,
    phone: '13800001111',
    note: '每月第一个周三活动',
  });
  await call('org.saveUnit', {
    ref: { kind: '楼栋', area: '东区', building: '1号楼' },
    leaderPersonId: null,
    leader: '刘楼长',
    phone: '13700001111',
    note: null,
  });
  await call('org.move', { ref: { kind: '行政小组', id: oneA.id }, to: { kind: '行政大组', id: two.id } });
  await call('org.assign', { query: { q: '李建国' }, ref: { kind: '行政大组', id: three.id } });
  await call('org.merge', { from: { kind: '行政大组', id: three.id }, into: { kind: '行政大组', id: two.id } });

  // A letter template.
  await call('letters.saveTemplate', {
    ...DEFAULT_TEMPLATES.bereavement,
    body: '惊悉{姓名}{称呼}不幸逝世，享年{年龄}岁。',
    dateStyle: 'arabic',
  });

  // Personal-information protection: an impact assessment, a relative's request for the deceased's
  // file answered and exported, the retention years and a review.
  await call('privacy.addAssessment', {
    assessedOn: '2026-11-02',
    subject: '药费报销数据处理',
    purpose: '办理报销所必需',
    impact: '健康信息泄露的风险',
    measures: '权限、加密、留痕',
    conclusion: '风险可控',
    assessors: '王干事',
  });
  const request = await call<{ id: number }>('privacy.addRelativeRequest', {
    personId: wang,
    requester: '王强',
    relation: '子女',
    requestedOn: '2026-11-27',
    wants: '复制',
    purpose: '办理遗产继承',
  });
  await call('privacy.answerRelativeRequest', { id: request.id, answeredOn: '2026-11-28', answer: '已提供' });
  await call('privacy.relativeExport', { id: request.id });
  await call('privacy.setRetentionYears', { years: 20 });
  await call('privacy.reviewRetention', { personId: wang, reviewedOn: '2026-11-30', decision: '继续保存' });
  // Statistics (issue 19): the clerk settles a change of status, its nature and date.
  const [death] = await call<{ id: number }[]>('statistics.changes', { personId: wang });
  await call('statistics.confirmChange', { id: death.id, nature: '变动', effectiveDate: '2026-11-20' });
  // An export template for the social-insurance centre (issue 19 item 6): made, changed, deleted.
  const template = {
    list: 'roster',
    recipient: '社保中心',
    name: '认证名单',
    title: '资格认证名单',
    columns: [{ key: 'name' }, { key: 'idNumber', heading: '公民身份号码' }],
    idFormat: 'full',
    dateFormat: 'iso',
  };
  const saved = await call<{ id: number; version: number }>('exportTemplates.save', { template });
  await call('exportTemplates.save', {
    id: saved.id,
    version: saved.version,
    template: { ...template, columns: [...template.columns, { key: 'birthDate' }], dateFormat: 'chinese' },
  });
  await call('exportTemplates.delete', { id: saved.id });
  return { people: [zhang, li, wang] };
}

let people: number[] = [];
beforeAll(async () => {
  ctx = await freshContext();
  ({ people } = await officeYear());
}, 60_000);
afterAll(() => ctx.close());

const auditRows = () =>
  ctx.store.raw.prepare('SELECT * FROM audit_log ORDER BY id').all() as {
    id: number;
    at: string;
    operator: string;
    entity: string;
    action: string;
    reason: string | null;
    before: string | null;
    after: string | null;
    person_id: number | null;
  }[];

describe('the change history in words', () => {
  test('every file’s 变更记录, as the router gives it, has Chinese labels and no value that reads as code', async () => {
    const found: string[] = [];
    for (const id of people) {
      const items = await call<HistoryItem[]>('retirees.history', { id });
      const raw = new Map(
        auditRows()
          .filter((r) => r.person_id === id)
          .map((r) => [r.id, historyEntry(r)]),
      );
      for (const item of items) {
        const e = raw.get(item.id)!;
        found.push(...problems(`第 ${id} 号档案“${item.what}”`, item, e));
      }
    }
    expect(found).toEqual([]);
  });

  test('every audit row the app wrote, whatever it hangs off, reads in Chinese', () => {
    const rows = auditRows();
    const names = auditNames(ctx.store);
    const found: string[] = [];
    for (const r of rows) {
      const e = historyEntry(r);
      found.push(...problems(`${r.entity}.${r.action} #${r.id}`, describeAudit(e, names), e));
    }
    expect(found).toEqual([]);
    // This walk wrote every kind of record the app audits, each with a Chinese name.
    const written = new Set(rows.map((r) => r.entity));
    expect([...written].sort()).toEqual(Object.keys(AUDIT_ENTITIES).sort());
    for (const [entity, { name }] of Object.entries(AUDIT_ENTITIES))
      expect(HAN.test(name) && !/[A-Za-z_]/.test(name), entity).toBe(true);
  });

  test('the values say what the office says: yuan, percentages, Chinese dates, names for ids, words for keys', () => {
    const names = auditNames(ctx.store);
    const shown = (entity: string) =>
      auditRows()
        .filter((r) => r.entity === entity)
        .flatMap((r) =>
          describeAudit(historyEntry(r), names).changes.map((c) => `${c.label}：${c.before} → ${c.after}`),
        );
    expect(shown('visit')).toContain('慰问金：（空） → 500.00 元');
    expect(shown('visit')).toContain('已回访：否 → 是');
    expect(shown('death')).toContain('去世日期：（空） → 2026年11月20日');
    expect(shown('death')).toContain('金额：（空） → 5,000.00 元');
    expect(shown('claim')).toContainEqual(expect.stringMatching(/^发放批次：（空） → 2026年3月$/));
    expect(shown('claim_policy')).toContain(
      '报销比例：门诊 70%、住院 85%、特殊病种 90%、药店 60% → 门诊 75%、住院 85%、特殊病种 90%、药店 60%',
    );
    expect(shown('adjustment_rule')).toContain('定额调整：50.00 元 → 55.00 元');
    expect(shown('letter_template')).toContain(
      '落款日期：汉字（二〇二六年十一月二十八日） → 阿拉伯数字（2026年11月28日）',
    );
    expect(shown('person')).toContain('艰苦边远地区：是 → 否');
    expect(shown('person')).toContain('行政大组：一大组 → 三大组');
    expect(shown('person')).toContain('参加工作时间：1968年9月 → 1968年10月1日');
    expect(shown('activity')).toContainEqual(expect.stringMatching(/^人员：（空） → (张桂兰、李建国|李建国、张桂兰)$/));
    expect(shown('activity')).toContain('参会工作人员：（空） → 刘主任');
    expect(shown('activity')).toContain('会议纪要：（空） → 会议通报了年度工作。');
    expect(shown('activity')).toContain('地点：（空） → 老干部活动中心');
    expect(shown('activity')).toContain('开始时间：（空） → 09:30');
    expect(shown('study_material')).toContain('送达党支部：（空） → 第九党支部');
    expect(shown('study_material')).toContain('下发党支部：（空） → 1 个');
    expect(shown('attachment')).toContain('所属报销单：（空） → 第 1 号报销单');
    expect(shown('export_template')).toContain(
      '导出列：姓名、身份证号（公民身份号码） → 姓名、身份证号（公民身份号码）、出生日期',
    );
    expect(shown('export_template')).toContain('日期格式：横线分隔（年-月-日） → 中文年月日');
  });
});

// --- statically: every key of every snapshot type written to the audit log has a label ------------

interface AuditSite {
  where: string;
  entities: string[];
  /** Snapshot keys, or null where the type cannot list them (an index signature). */
  keys: string[] | null;
}

/** Every writeAudit call in src-main: its entity and the keys its before and after types hold. */
function auditSites(): AuditSite[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.node.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(String(d.messageText));
      },
    },
  )!;
  const files = config.fileNames.filter(
    (f) => f.includes(`${path.sep}src-main${path.sep}`) && fs.readFileSync(f, 'utf8').includes('writeAudit('),
  );
  const program = ts.createProgram(files, {
    ...config.options,
    noEmit: true,
    composite: false,
    incremental: false,
    tsBuildInfoFile: undefined,
  });
  const checker = program.getTypeChecker();
  const sites: AuditSite[] = [];
  const keysOf = (t: ts.Type): string[] | null => {
    const out: string[] = [];
    for (const member of t.isUnion() ? t.types : [t]) {
      if (member.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) continue;
      if (checker.getIndexInfosOfType(member).length > 0) return null;
      const props = checker.getPropertiesOfType(member);
      if (props.length === 0 && !(member.flags & ts.TypeFlags.Object)) return null;
      if (props.length === 0 && checker.typeToString(member) === 'object') return null;
      out.push(...props.map((p) => p.name));
    }
    return out;
  };
  for (const file of files.map((f) => program.getSourceFile(f)!)) {
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'writeAudit' &&
        node.arguments.length === 2
      ) {
        const where = `${path.relative(root, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        const entry = node.arguments[1];
        if (!ts.isObjectLiteralExpression(entry))
          throw new Error(`${where}: writeAudit with an entry that is not written out`);
        const prop = (name: string) =>
          entry.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === name);
        const typeOf = (p: ts.ObjectLiteralElementLike) =>
          ts.isPropertyAssignment(p)
            ? checker.getTypeAtLocation(p.initializer)
            : checker.getTypeAtLocation((p as ts.ShorthandPropertyAssignment).name);
        const entityType = typeOf(prop('entity')!);
        const entities = (entityType.isUnion() ? entityType.types : [entityType]).map((t) =>
          t.isStringLiteral() ? t.value : `<${checker.typeToString(t)}>`,
        );
        const before = keysOf(typeOf(prop('before')!));
        const after = keysOf(typeOf(prop('after')!));
        sites.push({
          where,
          entities,
          keys: before === null || after === null ? null : [...new Set([...before, ...after])],
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return sites;
}

describe('every audited snapshot type, read statically', () => {
  test('every writeAudit names a known entity, and every key of its snapshots has a Chinese label', () => {
    const sites = auditSites();
    expect(sites.length).toBeGreaterThan(25);
    const found: string[] = [];
    for (const s of sites) {
      for (const entity of s.entities) {
        if (!AUDIT_ENTITIES[entity]) found.push(`${s.where}: entity ${entity} has no Chinese name`);
        if (s.keys === null) {
          // Only a death's after-death tasks are keyed by value: each of them is its own label.
          if (entity === 'death') for (const task of DEATH_TASKS) expect(auditFieldLabel('death', task)).toBe(task);
          else found.push(`${s.where}: the snapshot of ${entity} has no listable keys; give it a type`);
          continue;
        }
        for (const key of s.keys) {
          const label = auditFieldLabel(entity, key);
          if (!label || !HAN.test(label)) found.push(`${s.where}: ${entity}.${key} has no Chinese label`);
        }
      }
    }
    expect(found).toEqual([]);
  }, 60_000);
});
