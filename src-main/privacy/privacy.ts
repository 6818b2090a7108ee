// Personal-information protection (个人信息保护, PIPL) as records the office keeps:
// - the processing rules (个人信息处理规则) to post, with the office's name and the date (Art. 17, 30);
// - impact assessments (个人信息保护影响评估), under the three headings of Art. 56, kept at least three
//   years (Art. 56): they are added, printed and read, never edited or deleted here;
// - a close relative's request to see or copy a deceased person's data (Art. 49), answered with an
//   export of that file; only for the deceased, only by a close relative (Civil Code Art. 1045);
// - the files of the deceased listed for review after the years the office sets; a review records a
//   decision (继续保存 / 移交档案室) and deletes nothing.
import type {
  AssessmentInput,
  AssessmentView,
  RelativeAnswerInput,
  RelativeRequestInput,
  RelativeRequestView,
  RetentionList,
  RetentionReviewInput,
} from '../contract/privacy';
import { ASSESSMENT_KEEP_YEARS } from '../contract/privacy';
import type { PrintableView } from '../contract/common';
import { nowIso, writeAudit } from '../audit/audit';
import { listClaims } from '../claims/claims';
import type { Selectable } from 'kysely';
import type { PrivacyAssessmentsTable } from '../db/schema';
import type { Store } from '../db/store';
import { html } from '../documents/html';
import { letterCss } from '../documents/letter';
import { printable } from '../documents/print';
import { tableWorkbook, type TableColumn, type TableValue } from '../documents/tableWorkbook';
import { getPerson } from '../retirees/persons';
import { currentOperator, getOfficeSettings, readSetting, writeSetting } from '../settings/settings';
import { formatChineseDate, todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { PERSON_FIELDS, type PersonField } from '../shared/fields';
import { maskIdNumber } from '../shared/mask';
import { formatYuan } from '../shared/money';
import { listVisits } from '../visits/visits';

/** The rules and an assessment: an A4 letter page in a smaller type, with numbered headings. */
const RULES_CSS = `${letterCss('A4')}
.rules { font-size: 13pt; line-height: 1.7; }
.rules .meta { font-size: 11pt; margin: 0 0 3mm; }
.rules h2 { font-size: 14pt; margin: 4mm 0 1mm; font-weight: bold; }`;

/** A refusal shown beside the field it is about (the form reads `details` as zod issues). */
const onField = (field: string, message: string) =>
  new UserError('invalid_input', message, [{ path: [field], message }]);

// --- the processing rules, to post ------------------------------------------------------------------

/**
 * The office as it signs: the name set up at first start, which most offices give whole
 * (红星机械厂离退休管理办公室); a company's name alone gets 离退休管理办公室 after it.
 */
function officeName(orgName: string): string {
  if (!orgName) return '离退休管理办公室';
  return /(办公室|管理处|管理中心|服务中心|管理科|工作部|工作处)$/.test(orgName)
    ? orgName
    : `${orgName}离退休管理办公室`;
}

/** The rules as sections of paragraphs; the office's name goes where the law asks who processes. */
function rulesSections(orgName: string): { heading: string; paragraphs: string[] }[] {
  const office = officeName(orgName);
  return [
    {
      heading: '一、处理者',
      paragraphs: [
        `${office}（以下简称本办公室）为离退休人员提供服务与管理，是本规则所称个人信息的处理者。对个人信息处理有疑问、意见或者要求的，可到本办公室当面提出，或者通过本办公室公布的电话、地址联系。`,
      ],
    },
    {
      heading: '二、处理目的和方式',
      paragraphs: [
        '本办公室为下列目的处理离退休人员及其近亲属的个人信息：建立和管理离退休人员档案；办理医药费报销及支付；走访慰问、困难帮扶和去世后的善后事宜；信访接待；组织活动和学习；年度养老金调整核对及上级要求的统计报送。',
        '个人信息在本办公室的计算机上录入、保存和使用，按岗位设定查看和修改权限；对外提供统计报表时，除上级明确要求外，不提供能够识别到个人的信息。',
      ],
    },
    {
      heading: '三、处理的个人信息种类',
      paragraphs: [
        '基本信息：姓名、性别、民族、出生日期、身份证号、原单位及职务、参加工作及离退休时间、政治面貌、住址、联系电话、家属及联系人。',
        '敏感个人信息：身份证号；医疗健康信息（药费报销、健康及失能状况、住院情况）；金融账户（开户行及银行账号）。处理敏感个人信息仅限于办理上述事项所必需，并采取严格保护措施。',
      ],
    },
    {
      heading: '四、保存期限',
      paragraphs: [
        '档案自建立起保存至本人去世后本办公室规定的复核年限；到期经专人复核后，决定继续保存或者移交档案室，不自行删除。报销、支付及慰问记录按财务和档案管理规定的期限保存。个人信息保护影响评估记录至少保存三年。',
      ],
    },
    {
      heading: '五、个人的权利及行使方式',
      paragraphs: [
        '本人可以查阅、复制本人的个人信息；发现信息不准确或者不完整的，可以请求更正、补充；可以请求解释本规则。请向本办公室当面或书面提出，本办公室核实身份后及时办理，不能办理的说明理由。',
        '离退休人员去世后，其近亲属为了自身的合法、正当利益，可以对逝者的相关个人信息行使查阅、复制等权利；逝者生前另有安排的除外。近亲属应提供身份证明及亲属关系证明。',
      ],
    },
    {
      heading: '六、安全措施',
      paragraphs: [
        '本办公室对工作人员设定账号和权限，记录查看、导出和打印个人信息的操作；屏幕和对外报送的名单中身份证号、电话、银行账号默认部分隐藏；数据及备份加密保存，并定期进行个人信息保护影响评估。',
      ],
    },
  ];
}

export function rulesPrintable(store: Store, today = todayIso()): PrintableView {
  const { orgName } = getOfficeSettings(store);
  const body = html`<section class="letter rules"><h1>个人信息处理规则</h1><div class="body">${rulesSections(
    orgName,
  ).map(
    (s) => html`<h2>${s.heading}</h2>${s.paragraphs.map((p) => html`<p>${p}</p>`)}`,
  )}</div><div class="signature"><p>${officeName(orgName)}</p><p>${formatChineseDate(today)}</p></div></section>`;
  return { ...printable('个人信息处理规则', RULES_CSS, body), count: 1, missing: [] };
}

// --- impact assessments (Art. 55–56) ----------------------------------------------------------------

/** The day `years` after an ISO date (29 February becomes 28 February where the year has none). */
function yearsAfter(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const assessmentRows = (store: Store) => store.kysely.selectFrom('privacy_assessments').selectAll();

function assessmentView(r: Selectable<PrivacyAssessmentsTable>): AssessmentView {
  return {
    id: r.id,
    assessedOn: r.assessed_on,
    subject: r.subject,
    purpose: r.purpose,
    impact: r.impact,
    measures: r.measures,
    conclusion: r.conclusion,
    assessors: r.assessors,
    keepUntil: yearsAfter(r.assessed_on, ASSESSMENT_KEEP_YEARS),
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

export function listAssessments(store: Store): AssessmentView[] {
  return store.all(assessmentRows(store).orderBy('assessed_on', 'desc').orderBy('id', 'desc')).map(assessmentView);
}

function assessment(store: Store, id: number): AssessmentView {
  const r = store.first(assessmentRows(store).where('id', '=', id));
  if (!r) throw new UserError('not_found', `没有找到第 ${id} 号影响评估记录`);
  return assessmentView(r);
}

export function addAssessment(store: Store, input: AssessmentInput): AssessmentView {
  if (input.assessedOn > todayIso()) throw onField('assessedOn', '评估日期不能晚于今天');
  return store.tx(() => {
    const operator = currentOperator(store);
    const { id } = store.first(
      store.kysely
        .insertInto('privacy_assessments')
        .values({
          assessed_on: input.assessedOn,
          subject: input.subject,
          purpose: input.purpose,
          impact: input.impact,
          measures: input.measures,
          conclusion: input.conclusion,
          assessors: input.assessors,
          created_at: nowIso(),
          created_by: operator,
        })
        .returning('id'),
    )!;
    const view = assessment(store, id);
    writeAudit(store, {
      entity: 'privacy_assessment',
      entityId: id,
      personId: null,
      action: 'create',
      before: null,
      after: {
        assessedOn: view.assessedOn,
        subject: view.subject,
        conclusion: view.conclusion,
        assessors: view.assessors,
      },
    });
    return view;
  });
}

/** One assessment on paper, under the law's headings, to sign and file. */
export function assessmentPrintable(store: Store, id: number): PrintableView {
  const a = assessment(store, id);
  const { orgName } = getOfficeSettings(store);
  const section = (heading: string, text: string) =>
    html`<h2>${heading}</h2>${text.split('\n').map((p) => html`<p>${p}</p>`)}`;
  const body = html`<section class="letter rules"><h1>个人信息保护影响评估报告</h1><p class="meta">评估事项：${a.subject}　评估日期：${formatChineseDate(a.assessedOn)}　保存至：${formatChineseDate(a.keepUntil)}</p><div class="body">${section('一、个人信息的处理目的、处理方式等是否合法、正当、必要', a.purpose)}${section('二、对个人权益的影响及安全风险', a.impact)}${section('三、所采取的保护措施是否合法、有效并与风险程度相适应', a.measures)}${section('四、评估结论', a.conclusion)}</div><div class="signature"><p>评估人员：${a.assessors}</p><p>${officeName(orgName)}</p><p>${formatChineseDate(a.assessedOn)}</p></div></section>`;
  return { ...printable(`个人信息保护影响评估报告（${a.subject}）`, RULES_CSS, body), count: 1, missing: [] };
}

// --- a close relative's request (Art. 49) -----------------------------------------------------------

const requestRows = (store: Store) =>
  store.kysely
    .selectFrom('relative_requests as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .selectAll('r')
    .select('p.name as person_name');

type RequestRow = NonNullable<Awaited<ReturnType<ReturnType<typeof requestRows>['executeTakeFirst']>>>;

function requestView(r: RequestRow): RelativeRequestView {
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    requester: r.requester,
    relation: r.relation as RelativeRequestView['relation'],
    requesterIdNumber: maskIdNumber(r.requester_id_number),
    phone: r.phone,
    requestedOn: r.requested_on,
    wants: r.wants as RelativeRequestView['wants'],
    purpose: r.purpose,
    answeredOn: r.answered_on,
    answer: r.answer as RelativeRequestView['answer'],
    answerNote: r.answer_note,
    answeredBy: r.answered_by,
    createdBy: r.created_by,
  };
}

export function listRelativeRequests(store: Store, personId: number | null | undefined): RelativeRequestView[] {
  let q = requestRows(store);
  if (personId) q = q.where('r.person_id', '=', personId);
  return store.all(q.orderBy('r.requested_on', 'desc').orderBy('r.id', 'desc')).map(requestView);
}

function relativeRequest(store: Store, id: number): RelativeRequestView {
  const r = store.first(requestRows(store).where('r.id', '=', id));
  if (!r) throw new UserError('not_found', `没有找到第 ${id} 号近亲属申请`);
  return requestView(r);
}

export function addRelativeRequest(store: Store, input: RelativeRequestInput): RelativeRequestView {
  return store.tx(() => {
    const p = store.first(
      store.kysely.selectFrom('persons').select(['name', 'status']).where('id', '=', input.personId),
    );
    if (!p) throw new UserError('not_found', `没有找到第 ${input.personId} 号档案`);
    if (p.status !== '已故')
      throw onField(
        'personId',
        `${p.name}的状态为“${p.status}”：近亲属依法查阅、复制限于已故人员的信息，在世人员的信息请由本人申请`,
      );
    if (input.requestedOn > todayIso()) throw onField('requestedOn', '申请日期不能晚于今天');
    const operator = currentOperator(store);
    const { id } = store.first(
      store.kysely
        .insertInto('relative_requests')
        .values({
          person_id: input.personId,
          requester: input.requester,
          relation: input.relation,
          requester_id_number: input.requesterIdNumber,
          phone: input.phone,
          requested_on: input.requestedOn,
          wants: input.wants,
          purpose: input.purpose,
          created_at: nowIso(),
          created_by: operator,
        })
        .returning('id'),
    )!;
    writeAudit(store, {
      entity: 'relative_request',
      entityId: id,
      personId: input.personId,
      action: 'create',
      before: null,
      after: {
        requester: input.requester,
        relation: input.relation,
        requestedOn: input.requestedOn,
        wants: input.wants,
        purpose: input.purpose,
      },
    });
    return relativeRequest(store, id);
  });
}

export function answerRelativeRequest(store: Store, input: RelativeAnswerInput): RelativeRequestView {
  return store.tx(() => {
    const before = relativeRequest(store, input.id);
    if (before.answer)
      throw new UserError(
        'conflict',
        `这份申请已于${formatChineseDate(before.answeredOn)}由${before.answeredBy ?? ''}答复（${before.answer}），不能再次答复`,
      );
    if (input.answeredOn < before.requestedOn) throw onField('answeredOn', '答复日期不能早于申请日期');
    if (input.answeredOn > todayIso()) throw onField('answeredOn', '答复日期不能晚于今天');
    if (input.answer !== '已提供' && !input.note) throw onField('note', `答复为“${input.answer}”时，请写明理由`);
    store.run(
      store.kysely
        .updateTable('relative_requests')
        .set({
          answered_on: input.answeredOn,
          answer: input.answer,
          answer_note: input.note,
          answered_by: currentOperator(store),
        })
        .where('id', '=', input.id),
    );
    writeAudit(store, {
      entity: 'relative_request',
      entityId: input.id,
      personId: before.personId,
      action: 'update',
      before: { answeredOn: null, answer: null, answerNote: null },
      after: { answeredOn: input.answeredOn, answer: input.answer, answerNote: input.note },
    });
    return relativeRequest(store, input.id);
  });
}

/** How a field of the file reads in the export: words, not codes. */
function fieldValue(file: ReturnType<typeof getPerson>, key: PersonField): TableValue {
  const units: Partial<Record<PersonField, keyof typeof file.unitNames>> = {
    partyBranchId: 'partyBranch',
    partyGroupId: 'partyGroup',
    adminGroupId: 'adminGroup',
    adminSubgroupId: 'adminSubgroup',
  };
  const unit = units[key];
  if (unit) return file.unitNames[unit];
  const v = (file as unknown as Record<string, unknown>)[key];
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.join('、');
  if (typeof v === 'number' || typeof v === 'string') return v;
  return null;
}

/** Fields of the file that are the program's own bookkeeping, not the person's data. */
const NOT_EXPORTED = new Set<PersonField>(['idFrom15', 'reviewFlags', 'attachment', 'contacts', 'care']);

/**
 * The deceased person's file for the relative a request names: the file's fields, contacts, claims
 * and visits, as a workbook (ID numbers and accounts as text). Only for a request answered 已提供
 * or 部分提供; each export is in the history of the file.
 */
/** One person's file: `count` 1, and whose it is (the access log names them). */
export async function relativeExport(
  store: Store,
  requestId: number,
): Promise<{ fileName: string; personId: number; count: number; data: Buffer }> {
  const request = relativeRequest(store, requestId);
  if (request.answer !== '已提供' && request.answer !== '部分提供')
    throw new UserError(
      'invalid_input',
      request.answer
        ? `这份申请答复为“${request.answer}”，不能导出档案`
        : '请先答复这份申请（已提供或部分提供），再导出档案',
    );
  const file = getPerson(store, request.personId);
  const fields = (Object.keys(PERSON_FIELDS) as PersonField[]).filter((k) => !NOT_EXPORTED.has(k));
  const kindOf = (k: PersonField) => (PERSON_FIELDS[k].kind === 'id' ? 'id' : 'text');
  const claims = listClaims(store, {
    personId: request.personId,
    status: null,
    unbatched: false,
    page: 1,
    pageSize: 500,
  });
  const visits = listVisits(store, request.personId);
  const itemColumns: TableColumn[] = [
    { label: '项目', kind: 'text', width: 16 },
    { label: '内容', kind: 'text', width: 48, wrap: true },
  ];
  const subtitle = `申请人：${request.requester}（${request.relation}）　申请日期：${request.requestedOn}　导出日期：${todayIso()}`;
  const data = await tableWorkbook([
    {
      name: '档案',
      title: `${file.name}档案信息`,
      subtitle,
      columns: itemColumns,
      rows: fields.map((k) => {
        const v = fieldValue(file, k);
        // An ID number or an account keeps its digits as text, in a text column.
        return [PERSON_FIELDS[k].label, typeof v === 'number' && kindOf(k) === 'id' ? String(v) : v];
      }),
    },
    {
      name: '家属及联系人',
      title: `${file.name}的家属及联系人`,
      columns: [
        { label: '姓名', kind: 'text' },
        { label: '关系', kind: 'text' },
        { label: '电话', kind: 'id' },
      ],
      rows: file.contacts.map((c) => [c.name, c.relation, c.phones.join('、')]),
    },
    {
      name: '药费报销',
      title: `${file.name}的药费报销`,
      columns: [
        { label: '受理日期', kind: 'date' },
        { label: '类别', kind: 'text' },
        { label: '状态', kind: 'text' },
        { label: '可报金额（元）', kind: 'money' },
        { label: '报销金额（元）', kind: 'money' },
      ],
      rows: claims.rows.map((c) => [c.receivedDate, c.category, c.status, c.eligibleFen, c.payFen]),
    },
    {
      name: '走访慰问',
      title: `${file.name}的走访慰问`,
      columns: [
        { label: '日期', kind: 'date' },
        { label: '类别', kind: 'text' },
        { label: '走访人', kind: 'text' },
        { label: '慰问金（元）', kind: 'money' },
        { label: '慰问品', kind: 'text' },
      ],
      rows: visits.map((v) => [v.date, v.kind, v.visitors, v.moneyFen, v.items]),
    },
  ]);
  store.tx(() =>
    writeAudit(store, {
      entity: 'relative_request',
      entityId: requestId,
      personId: request.personId,
      action: 'update',
      before: null,
      after: { exportedFor: `${request.requester}（${request.relation}）` },
      reason: `近亲属${request.wants}档案，导出 ${claims.rows.length} 笔报销、${visits.length} 次走访（合计 ${formatYuan(
        claims.rows.reduce((s, c) => s + (c.payFen ?? 0), 0),
      )} 元报销）`,
    }),
  );
  return {
    fileName: `${file.name}档案-近亲属${request.wants}-${todayIso()}.xlsx`,
    personId: request.personId,
    count: 1,
    data,
  };
}

// --- the files of the deceased, reviewed after N years ----------------------------------------------

const RETENTION_KEY = 'privacy.retention_years';
export const DEFAULT_RETENTION_YEARS = 15;

function retentionYears(store: Store): number {
  const n = Number(readSetting(store, RETENTION_KEY));
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_RETENTION_YEARS;
}

/**
 * The deceased whose death was at least the office's years ago and whose file has had no review
 * since it came due: the oldest first. A file reviewed comes due again after as many years.
 */
export function retentionList(store: Store, today = todayIso()): RetentionList {
  const years = retentionYears(store);
  const rows = store.all(
    store.kysely
      .selectFrom('deaths as d')
      .innerJoin('persons as p', 'p.id', 'd.person_id')
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('retention_reviews')
            .select(['person_id', (c) => c.fn.max('id').as('last_id')])
            .groupBy('person_id')
            .as('lr'),
        (join) => join.onRef('lr.person_id', '=', 'd.person_id'),
      )
      .leftJoin('retention_reviews as r', 'r.id', 'lr.last_id')
      .select(['d.person_id', 'p.name', 'd.died_on', 'r.reviewed_on', 'r.decision', 'r.reviewed_by'])
      .where('p.status', '=', '已故')
      .orderBy('d.died_on')
      .orderBy('d.person_id'),
  );
  const due = rows.flatMap((r) => {
    const diedOn =
      r.died_on.length === 4 ? `${r.died_on}-01-01` : r.died_on.length === 7 ? `${r.died_on}-01` : r.died_on;
    const firstDue = yearsAfter(diedOn, years);
    const dueOn = r.reviewed_on ? yearsAfter(r.reviewed_on, years) : firstDue;
    if (dueOn > today) return [];
    return [
      {
        personId: r.person_id,
        name: r.name,
        diedOn: r.died_on,
        dueOn,
        lastReview: r.reviewed_on
          ? {
              reviewedOn: r.reviewed_on,
              decision: r.decision as NonNullable<RetentionList['due'][number]['lastReview']>['decision'],
              reviewedBy: r.reviewed_by ?? '',
            }
          : null,
      },
    ];
  });
  return { years, due };
}

export function setRetentionYears(store: Store, years: number): RetentionList {
  store.tx(() => {
    const before = retentionYears(store);
    writeSetting(store, RETENTION_KEY, String(years));
    writeAudit(store, {
      entity: 'privacy_setting',
      entityId: 0,
      personId: null,
      action: 'update',
      before: { retentionYears: before },
      after: { retentionYears: years },
    });
  });
  return retentionList(store);
}

export function reviewRetention(store: Store, input: RetentionReviewInput): RetentionList {
  store.tx(() => {
    const d = store.first(
      store.kysely
        .selectFrom('deaths as d')
        .innerJoin('persons as p', 'p.id', 'd.person_id')
        .select(['p.name', 'p.status', 'd.died_on'])
        .where('d.person_id', '=', input.personId),
    );
    if (!d || d.status !== '已故') throw onField('personId', '只有已故人员的档案需要保存期限复核');
    if (input.reviewedOn > todayIso()) throw onField('reviewedOn', '复核日期不能晚于今天');
    const operator = currentOperator(store);
    const { id } = store.first(
      store.kysely
        .insertInto('retention_reviews')
        .values({
          person_id: input.personId,
          reviewed_on: input.reviewedOn,
          decision: input.decision,
          note: input.note,
          reviewed_by: operator,
        })
        .returning('id'),
    )!;
    writeAudit(store, {
      entity: 'retention_review',
      entityId: id,
      personId: input.personId,
      action: 'create',
      before: null,
      after: { reviewedOn: input.reviewedOn, decision: input.decision, note: input.note },
    });
  });
  return retentionList(store);
}
