// What the office works out from the approved claims: a draft policy priced against last year's
// claims (政策测算), and the year's figures (per month, per category, per kind, people near the cap).
import type { ClaimsReport, SimulationResult } from '../contract/claims';
import type { Store } from '../db/store';
import { categoryPolicy, type YearPolicy } from '../shared/claimPolicy';
import { UserError } from '../shared/errors';
import { maskIdNumber } from '../shared/mask';
import { CATEGORIES, type Category } from '../shared/person';
import { computeLine, type YearTotals } from './compute';
import { policyFor } from './policies';
import { tableWorkbook, type TableColumn } from '../documents/tableWorkbook';

interface ApprovedLine {
  person_id: number;
  name: string;
  id_number: string | null;
  category: Category;
  birth_date: string | null;
  visit_date: string;
  kind: '门诊' | '住院' | '特殊病种' | '药店';
  eligible_fen: number;
  pay_fen: number;
}

/**
 * The year's approved lines recomputed, in approval order, under a draft policy: per person and in
 * total, what was paid and what the draft would have paid. A claim that was reversed and its
 * reversal cancel out and are left out of both.
 */
/** A simulation as the page shows it: each person's ID number masked (the CLI's JSON keeps it whole). */
export function maskedSimulation(r: SimulationResult): SimulationResult {
  return { ...r, people: r.people.map((p) => ({ ...p, idNumber: maskIdNumber(p.idNumber) })) };
}

export function simulateYear(store: Store, draft: YearPolicy): SimulationResult {
  const lines = store
    .prepare(
      `SELECT l.person_id, p.name, p.id_number, p.category, p.birth_date, l.visit_date, l.kind, l.eligible_fen, l.pay_fen
       FROM claim_lines l JOIN claims c ON c.id = l.claim_id JOIN persons p ON p.id = l.person_id
       WHERE l.year = ? AND c.approval_seq IS NOT NULL AND c.reversed_by IS NULL AND c.source != '冲销'
       ORDER BY c.approval_seq, l.seq`,
    )
    .all(draft.year) as ApprovedLine[];
  const totals = new Map<number, YearTotals>();
  const people = new Map<number, SimulationResult['people'][number]>();
  for (const l of lines) {
    const policy = categoryPolicy(draft, l.category);
    if (!policy) throw new UserError('invalid_input', `测算政策缺少“${l.category}”人员的规定`);
    const r = computeLine(
      policy,
      totals.get(l.person_id) ?? { eligibleFen: 0, reimbursedFen: 0 },
      { visitDate: l.visit_date, kind: l.kind, eligibleFen: l.eligible_fen },
      l.birth_date,
    );
    totals.set(l.person_id, r.after);
    const p = people.get(l.person_id) ?? {
      personId: l.person_id,
      idNumber: l.id_number,
      name: l.name,
      category: l.category,
      paidFen: 0,
      simulatedFen: 0,
    };
    p.paidFen += l.pay_fen;
    p.simulatedFen += r.payFen;
    people.set(l.person_id, p);
  }
  const list = [...people.values()];
  return {
    year: draft.year,
    total: {
      paidFen: list.reduce((a, p) => a + p.paidFen, 0),
      simulatedFen: list.reduce((a, p) => a + p.simulatedFen, 0),
    },
    people: list,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The first day of the period and the first day after it: a year, or one of its months. */
export function periodOf(year: number, month: number | null): [string, string] {
  if (month === null) return [`${year}-01-01`, `${year + 1}-01-01`];
  return [`${year}-${pad(month)}-01`, month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`];
}

/**
 * Reimbursed amounts of a year, or of one month, by month of approval, by person category and by
 * kind; and the people near their cap for the year. Read from the figures kept with every
 * approved line (migration 0013): a dozen rows, not the period's lines.
 */
export function claimsReport(
  store: Store,
  year: number,
  nearCapPercent = 90,
  month: number | null = null,
): ClaimsReport {
  const [from, to] = periodOf(year, month).map((d) => d.slice(0, 7));
  const months = store.kysely
    .selectFrom('claim_month_totals as t')
    .where('t.month', '>=', from)
    .where('t.month', '<', to);
  const byMonth = store.all(
    months
      .select((eb) => [
        't.month',
        eb.fn.sum<number>('t.lines').as('lines'),
        eb.fn.sum<number>('t.eligible_fen').as('eligibleFen'),
        eb.fn.sum<number>('t.pay_fen').as('payFen'),
      ])
      .groupBy('t.month')
      .orderBy('t.month'),
  );
  const byCategory = store.all(
    months
      .innerJoin('claim_period_people as p', (join) =>
        join.onRef('p.category', '=', 't.category').on('p.period', '=', month === null ? String(year) : from),
      )
      .select((eb) => ['t.category', 'p.people', eb.fn.sum<number>('t.pay_fen').as('payFen')])
      .groupBy(['t.category', 'p.people'])
      .orderBy('t.category'),
  );
  const byKind = store.all(
    months
      .select((eb) => ['t.kind', eb.fn.sum<number>('t.lines').as('lines'), eb.fn.sum<number>('t.pay_fen').as('payFen')])
      .groupBy('t.kind')
      .orderBy('t.kind'),
  );
  return {
    year,
    month,
    byMonth,
    byCategory,
    byKind,
    nearCap: month === null ? nearCap(store, year, nearCapPercent) : [],
  };
}

/** People whose reimbursements this year reached `percent` of their category's cap, closest first. */
export function nearCap(store: Store, year: number, percent: number): ClaimsReport['nearCap'] {
  const out: ClaimsReport['nearCap'] = [];
  // The year's totals from the threshold up, then their people: CROSS JOIN keeps that order
  // (https://sqlite.org/optoverview.html#crossjoin); by itself the planner starts from every person
  // of the category (2 s at 100,000 people and a million lines).
  const near = store.prepare(
    `SELECT t.person_id, t.reimbursed_fen, p.name FROM claim_year_totals t CROSS JOIN persons p ON p.id = t.person_id
     WHERE t.year = ? AND t.reimbursed_fen >= ? AND p.category = ?`,
  );
  for (const category of CATEGORIES) {
    let cap: number | null;
    try {
      cap = policyFor(store, year, category).rules.capFen;
    } catch {
      continue;
    }
    if (cap === null) continue;
    const from = Math.ceil((cap * percent) / 100);
    for (const r of near.all(year, from, category) as { person_id: number; reimbursed_fen: number; name: string }[]) {
      out.push({
        personId: r.person_id,
        name: r.name,
        category,
        reimbursedFen: r.reimbursed_fen,
        capFen: cap,
        leftFen: Math.max(0, cap - r.reimbursed_fen),
      });
    }
  }
  return out.sort((a, b) => a.leftFen - b.leftFen);
}

export async function claimsReportWorkbook(store: Store, year: number): Promise<{ fileName: string; data: Buffer }> {
  const r = claimsReport(store, year);
  const text = (label: string): TableColumn => ({ label, kind: 'text', width: 14 });
  const count = (label: string): TableColumn => ({ label, kind: 'number', width: 16 });
  const money = (label: string): TableColumn => ({ label, kind: 'money', width: 16 });
  const data = await tableWorkbook([
    {
      name: '按月',
      columns: [text('月份'), count('票据数'), money('符合报销金额（元）'), money('报销金额（元）')],
      rows: r.byMonth.map((m) => [m.month, m.lines, m.eligibleFen, m.payFen]),
    },
    {
      name: '按人员类别',
      columns: [text('人员类别'), count('人数'), money('报销金额（元）')],
      rows: r.byCategory.map((c) => [c.category, c.people, c.payFen]),
    },
    {
      name: '按费用类别',
      columns: [text('费用类别'), count('票据数'), money('报销金额（元）')],
      rows: r.byKind.map((k) => [k.kind, k.lines, k.payFen]),
    },
    {
      name: '接近封顶',
      columns: [
        text('姓名'),
        { label: '人员类别', kind: 'text', width: 16 },
        money('本年已报销（元）'),
        money('封顶线（元）'),
        money('剩余额度（元）'),
      ],
      rows: r.nearCap.map((n) => [n.name, n.category, n.reimbursedFen, n.capFen, n.leftFen]),
    },
  ]);
  return { fileName: `${year}年度药费报销统计.xlsx`, data };
}
