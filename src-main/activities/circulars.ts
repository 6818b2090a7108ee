// 学习通报 (学习通报制度, issue 21 item 4): a study material sent to every party branch, or to the
// branches chosen. Each branch it goes to is a row of study_branch_deliveries: empty until the notice
// reaches the branch, then the day and who there received it. Within a branch, whether each member
// has it is the material's own per-person deliveries. The delivery list is printed for the file.
import type { BranchDelivery } from '../contract/activities';
import type { PrintableView } from '../contract/common';
import { writeAudit } from '../audit/audit';
import type { Store } from '../db/store';
import { html } from '../documents/html';
import { printable, ruledListCss } from '../documents/print';
import { currentOperator, getOfficeSettings } from '../settings/settings';
import { formatChineseDate, todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { compareUnitNames } from '../shared/unitOrder';

/** The party branches, in the order a person counts them (第二 before 第十). */
function partyBranches(store: Store): { id: number; name: string }[] {
  return store
    .all(store.kysely.selectFrom('org_units').select(['id', 'name']).where('kind', '=', '党支部'))
    .sort((a, b) => compareUnitNames(a.name, b.name) || a.id - b.id);
}

/** Checks the branches named: each a party branch on file, none twice. */
function checkBranches(store: Store, branchIds: number[]): { id: number; name: string }[] {
  const all = partyBranches(store);
  const seen = new Set<number>();
  return branchIds.map((bid) => {
    const b = all.find((x) => x.id === bid);
    if (!b) throw new UserError('not_found', `没有找到第 ${bid} 号党支部`);
    if (seen.has(bid)) throw new UserError('invalid_input', `${b.name}选了两次，请只选一次`);
    seen.add(bid);
    return b;
  });
}

/** A new 学习通报's branches: every branch, or those chosen. */
export function insertBranchTargets(store: Store, materialId: number, all: boolean, branchIds: number[]): number {
  const branches = all ? partyBranches(store) : checkBranches(store, branchIds);
  if (branches.length === 0)
    throw new UserError('invalid_input', all ? '组织网络中还没有党支部，无法下发学习通报' : '请选择下发的党支部');
  const add = store.prepare('INSERT INTO study_branch_deliveries (material_id, branch_id) VALUES (?, ?)');
  for (const b of branches) add.run(materialId, b.id);
  return branches.length;
}

/** The branches a material goes to, with the members of each and whether each has received it. */
export function branchDeliveries(store: Store, materialId: number): BranchDelivery[] {
  const rows = store.all(
    store.kysely
      .selectFrom('study_branch_deliveries as d')
      .innerJoin('org_units as u', 'u.id', 'd.branch_id')
      .select(['d.branch_id', 'u.name', 'd.sent_on', 'd.received_by', 'd.recorded_by'])
      .where('d.material_id', '=', materialId),
  );
  rows.sort((a, b) => compareUnitNames(a.name, b.name) || a.branch_id - b.branch_id);
  const members = store.prepare(
    `SELECT s.id, s.name, d.received_on, d.how FROM persons s
     LEFT JOIN study_deliveries d ON d.person_id = s.id AND d.material_id = ?
     WHERE s.party_branch_id = ? AND s.status = '在册' ORDER BY s.name_sort, s.id`,
  );
  return rows.map((r) => {
    const list = (
      members.all(materialId, r.branch_id) as {
        id: number;
        name: string;
        received_on: string | null;
        how: string | null;
      }[]
    ).map((m) => ({ personId: m.id, name: m.name, receivedOn: m.received_on, how: m.how }));
    return {
      branchId: r.branch_id,
      branch: r.name,
      sentOn: r.sent_on,
      receivedBy: r.received_by,
      recordedBy: r.recorded_by,
      members: list,
      received: list.filter((m) => m.receivedOn !== null).length,
    };
  });
}

/**
 * The notice reached these branches on `on`, received there by `receivedBy`. A branch it was not
 * sent to is added; one it already reached, one named twice, or a day before the notice was issued
 * is refused, and nothing is saved.
 */
export function sendToBranches(
  store: Store,
  materialId: number,
  branchIds: number[],
  on: string,
  receivedBy: string,
): void {
  store.tx(() => {
    const m = store.first(store.kysely.selectFrom('study_materials').selectAll().where('id', '=', materialId));
    if (!m) throw new UserError('not_found', '没有找到这份学习资料');
    if (m.kind !== '学习通报') throw new UserError('invalid_input', `《${m.title}》不是学习通报，不送达党支部`);
    if (on < m.issued_on)
      throw new UserError(
        'invalid_input',
        `送达日期（${formatChineseDate(on)}）不能早于通报印发日期（${formatChineseDate(m.issued_on)}）`,
      );
    if (on > todayIso()) throw new UserError('invalid_input', '送达日期不能晚于今天');
    const branches = checkBranches(store, branchIds);
    const done = branchDeliveries(store, materialId);
    for (const b of branches) {
      const d = done.find((x) => x.branchId === b.id);
      if (d?.sentOn)
        throw new UserError('invalid_input', `${b.name}已于${formatChineseDate(d.sentOn)}送达（${d.receivedBy}接收）`);
    }
    const save = store.prepare(
      `INSERT INTO study_branch_deliveries (material_id, branch_id, sent_on, received_by, recorded_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (material_id, branch_id) DO UPDATE SET sent_on = excluded.sent_on, received_by = excluded.received_by, recorded_by = excluded.recorded_by`,
    );
    for (const b of branches) save.run(materialId, b.id, on, receivedBy, currentOperator(store));
    writeAudit(store, {
      entity: 'study_material',
      entityId: materialId,
      personId: null,
      action: 'update',
      before: null,
      after: { branches: branches.map((b) => b.name), on, receivedBy },
    });
  });
}

const LIST_CSS = `${ruledListCss(10.5)}
.sheet td.n, .sheet td.c { text-align: center; white-space: nowrap; }
.sheet h2 { font-size: 13pt; margin: 5mm 0 2mm; }
.sheet p.list { font-size: 11pt; margin: 0; }
`;

/** 学习通报送达登记表: per branch, the day it arrived, who received it, how many members have it and who not yet; then the branches not reached. */
export function branchListPrintable(store: Store, materialId: number): PrintableView {
  const m = store.first(store.kysely.selectFrom('study_materials').selectAll().where('id', '=', materialId));
  if (!m) throw new UserError('not_found', '没有找到这份学习资料');
  const branches = branchDeliveries(store, materialId);
  if (branches.length === 0) throw new UserError('invalid_input', `《${m.title}》没有下发党支部，没有送达登记表`);
  const { orgName } = getOfficeSettings(store);
  const reached = branches.filter((b) => b.sentOn);
  const rows = branches.map(
    (b, i) =>
      html`<tr><td class="n">${i + 1}</td><td>${b.branch}</td><td class="c">${b.sentOn ? formatChineseDate(b.sentOn) : '未送达'}</td><td class="c">${b.receivedBy}</td><td class="c">${b.members.length}</td><td class="c">${b.received}</td><td>${b.members
        .filter((p) => !p.receivedOn)
        .map((p) => p.name)
        .join('、')}</td></tr>`,
  );
  const unreached = branches.filter((b) => !b.sentOn);
  const title = `《${m.title}》送达登记表`;
  const body = html`<section class="sheet"><h1>学习通报送达登记表</h1><p class="sub"><span>${m.doc_no ? `${m.doc_no}　` : ''}《${m.title}》　${formatChineseDate(m.issued_on)}印发</span><span>下发 ${branches.length} 个支部，已送达 ${reached.length} 个　制表日期：${formatChineseDate(todayIso())}</span></p><table><thead><tr><th>序号</th><th>党支部</th><th>送达日期</th><th>接收人</th><th>支部人数</th><th>已学习</th><th>尚未学习的党员</th></tr></thead><tbody>${rows}</tbody></table>${unreached.length > 0 && html`<h2>尚未送达的支部（${unreached.length} 个）</h2><p class="list">${unreached.map((b) => b.branch).join('、')}</p>`}<p class="note">${orgName}　本表含个人信息，请妥善保管。</p></section>`;
  return { ...printable(title, LIST_CSS, body), count: branches.length, missing: [] };
}
