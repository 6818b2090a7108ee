// The command-line tool over the same domains as the app.
//   npm run --silent cli -- retirees --db PATH --json     every person, as a JSON array
//   npm run --silent cli -- backup --db PATH              a verified manual backup now
//   npm run --silent cli -- backups --db PATH             the backups of that database
//   npm run --silent cli -- import FILE --db PATH [--dry-run] [--json]
//   npm run --silent cli -- export retirees --db PATH --out FILE.xlsx
import fs from 'node:fs';
import path from 'node:path';
import { AppContext } from '../app/context';
import { parseLaunchArgs } from '../app/launch';
import { isPartyMember } from '../shared/person';
import { parsePhones } from '../retirees/persons';
import { commitImport, prepareImport } from '../importer/commit';
import { ListQuery, type ImportReport } from '../api/contract';
import { exportRoster } from '../exporter/roster';
import { UserError } from '../shared/errors';

function describeReport(r: ImportReport, dryRun: boolean): string {
  return [
    `${dryRun ? '试导入（未写入数据库）' : '导入完成'}：${r.file}`,
    `数据行 ${r.dataRows}：新增 ${r.inserted}，更新 ${r.updated}，合并 ${r.merged}，跳过 ${r.skipped}，排除 ${r.excluded}，拒绝 ${r.rejected}；待核实 ${r.needsReview}`,
    ...r.rows.filter((x) => x.issues.length > 0).map((x) => `  ${x.sheet} 第${x.row}行 ${x.name ?? ''}：${x.issues.map((i) => i.message).join('；')}`),
  ].join('\n');
}

const USAGE = `用法：
  npm run --silent cli -- retirees --db 数据库文件 [--json]   列出全部人员
  npm run --silent cli -- backup --db 数据库文件              立即备份
  npm run --silent cli -- backups --db 数据库文件             列出备份
  npm run --silent cli -- import 文件 --db 数据库文件 [--dry-run] [--json]   导入花名册
  npm run --silent cli -- export retirees --db 数据库文件 --out 文件.xlsx      导出全部人员`;

export interface CliPerson {
  name: string;
  gender: string | null;
  birthDate: string | null;
  idNumber: string | null;
  category: string;
  staffType: string | null;
  retirementDate: string | null;
  formerUnit: string | null;
  phone: string | null;
  address: string | null;
  partyMember: boolean;
  status: string;
  deathDate: string | null;
  needsReview: boolean;
}

export function allRetirees(ctx: AppContext): CliPerson[] {
  const rows = ctx.store.all(ctx.store.kysely.selectFrom('persons').selectAll().orderBy('name_sort').orderBy('id'));
  return rows.map((r) => ({
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    idNumber: r.id_number,
    category: r.category,
    staffType: r.staff_type,
    retirementDate: r.retirement_date,
    formerUnit: r.former_unit,
    phone: parsePhones(r.phones)[0]?.number ?? null,
    address: r.address,
    partyMember: isPartyMember(r.political_status),
    status: r.status,
    deathDate: r.status === '已故' ? r.status_date : null,
    needsReview: r.review_flags !== '[]',
  }));
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const args = parseLaunchArgs(argv.filter((a) => a !== '--json'));
  const [command] = args.rest;
  if (!command || !['retirees', 'backup', 'backups', 'import', 'export'].includes(command) || !argv.includes('--db')) {
    console.error(USAGE);
    return 2;
  }
  if (!fs.existsSync(args.db)) {
    console.error(`数据库文件不存在：${args.db}`);
    return 1;
  }
  const ctx = await AppContext.start({ dbPath: args.db, noAutomaticBackup: true });
  try {
    if (command === 'retirees') {
      const people = allRetirees(ctx);
      if (json) process.stdout.write(`${JSON.stringify(people, null, 2)}\n`);
      else for (const p of people) console.log([p.name, p.gender, p.birthDate, p.idNumber, p.category, p.status].map((v) => v ?? '').join('\t'));
    } else if (command === 'import') {
      const file = args.rest[1];
      if (!file) throw new UserError('usage', USAGE);
      if (!fs.existsSync(file)) throw new UserError('not_found', `文件不存在：${file}`);
      const prepared = await prepareImport(fs.readFileSync(file), path.basename(file));
      const report = commitImport(ctx.store, prepared, { dryRun: argv.includes('--dry-run') });
      if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else console.log(describeReport(report, argv.includes('--dry-run')));
    } else if (command === 'export') {
      const out = argv[argv.indexOf('--out') + 1];
      if (args.rest[1] !== 'retirees' || !argv.includes('--out') || !out) throw new UserError('usage', USAGE);
      const count = await exportRoster(ctx.store, path.resolve(out), ListQuery.parse({}));
      console.log(json ? JSON.stringify({ file: path.resolve(out), count }) : `已导出 ${count} 人：${path.resolve(out)}`);
    } else if (command === 'backup') {
      const b = await ctx.backupNow();
      console.log(json ? JSON.stringify(b) : `已备份并校验：${b.name}`);
    } else {
      const list = ctx.listBackups();
      console.log(json ? JSON.stringify(list, null, 2) : list.map((b) => `${b.takenAt}\t${b.kind}\t${b.name}`).join('\n'));
    }
    return 0;
  } finally {
    ctx.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
