// The claims figures of `npm run bench`: on the bench's people, 1,000,000 approved claim lines of
// one year (every line computed by the rule, in approval order), then
// - a person's year statement, next to reading the same rows with a plain scan of the lines;
// - approving a claim of three lines, next to the plain scan a totals-less approval needs to find
//   the person's E and R for the year;
// - a month's report (read from the figures kept with the lines, migration 0013), next to main's
//   code before it: the same report's three queries over the lines' covering index, which the
//   bench builds for the comparison and drops after.
import type { AppContext } from '../src-main/app/context';
import { computeLine, type YearTotals } from '../src-main/claims/compute';
import { createClaim, moveClaim, setYearTotals, yearStatement } from '../src-main/claims/claims';
import { savePolicy, policyFor } from '../src-main/claims/policies';
import { claimsReport, periodOf } from '../src-main/claims/reports';
import { prng } from '../src-main/demo/generate';
import { LINE_KINDS } from '../src-main/shared/lineKinds';
import type { Category } from '../src-main/shared/person';

const YEAR = 2025;

export interface Measured {
  p50: number;
  p95: number;
}

export function seedClaimLines(ctx: AppContext, lineCount: number): { seconds: number } {
  const store = ctx.store;
  const t = performance.now();
  const rules = {
    deductibleFen: 80000,
    capFen: 1000000,
    ratioBp: { 门诊: 7000, 住院: 8500, 特殊病种: 9000, 药店: 6000 },
    ageBands: [{ minAge: 80, extraBp: 1000 }],
  };
  savePolicy(store, YEAR, '退休', rules, '基准测试');
  savePolicy(store, YEAR, '退职', { ...rules, deductibleFen: 120000, capFen: 500000 }, '基准测试');
  const people = store.raw.prepare('SELECT id, category, birth_date FROM persons').all() as {
    id: number;
    category: Category;
    birth_date: string | null;
  }[];
  const r = prng(23);
  // Claims of one to four lines, for people drawn at random, in approval order.
  const insertClaim = store.raw.prepare(
    `INSERT INTO claims (person_id, status, received_date, approval_seq, approved_at, approved_by, created_at, created_by, updated_at)
     VALUES (?, '批准', ?, ?, ?, '基准测试', ?, '基准测试', ?)`,
  );
  const insertLine = store.raw.prepare(
    `INSERT INTO claim_lines (claim_id, person_id, seq, invoice_no, hospital, visit_date, year, kind, total_fen, fund_fen, account_fen, self_fen,
       eligible_fen, policy_id, deductible_fen, counted_fen, ratio_bp, pay_fen, explanation, approved_on, category)
     VALUES (?, ?, ?, ?, '市中心医院', ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const totals = new Map<number, YearTotals>();
  const policies = new Map<Category, ReturnType<typeof policyFor>>();
  let lines = 0;
  let seq = 0;
  store.tx(() => {
    while (lines < lineCount) {
      const p = people[Math.floor(r() * people.length)];
      const policy =
        policies.get(p.category) ?? policies.set(p.category, policyFor(store, YEAR, p.category)).get(p.category)!;
      seq++;
      // Approvals spread over the year in order.
      const day = new Date(Date.UTC(YEAR, 0, 1) + Math.floor((seq / (lineCount / 2.5)) * 364) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const claimId = Number(
        insertClaim.run(p.id, day, seq, `${day}T10:00:00`, `${day}T09:00:00`, `${day}T10:00:00`).lastInsertRowid,
      );
      const n = Math.min(lineCount - lines, 1 + Math.floor(r() * 4));
      for (let k = 1; k <= n; k++) {
        const kind = LINE_KINDS[Math.floor(r() * 4)];
        const self = 1000 + Math.floor(r() * (kind === '住院' ? 800000 : 50000));
        const visit = `${day.slice(0, 8)}01`;
        const c = computeLine(
          policy.rules,
          totals.get(p.id) ?? { eligibleFen: 0, reimbursedFen: 0 },
          { visitDate: visit, kind, eligibleFen: self },
          p.birth_date,
        );
        totals.set(p.id, c.after);
        insertLine.run(
          claimId,
          p.id,
          k,
          `B${claimId}-${k}`,
          visit,
          YEAR,
          kind,
          self * 2,
          self,
          self,
          self,
          policy.versionId,
          c.deductibleFen,
          c.countedFen,
          c.ratioBp,
          c.payFen,
          c.explanation,
          day,
          p.category,
        );
        lines++;
      }
    }
    for (const [personId, t] of totals) setYearTotals(store, personId, YEAR, t);
  });
  store.raw.exec('ANALYZE');
  return { seconds: (performance.now() - t) / 1000 };
}

export function benchClaims(
  ctx: AppContext,
  runs: number,
  time: (fn: () => void) => number,
  percentiles: (ms: number[]) => Measured,
) {
  const store = ctx.store;
  const r = prng(29);
  const withLines = store.raw.prepare('SELECT person_id FROM claim_year_totals WHERE year = ? LIMIT 1 OFFSET ?');
  const count = (
    store.raw.prepare('SELECT count(*) AS n FROM claim_year_totals WHERE year = ?').get(YEAR) as { n: number }
  ).n;
  const people = Array.from(
    { length: runs },
    () => (withLines.get(YEAR, Math.floor(r() * count)) as { person_id: number }).person_id,
  );

  // The statement; the baseline reads the same lines and their claims by scanning the lines.
  const scanLines = store.raw.prepare(
    'SELECT * FROM claim_lines NOT INDEXED WHERE person_id = ? AND year = ? ORDER BY claim_id, seq',
  );
  const claimById = store.raw.prepare('SELECT * FROM claims WHERE id = ?');
  yearStatement(store, people[0], YEAR);
  const statement = {
    ours: percentiles(people.map((id) => time(() => yearStatement(store, id, YEAR)))),
    scan: percentiles(
      people.slice(0, Math.min(runs, 60)).map((id) =>
        time(() => {
          const rows = scanLines.all(id, YEAR) as { claim_id: number }[];
          for (const c of new Set(rows.map((x) => x.claim_id))) claimById.get(c);
        }),
      ),
    ),
  };

  // Approving: claims of three lines registered and sent to 审核 first (not timed).
  const pending = people.map((personId, i) => {
    const c = createClaim(store, {
      personId,
      receivedDate: `${YEAR}-12-20`,
      note: null,
      lines: LINE_KINDS.slice(0, 3).map((kind, k) => ({
        invoiceCode: null,
        invoiceNo: `BENCH-${i}-${k}`,
        hospital: '市中心医院',
        visitDate: `${YEAR}-12-15`,
        kind,
        total: 20000,
        fund: 10000,
        account: 0,
        self: 10000,
        eligible: 10000,
        eligibleReason: null,
      })),
    });
    return moveClaim(store, c.id, c.version, '审核', null);
  });
  const scanTotals = store.raw.prepare(
    'SELECT sum(eligible_fen) AS e, sum(pay_fen) AS p FROM claim_lines NOT INDEXED WHERE person_id = ? AND year = ? AND pay_fen IS NOT NULL',
  );
  const approve = {
    ours: percentiles(pending.map((c) => time(() => moveClaim(store, c.id, c.version, '批准', null)))),
    scan: percentiles(pending.slice(0, Math.min(runs, 60)).map((c) => time(() => scanTotals.get(c.personId, YEAR)))),
  };

  // A month's report; the baseline is main's code: the report's queries over the covering index
  // of the lines it read (dropped by migration 0013), named as main named it.
  store.raw.exec(
    'CREATE INDEX bench_claim_lines_approved ON claim_lines (approved_on, category, kind, eligible_fen, pay_fen, person_id)',
  );
  const lines = 'claim_lines INDEXED BY bench_claim_lines_approved';
  const mainReport = [
    `SELECT substr(approved_on, 1, 7) AS month, count(*) AS lines, sum(eligible_fen) AS eligibleFen, sum(pay_fen) AS payFen
     FROM ${lines} WHERE approved_on >= ? AND approved_on < ? GROUP BY month ORDER BY month`,
    `SELECT category, count(DISTINCT person_id) AS people, sum(pay_fen) AS payFen
     FROM ${lines} WHERE approved_on >= ? AND approved_on < ? GROUP BY category ORDER BY category`,
    `SELECT kind, count(*) AS lines, sum(pay_fen) AS payFen FROM ${lines} WHERE approved_on >= ? AND approved_on < ? GROUP BY kind ORDER BY kind`,
  ].map((q) => store.raw.prepare(q));
  const months = Array.from({ length: runs }, (_, i) => 1 + (i % 12));
  const mainReportOf = (m: number) => {
    const [from, to] = periodOf(YEAR, m);
    return mainReport.map((q) => q.all(from, to));
  };
  // Both answer the same.
  const ours = claimsReport(store, YEAR, 90, 6);
  if (JSON.stringify([ours.byMonth, ours.byCategory, ours.byKind]) !== JSON.stringify(mainReportOf(6)))
    throw new Error("the month's report differs from main's");
  const report = {
    ours: percentiles(months.map((m) => time(() => claimsReport(store, YEAR, 90, m)))),
    scan: percentiles(months.map((m) => time(() => mainReportOf(m)))),
  };
  store.raw.exec('DROP INDEX bench_claim_lines_approved');
  return { statement, approve, report };
}
