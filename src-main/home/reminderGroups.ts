// The home page's reminders grouped by kind (issue 19 item 7), and the one place that orders them.
//
// An office with 509 people overdue for certification and 270 not contacted still has a petition
// due today and an 80th birthday tomorrow: those concern one person each and cannot wait, so a
// group with something due today or overdue that concerns one person comes first, then the other
// groups of single reminders, then the mass lists (调资待核对, 资格认证超期, 久未联系), each one line
// with its count and first names until it is opened, then the kinds with nothing to do.
import {
  REMINDER_KINDS,
  type ReminderGroup,
  type ReminderItem,
  type ReminderKind,
  type ReminderPage,
} from '../contract/visits';
import { listRuns, runRows } from '../adjustments/adjustments';
import type { Store } from '../db/store';
import { listPetitions } from '../petitions/petitions';
import { formatChineseDate, todayIso } from '../shared/dates';
import { formatYuan } from '../shared/money';
import { dueBy, limitText } from '../shared/petitions';
import { planAttention } from '../office/workPlan';
import { overdueCertifications } from '../visits/certifications';
import { survivorCheckLists } from '../visits/survivors';
import {
  addDays,
  birthdays,
  daysBetween,
  deathBenefits,
  dischargeFollowUps,
  followUps,
  hospital,
  inHospital,
  notContactedPage,
  reminderRules,
} from '../visits/reminders';

/** How many items a group shows before it is opened. */
export const FIRST_ITEMS = 5;
/** How many items an opened group shows a page. */
export const REMINDER_PAGE = 50;
/** Petitions whose time limit ends within these days are reminded of before it does. */
export const PETITION_NOTICE_DAYS = 3;

const fileOf = (personId: number) => `#/people/${personId}`;

/** A page of a group's items, with how many there are and how many are due today or overdue. */
interface Slice {
  total: number;
  urgent: number;
  items: ReminderItem[];
}

/** What a kind of reminder is and where its items come from (a page of them). */
interface Source {
  title: string;
  empty: string;
  mass: boolean;
  unit?: '人' | '件' | '项';
  /** The urgent ones in words, for a count of them. */
  urgentWords?: (n: number) => string;
  note?: string | null;
  page?: ReminderGroup['page'];
  action?: ReminderGroup['action'];
  slice: (page: number, size: number) => Slice;
}

/** A list read whole, sliced: the single reminders are few (the mass ones are counted and paged in SQL). */
function sliced(items: ReminderItem[]): (page: number, size: number) => Slice {
  const urgent = items.filter((i) => i.urgent).length;
  return (page, size) => ({ total: items.length, urgent, items: items.slice((page - 1) * size, page * size) });
}

/** Each kind's source, read lazily: the home page needs them all, a page of one group needs one. */
function sources(store: Store, today: string): Record<ReminderKind, () => Source> {
  const year = Number(today.slice(0, 4));
  const rules = () => reminderRules(store);
  return {
    petitions: () => {
      const soon = addDays(today, PETITION_NOTICE_DAYS);
      const open = listPetitions(store, { personId: null, from: null, to: null, openOnly: true }, today)
        .map((p) => ({ p, due: dueBy(p) }))
        .filter((x): x is { p: (typeof x)['p']; due: string } => x.due !== null && x.due <= soon)
        .sort((a, b) => a.due.localeCompare(b.due) || a.p.id - b.p.id);
      return {
        title: '信访办理期限',
        empty: `没有超期或 ${PETITION_NOTICE_DAYS} 天内到期的信访件。`,
        mass: false,
        unit: '件',
        urgentWords: (n) => `今天到期或已超期 ${n} 件`,
        page: { label: '信访接待', href: '#/petitions' },
        slice: sliced(
          open.map(({ p, due }) => ({
            key: `p${p.id}`,
            name: `第 ${p.id} 号：${p.petitioner}`,
            detail: `${limitText(p)}${due < today ? '（已超期）' : due === today ? '（今天到期）' : ''}`,
            href: `#/petitions/${p.id}`,
            urgent: due <= today,
          })),
        ),
      };
    },
    birthdays: () => {
      const list = birthdays(store, rules(), today);
      return {
        title: '近期整寿生日',
        empty: '近期没有整寿生日。',
        mass: false,
        urgentWords: (n) => `今天生日 ${n} 人`,
        action:
          list.length > 0
            ? {
                label: `打印生日贺信（${list.length} 封）`,
                href: `#/print/letters?kind=birthday&people=${list.map((b) => b.personId).join(',')}`,
              }
            : null,
        slice: sliced(
          list.map((b) => ({
            key: `b${b.personId}`,
            name: b.name,
            detail: `${formatChineseDate(b.on)}${b.lunar ? `（${b.lunar}）` : ''} ${b.turning} 岁${b.inDays === 0 ? '（今天）' : `（${b.inDays} 天后）`}`,
            href: fileOf(b.personId),
            urgent: b.inDays === 0,
          })),
        ),
      };
    },
    // The follow-ups agreed at a visit, and those due after a discharge (出院回访), by the day due.
    followUps: () => {
      const due = (on: string) => (on < today ? '（已过期）' : on === today ? '（今天）' : '');
      const items = [
        ...followUps(store, today).map((f) => ({
          on: f.followUpOn,
          key: `f${f.visitId}`,
          name: f.name,
          detail: `${f.kind}，约定 ${f.followUpOn}${due(f.followUpOn)}`,
          href: fileOf(f.personId),
          urgent: f.followUpOn <= today,
        })),
        ...dischargeFollowUps(store, rules(), today).map((d) => ({
          on: d.dueOn,
          key: `s${d.stayId}`,
          name: d.name,
          detail: `出院回访，${d.dischargedOn} 出院，应于 ${d.dueOn} 回访${due(d.dueOn)}`,
          href: fileOf(d.personId),
          urgent: true,
        })),
      ].sort((a, b) => a.on.localeCompare(b.on) || a.key.localeCompare(b.key));
      return {
        title: '到期回访',
        empty: '没有到期的回访。',
        mass: false,
        urgentWords: (n: number) => `今天或已过期 ${n} 人`,
        slice: sliced(items.map(({ on: _on, ...item }) => item)),
      };
    },
    hospital: () => ({
      title: '住院后尚未探望',
      empty: '没有需要探望的住院人员。',
      mass: false,
      slice: sliced(
        hospital(store, rules(), today).map((h) => ({
          key: `h${h.personId}`,
          name: h.name,
          detail: `${h.visitDate} 住院${h.hospital ? `（${h.hospital}）` : ''}`,
          href: fileOf(h.personId),
          urgent: true,
        })),
      ),
    }),
    inHospital: () => {
      const list = inHospital(store);
      return {
        title: '正在住院',
        empty: '目前没有登记在院的人员。',
        mass: false,
        urgentWords: (n: number) => `尚未看望 ${n} 人`,
        page: { label: '住院登记', href: '#/visits?tab=stays' },
        slice: sliced(
          list.map((s) => ({
            key: `i${s.stayId}`,
            name: s.name,
            detail: `${s.hospital}，${s.admittedOn} 入院，已住院 ${daysBetween(s.admittedOn, today)} 天${s.visited ? '' : '，尚未看望'}`,
            href: fileOf(s.personId),
            urgent: !s.visited,
          })),
        ),
      };
    },
    deathBenefits: () => ({
      title: '丧葬抚恤待申报',
      empty: '没有临近申报期限的丧葬抚恤。',
      mass: false,
      urgentWords: (n) => `申报期限已过 ${n} 人`,
      slice: sliced(
        deathBenefits(store, today).map((d) => ({
          key: `d${d.personId}`,
          name: d.name,
          detail: `${formatChineseDate(d.diedOn)} 去世，申报期限 ${formatChineseDate(d.closesOn)}${d.overdue ? '（已过期）' : ''}`,
          href: fileOf(d.personId),
          urgent: d.overdue,
        })),
      ),
    }),
    // The survivors' yearly check (遗属资格认证): those receiving the allowance not yet checked this
    // year; overdue (neither checked nor started in 12 months, listed for suspension) first, urgent.
    survivorChecks: () => {
      const { due, overdue } = survivorCheckLists(store, year, today);
      const late = new Set(overdue.map((o) => o.survivorId));
      return {
        title: `${year} 年度遗属资格认证`,
        empty: '领取补助的遗属本年度都已认证。',
        mass: false,
        urgentWords: (n) => `超过 12 个月未认证 ${n} 人`,
        page: { label: '遗属', href: '#/visits?tab=survivors' },
        slice: sliced(
          [...due.filter((d) => late.has(d.survivorId)), ...due.filter((d) => !late.has(d.survivorId))].map((d) => ({
            key: `v${d.survivorId}`,
            name: d.name,
            detail: `${d.deceasedName}的遗属，${d.lastChecked ? `上次认证 ${d.lastChecked}` : '从未认证'}${late.has(d.survivorId) ? '，超过 12 个月未认证' : ''}`,
            href: `#/visits?tab=survivors&survivor=${d.survivorId}`,
            urgent: late.has(d.survivorId),
          })),
        ),
      };
    },
    adjustments: () => {
      // This year's newest adjustment list: who in it still needs checking (read a page at a time).
      const run = listRuns(store, year)[0] ?? null;
      return {
        title: `${year} 年调资待核对`,
        empty: run ? '调资名单中没有待核对的人员。' : '本年度尚未导入调资名单。',
        mass: true,
        page: { label: '调资核对', href: '#/annual/adjust' },
        slice: (page, size) => {
          if (!run) return { total: 0, urgent: 0, items: [] };
          const { total, rows } = runRows(store, run.id, 'toCheck', page, size);
          return {
            total,
            urgent: total,
            items: rows.map((a) => ({
              key: `a${a.id}`,
              name: a.name ?? `第 ${a.row} 行`,
              detail:
                a.expectedFen === null
                  ? '无法计算应调金额'
                  : `经办机构 ${formatYuan(a.agencyFen ?? 0)} 元，应调 ${formatYuan(a.expectedFen)} 元`,
              href: '#/annual/adjust',
              urgent: true,
            })),
          };
        },
      };
    },
    workPlan: () => {
      // This year's plan: the items whose month has passed with nothing linked, and those to check.
      const items = planAttention(store, year, today);
      return {
        title: `${year} 年度工作计划超期或待核实`,
        empty: '年度工作计划没有超期未完成的事项。',
        mass: false,
        unit: '项',
        page: { label: '年度工作计划', href: `#/annual/plan?year=${year}` },
        slice: sliced(
          items.map((i) => ({
            key: `w${i.id}`,
            name: i.content,
            detail:
              i.state === '待核实'
                ? `待核实：${i.links.find((l) => l.problem)?.problem ?? ''}`
                : `${i.owner}负责，应于 ${formatChineseDate(i.dueMonth)}完成`,
            href: `#/annual/plan?year=${year}`,
            urgent: true,
          })),
        ),
      };
    },
    certifications: () => {
      const at = (page: number, size: number) =>
        overdueCertifications(store, year, today, { offset: (page - 1) * size, limit: size });
      const head = at(1, 0);
      return {
        title: `${year} 年度资格认证超期`,
        empty: '没有超过 12 个月未认证的人员。',
        mass: true,
        note: head.due > 0 ? `本年度尚未认证共 ${head.due} 人` : null,
        page: { label: '资格认证', href: '#/annual/certify' },
        slice: (page, size) => {
          const { overdue, rows } = at(page, size);
          return {
            total: overdue,
            urgent: overdue,
            items: rows.map((c) => ({
              key: `c${c.personId}`,
              name: c.name,
              detail: c.lastCertified ? `上次认证 ${c.lastCertified}` : '从未认证',
              href: fileOf(c.personId),
              urgent: true,
            })),
          };
        },
      };
    },
    notContacted: () => ({
      title: '久未联系',
      empty: '每位在册人员都按规定联系过。',
      mass: true,
      slice: (page, size) => {
        const { total, underCare, rows } = notContactedPage(store, rules(), today, {
          offset: (page - 1) * size,
          limit: size,
        });
        return {
          total,
          urgent: underCare,
          items: rows.map((n) => ({
            key: `n${n.personId}`,
            name: n.name,
            detail: `${n.why}，每 ${n.allowedDays} 天至少一次；${n.lastContact ? `上次 ${n.lastContact}` : '从未记录'}`,
            href: fileOf(n.personId),
            urgent: n.why !== '一般',
          })),
        };
      },
    }),
  };
}

/** The kinds in the order they are shown when nothing else decides: the contract lists the single reminders first. */
const RANK: readonly ReminderKind[] = REMINDER_KINDS;

/**
 * The order of the groups: single reminders with something due today or overdue, then the other
 * single reminders, then the mass lists, then the empty groups; within each, by RANK.
 */
export function orderGroups(groups: readonly ReminderGroup[]): ReminderGroup[] {
  const tier = (g: ReminderGroup) => (g.count === 0 ? 3 : g.mass ? 2 : g.urgent > 0 ? 0 : 1);
  return [...groups].sort((a, b) => tier(a) - tier(b) || RANK.indexOf(a.kind) - RANK.indexOf(b.kind));
}

export function reminderGroups(store: Store, today = todayIso()): ReminderGroup[] {
  const all = sources(store, today);
  return orderGroups(
    RANK.map((kind) => {
      const s = all[kind]();
      const first = s.slice(1, FIRST_ITEMS);
      return {
        kind,
        title: s.title,
        count: first.total,
        urgent: first.urgent,
        unit: s.unit ?? '人',
        // Where every one is urgent (a hospital stay without a visit), the count says it already.
        urgentWords:
          s.urgentWords && first.urgent > 0 && first.urgent < first.total ? s.urgentWords(first.urgent) : null,
        mass: s.mass,
        items: first.items,
        empty: s.empty,
        note: s.note ?? null,
        page: s.page ?? null,
        action: s.action ?? null,
      };
    }),
  );
}

export function reminderGroupPage(store: Store, kind: ReminderKind, page: number, today = todayIso()): ReminderPage {
  const { total, items } = sources(store, today)[kind]().slice(page, REMINDER_PAGE);
  return { kind, total, page, pageSize: REMINDER_PAGE, items };
}
