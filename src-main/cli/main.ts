// The command-line tool over the same domains as the app.
//   npm run --silent cli -- init --db PATH [--org NAME --operator NAME]   a new database, as the app's first start makes it
// Every other command runs as an operator, through the router's check of their role:
//   --operator NAME, the password from RETIREE_OFFICE_PASSWORD or asked on a terminal.
//   npm run --silent cli -- retirees --db PATH --json     every person, as a JSON array
//   npm run --silent cli -- backup --db PATH              a verified manual backup now
//   npm run --silent cli -- backups --db PATH             the backups of that database
//   npm run --silent cli -- import FILE --db PATH [--map FILE.json] [--dry-run] [--json] [--progress] [--force]
//   npm run --silent cli -- export retirees --db PATH --out FILE.xlsx [--full] [--template NAME]
//   npm run --silent cli -- template export FILE.json --template NAME --db PATH   an export template as a file
//   npm run --silent cli -- template import FILE.json --db PATH [--replace | --keep-both]
//   npm run --silent cli -- claims import FILE --db PATH [--map FILE.json] [--dry-run] [--json]   a claims ledger
//   npm run --silent cli -- adjustments import FILE --year YYYY --db PATH [--map FILE.json] [--dry-run] [--json]   the agency's adjustment list
//   npm run --silent cli -- claims --db PATH --year YYYY [--json]               the year's claim lines
//   npm run --silent cli -- claims simulate --db PATH --year YYYY --policy FILE.json [--json]
//   npm run --silent cli -- stats --db PATH [--as-of YYYY-MM-DD] [--json]   the roll's figures as of a date
//   npm run --silent cli -- report NAME --db PATH --year YYYY --out FILE.xlsx   an upward table (cli report --help lists them)
//   npm run --silent cli -- letters render --db PATH --template KIND --people IDNUMBER,… --out FILE.html
//   npm run --silent cli -- encrypt --db PATH --operator NAME      an administrator encrypts the database and its backups in place
//   npm run --silent cli -- offsite --db PATH --to FOLDER          a verified copy to a USB stick or shared drive (then daily)
//   npm run --silent cli -- install-copy COPY --db NEWPATH [--operator NAME]   a new computer's database from such a copy
// An encrypted database opens with the --operator's password (RETIREE_OFFICE_PASSWORD, or typed):
// it unwraps the key (db/keyring.ts), then signs in through the router; install-copy without
// --operator takes the recovery code. `init --org --operator` makes the database encrypted from its
// first page, the administrator's password and the recovery code opening it.
// A damaged database is recovered from the newest backup and reported on stderr; the command then
// stops with exit code 3 unless --accept-recovery is given. Without a usable backup it refuses.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { AppContext, describeRecovery } from '../app/context';
import { unlockForLogIn } from '../app/desk';
import { encryptDatabase } from '../app/encryption';
import { copyOffsite, installFromCopy } from '../app/offsite';
import { parseLaunchArgs } from '../app/launch';
import { PASSWORD_ENV } from '../app/paths';
import { createKeyring, keyringFile, operatorLabel, RECOVERY_LABEL, writeKeyring } from '../db/keyring';
import { isPartyMember } from '../shared/person';
import { parsePhones } from '../retirees/persons';
import type { AdjustmentRunView } from '../contract/adjustments';
import { ColumnMap, type ImportColumns, type ImportReport } from '../contract/imports';
import { ListQuery } from '../contract/retirees';
import { taughtKey } from '../importer/recognise';
import { normalizeLabel } from '../spreadsheet/tables';
import { exportRoster } from '../exporter/roster';
import { exportTemplateFile, exportTemplateNamed, importTemplateFile } from '../exporter/templates';
import { TEMPLATE_FILE_MAX_CHARS } from '../contract/exportTemplates';
import { sql } from 'kysely';
import { DatabaseTooNewError } from '../db/migrate';
import { UserError } from '../shared/errors';
import { getOfficeSettings } from '../settings/settings';
import type { MethodName } from '../contract';
import type { SetupResult } from '../contract/app';
import type { WithRecoveryCode } from '../contract/operators';
import { asCaller, dispatch, type SeenCall } from '../router';
import { simulateYear } from '../claims/reports';
import { YearPolicy } from '../shared/claimPolicy';
import { describeIssues } from '../contract/issues';
import { formatYuan } from '../shared/money';
import { composeLetters, letterAssets } from '../letters/letters';
import { lettersPrintable } from '../documents/letter';
import { htmlDocument } from '../documents/print';
import { describeFigures, statisticsFigures } from '../statistics/roll';
import { upwardWorkbook } from '../statistics/upward';
import { REPORT_NAMES, UPWARD_REPORTS, type ReportName } from '../contract/upward';
import { LETTER_KIND_KEYS, type LetterKind } from '../shared/letters';
import { IMPORT_LIMITS, sizeText, unreadableFile } from '../shared/importLimits';
import { ADJUSTMENT_FIELD_NAMES, LEDGER_FIELD_NAMES, missingFieldsText } from '../shared/importFields';

/** Each sheet's columns as recognised, a line each: `  C 身份号码 → idNumber（按表头：身份号码）`. */
function describeColumns(columns: ImportColumns[]): string[] {
  return columns.flatMap((s) => [
    `工作表“${s.sheet}”的列：`,
    ...s.labels.map(
      (label, c) =>
        `  ${columnLetter(c)} ${label || '（无表头）'} → ${s.fields[c] ?? '不对应字段'}（${s.reasons[c] ?? ''}）`,
    ),
  ]);
}

/**
 * A trial (--dry-run) of a list lacking a required column answers with its columns (no row read):
 * refused as an import is, saying what is missing and how each column was taken.
 */
function refuseIfLacking(columns: ImportColumns[], names: Readonly<Record<string, string>>, what: string): void {
  const missing = columns.flatMap((s) => s.missing ?? []);
  if (missing.length === 0) return;
  throw new UserError(
    'no_header',
    [
      `没有找到${what}的${missingFieldsText(missing, names)}列：请用 --map 指定它在哪一列（{ "表头文字": "字段名" }）`,
      ...describeColumns(columns),
    ].join('\n'),
  );
}

function columnLetter(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function describeReport(r: ImportReport, dryRun: boolean): string {
  const columns = r.sheets.flatMap((s) =>
    s.header && s.fields && s.reasons
      ? [{ sheet: s.name, labels: s.header, fields: s.fields, reasons: s.reasons }]
      : [],
  );
  const closing = r.rows.filter((x) => x.outcome === 'total' || x.outcome === 'note');
  return [
    `${dryRun ? '试导入（未写入数据库）' : '导入完成'}：${r.file}`,
    ...describeColumns(columns),
    ...(r.notARoster ?? []).map((d) => `注意：${d.message}${dryRun ? '（确认后加 --force 导入）' : ''}`),
    `数据行 ${r.dataRows}：新增 ${r.inserted}，更新 ${r.updated}，合并 ${r.merged}，跳过 ${r.skipped}，排除 ${r.excluded}，拒绝 ${r.rejected}；待核实 ${r.needsReview}`,
    ...r.rows
      .filter((x) => x.issues.length > 0)
      .map((x) => `  ${x.sheet} 第${x.row}行 ${x.name ?? ''}：${x.issues.map((i) => i.message).join('；')}`),
    ...(closing.length
      ? [`合计行、说明行（未导入）：${closing.map((x) => `${x.sheet} 第${x.row}行`).join('、')}`]
      : []),
  ].join('\n');
}

const USAGE = `用法：
  npm run --silent cli -- init --db 数据库文件 [--org 单位名称 --operator 经办人姓名]   建立新数据库（经办人为第一位管理员）
  以下命令都须用 --operator 操作员姓名 登录，密码取自环境变量 RETIREE_OFFICE_PASSWORD，未设置时在终端输入；按该操作员的角色核对权限
  npm run --silent cli -- retirees --db 数据库文件 [--json]   列出全部人员
  npm run --silent cli -- backup --db 数据库文件              立即备份
  npm run --silent cli -- backups --db 数据库文件             列出备份
  npm run --silent cli -- import 文件 --db 数据库文件 [--map 对应.json] [--dry-run] [--json] [--progress] [--force]   导入花名册（--progress：写入进度输出到 stderr；--force：文件不像花名册时仍然导入）
  npm run --silent cli -- export retirees --db 数据库文件 --out 文件.xlsx [--full] [--template 模板名称]   导出全部人员（身份证号、电话、银行账号默认脱敏；--full：完整导出，可重新导入；--template：按导出模板的列、格式和标题导出，同名模板可写作“接收单位/名称”）
  npm run --silent cli -- template export 模板文件.json --template 模板名称 --db 数据库文件   把导出模板存为文件，带到别的电脑
  npm run --silent cli -- template import 模板文件.json --db 数据库文件 [--replace | --keep-both]   导入导出模板文件（同名时：--replace 替换原模板，--keep-both 另存为“名称（2）”）
  npm run --silent cli -- claims import 台账文件 --db 数据库文件 [--map 对应.json] [--dry-run] [--json]   导入药费报销台账
  npm run --silent cli -- adjustments import 调资名单 --year 年度 --db 数据库文件 [--map 对应.json] [--dry-run] [--json]   导入调资名单并核对
    --map：表头写法程序不认识时，用 JSON 文件指明各列对应的字段，如 {"到龄时间": "retirementDate", "第5列": "idNumber"}（字段名见 README）
  npm run --silent cli -- claims --db 数据库文件 --year 年度 [--json]                  列出该年度全部报销明细
  npm run --silent cli -- claims simulate --db 数据库文件 --year 年度 --policy 政策.json [--json]   政策测算
  npm run --silent cli -- stats --db 数据库文件 [--as-of 2026-12-31] [--json]   统计数字（默认截至上年12月31日）
  npm run --silent cli -- report 报表名 --db 数据库文件 --year 年度 --out 文件.xlsx   上报报表（统计年报），报表名见 cli report --help
  npm run --silent cli -- letters render --db 数据库文件 --template 模板 --people 身份证号,身份证号 --out 文件.html   生成信函
    模板：sympathy（慰问信）、birthday（生日贺信）、festival（节日慰问信）、bereavement（唁函）、visit-notice（走访通知）
  npm run --silent cli -- encrypt --db 数据库文件 --operator 操作员姓名   加密数据库及其全部备份（先备份并校验；密码取自环境变量 ${PASSWORD_ENV}；打印恢复码，请抄下另行保管）
  npm run --silent cli -- offsite --db 数据库文件 --to 文件夹   复制一份校验过的备份（连同密钥文件）到U盘或共享盘，此后每天启动时自动复制
  npm run --silent cli -- install-copy 备份副本 --db 新数据库文件 [--operator 操作员姓名]   换电脑：用备份副本建立这台电脑的数据库（密码或恢复码取自环境变量 ${PASSWORD_ENV}）
  数据库已加密时：--operator 操作员的密码先打开数据库再登录；install-copy 不加 --operator 时用恢复码。init 带 --org 和 --operator 时新建的数据库即已加密
  数据库文件损坏时：从最新的可用备份恢复，在标准错误输出说明，不执行命令并以退出码 3 结束；加 --accept-recovery 则恢复后继续执行
  数据库来自更新版本的程序时：不作任何改动，不执行命令，以退出码 4 结束`;

/** `cli report --help`: the upward tables by the names the command takes. */
const REPORT_USAGE = `用法：npm run --silent cli -- report 报表名 --db 数据库文件 --year 年度 --out 文件.xlsx
报表名：
${REPORT_NAMES.map((name) => `  ${name.padEnd(14)}${UPWARD_REPORTS[name].title}`).join('\n')}`;

/** The table `cli report NAME` names, or a refusal that lists them. */
function reportName(name: string | undefined): ReportName {
  if (name && (REPORT_NAMES as string[]).includes(name)) return name as ReportName;
  throw new UserError('usage', `${name ? `没有名为“${name}”的报表。` : '请指定报表名。'}\n${REPORT_USAGE}`);
}

/** Exit code when the database was recovered from a backup and the command was not run. */
const EXIT_RECOVERED = 3;
/** Exit code when the database was written by a newer version of the program (nothing was done). */
const EXIT_TOO_NEW = 4;

/**
 * A file to import, read whole only when it is within the size limit: it is read, with the
 * limits of shared/importLimits.ts, in the import's child process, as the app reads it.
 */
function importedFile(file: string): Buffer {
  if (!fs.existsSync(file)) throw new UserError('not_found', `文件不存在：${file}`);
  if (fs.statSync(file).size > IMPORT_LIMITS.fileBytes)
    throw new UserError('too_large', unreadableFile(`文件超过 ${sizeText(IMPORT_LIMITS.fileBytes)} 的上限`));
  return fs.readFileSync(file);
}

/** `--map FILE.json`: `{ "表头文字": "字段名" }`, read and checked (the fields themselves are checked by the import). */
function readMap(file: string | null): Record<string, string | null> | undefined {
  if (file === null) return undefined;
  if (!fs.existsSync(file)) throw new UserError('not_found', `文件不存在：${file}`);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new UserError('invalid_input', `--map 文件“${file}”不是有效的 JSON`);
  }
  const parsed = ColumnMap.safeParse(json);
  if (!parsed.success)
    throw new UserError(
      'invalid_input',
      `--map 文件“${file}”应为 { "表头文字": "字段名" }：${describeIssues(parsed.error)}`,
    );
  return parsed.data;
}

/** Labels of --map that no sheet has, said on stderr: a misspelt label would otherwise be ignored without a word. */
function warnUnusedMap(map: Record<string, string | null> | undefined, labels: string[]): void {
  if (!map) return;
  const present = new Set(labels.map((l) => taughtKey(l)));
  for (const label of Object.keys(map)) {
    // The labels reported are as shown (brackets taken out: 调整前元), the map's as typed (调整前（元）).
    if (
      /^\s*第\s*\d+\s*列\s*$/.test(label) ||
      present.has(taughtKey(label)) ||
      present.has(taughtKey(normalizeLabel(label)))
    )
      continue;
    console.error(`--map 中的表头“${label}”在文件中没有找到，未使用`);
  }
}

/** `--name value` taken out of argv (so that the value is not read as a positional). */
function takeOption(argv: string[], name: string): string | null {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return null;
  const [, value] = argv.splice(at, 2);
  if (value === undefined || value.startsWith('--')) throw new UserError('usage', `--${name} 后须跟一个值\n${USAGE}`);
  return value;
}

function yearOption(argv: string[]): number {
  const year = takeOption(argv, 'year');
  if (!year || !/^\d{4}$/.test(year)) throw new UserError('usage', `请用 --year 指定年度，如 --year 2025\n${USAGE}`);
  return Number(year);
}

export interface CliClaimLine {
  claimId: number;
  idNumber: string | null;
  name: string;
  visitDate: string;
  kind: string;
  invoiceNo: string;
  eligibleFen: number;
  /** Null until the claim is approved. */
  reimbursedFen: number | null;
  status: string;
}

export function claimLinesOfYear(ctx: AppContext, year: number): CliClaimLine[] {
  return ctx.store.all(
    ctx.store.kysely
      .selectFrom('claim_lines as l')
      .innerJoin('claims as c', 'c.id', 'l.claim_id')
      .innerJoin('persons as p', 'p.id', 'l.person_id')
      .select([
        'c.id as claimId',
        'p.id_number as idNumber',
        'p.name',
        'l.visit_date as visitDate',
        'l.kind',
        'l.invoice_no as invoiceNo',
        'l.eligible_fen as eligibleFen',
        'l.pay_fen as reimbursedFen',
        'c.status',
      ])
      .where('l.year', '=', year)
      // In approval order; lines not approved yet last.
      .orderBy(sql`coalesce(c.approval_seq, 1e18)`)
      .orderBy('c.id')
      .orderBy('l.seq'),
  );
}

async function claimsCommand(
  ctx: AppContext,
  argv: string[],
  rest: string[],
  json: boolean,
  year: number | null,
  policyFile: string | null,
  map: Record<string, string | null> | undefined,
): Promise<void> {
  const sub = rest[1];
  if (sub === 'import') {
    const file = rest[2];
    if (!file) throw new UserError('usage', USAGE);
    const dryRun = argv.includes('--dry-run');
    const report = await ctx.lists.ledger(path.basename(file), importedFile(file), dryRun, map);
    warnUnusedMap(
      map,
      (report.columns ?? []).flatMap((c) => c.labels),
    );
    refuseIfLacking(report.columns ?? [], LEDGER_FIELD_NAMES, '报销台账');
    if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      console.log(
        `${dryRun ? '试导入（未写入数据库）' : '导入完成'}：${report.file}；数据行 ${report.dataRows}：导入 ${report.inserted}，拒绝 ${report.rejected}`,
      );
      for (const line of describeColumns(report.columns ?? [])) console.log(line);
      for (const r of report.rows.filter((x) => x.issues.length > 0))
        console.log(`  第${r.row}行 ${r.name ?? ''}：${r.issues.map((i) => i.message).join('；')}`);
    }
    return;
  }
  if (year === null) throw new UserError('usage', `请用 --year 指定年度，如 --year 2025\n${USAGE}`);
  if (sub === 'simulate') {
    if (!policyFile) throw new UserError('usage', `请用 --policy 指定测算政策文件\n${USAGE}`);
    if (!fs.existsSync(policyFile)) throw new UserError('not_found', `文件不存在：${policyFile}`);
    let parsed;
    try {
      parsed = YearPolicy.safeParse(JSON.parse(fs.readFileSync(policyFile, 'utf8')));
    } catch {
      throw new UserError('invalid_input', `测算政策文件“${policyFile}”不是有效的 JSON`);
    }
    if (!parsed.success) throw new UserError('invalid_input', `测算政策文件有误：${describeIssues(parsed.error)}`);
    if (parsed.data.year !== year)
      throw new UserError('invalid_input', `测算政策是 ${parsed.data.year} 年度的，与 --year ${year} 不符`);
    const result = simulateYear(ctx.store, parsed.data);
    if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      for (const p of result.people)
        console.log(
          `${p.name}\t${p.idNumber ?? ''}\t实报 ${formatYuan(p.paidFen)}\t测算 ${formatYuan(p.simulatedFen)}`,
        );
      console.log(
        `合计\t实报 ${formatYuan(result.total.paidFen)} 元\t测算 ${formatYuan(result.total.simulatedFen)} 元`,
      );
    }
    return;
  }
  if (sub !== undefined) throw new UserError('usage', USAGE);
  const lines = claimLinesOfYear(ctx, year);
  if (json) process.stdout.write(`${JSON.stringify(lines, null, 2)}\n`);
  else
    for (const l of lines)
      console.log(
        [
          l.claimId,
          l.name,
          l.idNumber,
          l.visitDate,
          l.kind,
          formatYuan(l.eligibleFen),
          l.reimbursedFen === null ? '' : formatYuan(l.reimbursedFen),
          l.status,
        ].join('\t'),
      );
}

/** `adjustments import FILE --year N`: the agency's list read, matched and checked against the year's rule. */
async function adjustmentsCommand(
  ctx: AppContext,
  argv: string[],
  rest: string[],
  json: boolean,
  year: number | null,
  map: Record<string, string | null> | undefined,
): Promise<void> {
  const file = rest[2];
  if (rest[1] !== 'import' || !file) throw new UserError('usage', USAGE);
  if (year === null) throw new UserError('usage', `请用 --year 指定年度，如 --year 2025\n${USAGE}`);
  const dryRun = argv.includes('--dry-run');
  const run: AdjustmentRunView = await ctx.lists.adjustments(path.basename(file), importedFile(file), year, {
    dryRun,
    map,
  });
  warnUnusedMap(
    map,
    (run.columns ?? []).flatMap((c) => c.labels),
  );
  refuseIfLacking(run.columns ?? [], ADJUSTMENT_FIELD_NAMES, '调资名单');
  if (json) {
    process.stdout.write(`${JSON.stringify(dryRun ? { ...run, id: null } : run, null, 2)}\n`);
    return;
  }
  const c = run.counts;
  console.log(
    `${dryRun ? '试导入（未写入数据库）' : '导入完成'}：${run.fileName}（${run.year} 年）；数据行 ${c.dataRows}：匹配 ${c.matched}，档案中没有 ${c.unmatched}，无法识别 ${c.rejected}；与规则不符 ${c.differs}，无法计算 ${c.noExpected}`,
  );
  for (const line of describeColumns(run.columns ?? [])) console.log(line);
}

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

/** The letters of one template for people named by their ID numbers, as the HTML the app prints. */
function renderLetters(
  ctx: AppContext,
  template: string | null,
  people: string | null,
  out: string | null,
): { said: string; seen: SeenCall } {
  if (!template || !(LETTER_KIND_KEYS as string[]).includes(template)) {
    throw new UserError('usage', `未知的信函模板“${template ?? ''}”，应为 ${LETTER_KIND_KEYS.join('、')} 之一`);
  }
  if (!people) throw new UserError('usage', `请用 --people 指定收信人的身份证号，用逗号分开\n${USAGE}`);
  if (!out) throw new UserError('usage', `请用 --out 指定输出的 HTML 文件\n${USAGE}`);
  const ids = people
    .split(/[,，]/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean)
    .map((n) => {
      const row = ctx.store.first(ctx.store.kysely.selectFrom('persons').select('id').where('id_number', '=', n));
      if (!row) throw new UserError('not_found', `没有身份证号为 ${n} 的人员`);
      return row.id;
    });
  const composed = composeLetters(ctx.store, template as LetterKind, ids);
  if (composed.missing.length)
    throw new UserError(
      'invalid_input',
      `以下人员不能生成此信函：${composed.missing.map((m) => `${m.name}（${m.why}）`).join('、')}`,
    );
  fs.writeFileSync(out, htmlDocument(lettersPrintable(composed.letters, 'A4', letterAssets(ctx.store))));
  return {
    said: `已生成 ${composed.letters.length} 封${composed.letters[0].title}：${path.resolve(out)}`,
    // What letters.render with print: true would have seen: the access log's row of it.
    seen: { input: { kind: template, personIds: ids, print: true }, output: { count: composed.letters.length } },
  };
}

/** A path as it can be pasted back into a shell. */
function shellWord(s: string): string {
  return /^[\w./:@%+,=-]+$/u.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/** The password of `--operator`: RETIREE_OFFICE_PASSWORD, or typed on a terminal (not shown). */
async function operatorPassword(what: string): Promise<string> {
  const fromEnv = process.env.RETIREE_OFFICE_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY)
    throw new UserError('usage', `请用环境变量 RETIREE_OFFICE_PASSWORD 提供${what}（或在终端中运行，按提示输入）`);
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  process.stderr.write(`${what}：`);
  // What is typed is not echoed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}

/**
 * Signs the run in as `--operator`, through the router (auth.login). An office set up before
 * operators existed is asked, as the app's first start asks, for its operator's administrator
 * password: the password given becomes it, and the recovery code is said once on stderr.
 */
async function signInOperator(ctx: AppContext, name: string, password: string): Promise<void> {
  const info = ctx.info();
  const first = info.needsFirstPassword && name.trim() === info.operatorName;
  const r = await dispatch(
    ctx,
    first ? 'auth.firstPassword' : 'auth.login',
    first ? { password, password2: password } : { name, password },
  );
  if (!r.ok) throw new UserError(r.error.code, r.error.message);
  if (first)
    console.error(
      `已为 ${name} 设置管理员密码（本数据库此前没有操作员）。恢复码（只显示这一次，请抄写或打印后妥善保管）：${(r.value as WithRecoveryCode).recoveryCode}`,
    );
}

/** The contract method each command does what of, whose permission the router checks for it. */
function methodOf(command: string, sub: string | undefined, dryRun: boolean): MethodName {
  switch (command) {
    case 'retirees':
      return 'retirees.list';
    case 'import':
      return dryRun ? 'imports.open' : 'imports.commit';
    case 'export':
      return 'retirees.export';
    case 'template':
      return sub === 'import' ? 'exportTemplates.import' : 'exportTemplates.export';
    case 'claims':
      return sub === 'import' ? 'claims.importLedger' : sub === 'simulate' ? 'claims.simulate' : 'claims.list';
    case 'adjustments':
      return 'adjustments.import';
    case 'letters':
      return 'letters.render';
    case 'backup':
    case 'offsite':
      return 'backups.create';
    case 'stats':
      return 'statistics.figures';
    case 'report':
      return 'statistics.reportExport';
    default:
      return 'backups.list';
  }
}

const initCommand = (dbPath: string) =>
  `npm run --silent cli -- init --db ${shellWord(dbPath)} --org 单位名称 --operator 经办人姓名`;

/**
 * `init`: a new database file, migrated, with the office's settings when both are given, as the
 * app's first start makes it (SetupPage → app.setup → saveOfficeSettings). An existing file is
 * never touched: the file is created with O_EXCL, so even a file that appears meanwhile is refused.
 */
async function initDatabase(dbPath: string, orgName: string | null, operatorName: string | null): Promise<string> {
  if ((orgName === null) !== (operatorName === null)) {
    throw new UserError(
      'usage',
      `--org 和 --operator 须一起填写（单位名称用于信函落款和报表，经办人姓名记入每一条修改记录）\n${USAGE}`,
    );
  }
  const settings = orgName !== null && operatorName !== null ? { orgName, operatorName } : null;
  if (settings && !settings.orgName.trim()) throw new UserError('invalid_input', '请填写单位名称');
  if (settings && !settings.operatorName.trim()) throw new UserError('invalid_input', '请填写经办人姓名');
  // The administrator's password, asked before anything is created.
  const password = settings ? await operatorPassword(`管理员 ${settings.operatorName.trim()} 的密码`) : null;
  fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  try {
    fs.closeSync(fs.openSync(dbPath, 'wx'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UserError(
        'exists',
        `文件已存在，未做任何改动：${dbPath}\n已有的数据库可直接使用；要建立新数据库，请换一个文件名`,
      );
    throw e;
  }
  let ctx: AppContext | null = null;
  try {
    // With its administrator, the database is encrypted from its first page: a new key, wrapped by
    // the administrator's password and the recovery code when app.setup sets them
    // (operators/setPassword, newRecoveryCode).
    const made = settings ? createKeyring([]) : null;
    if (made) writeKeyring(keyringFile(dbPath), made.keyring);
    ctx = await AppContext.start({ dbPath, noAutomaticBackup: true, key: made?.key });
    // As the first-start form: the office, and its operator as the administrator with the password.
    const set = settings ? await dispatch(ctx, 'app.setup', { ...settings, password, password2: password }) : null;
    if (set && !set.ok) throw new UserError(set.error.code, set.error.message);
    const office = getOfficeSettings(ctx.store);
    return office.configured
      ? `已建立数据库：${dbPath}（已加密，用管理员密码或恢复码打开）\n单位：${office.orgName}；管理员：${office.operatorName}\n恢复码（只显示这一次，请抄写或打印后妥善保管，管理员忘记密码时用它重设）：${(set!.value as SetupResult).recoveryCode}`
      : `已建立数据库：${dbPath}\n尚未填写单位名称和经办人：桌面程序首次打开时会询问；在此之前导入等修改数据的操作会被拒绝。也可删除此文件后用 --org 和 --operator 重新建立`;
  } catch (e) {
    // The file is this run's own, still empty of anyone's data: leave nothing half made.
    ctx?.close();
    ctx = null;
    for (const suffix of ['', '-wal', '-shm', '.keys']) fs.rmSync(dbPath + suffix, { force: true });
    throw e;
  } finally {
    ctx?.close();
  }
}

/**
 * `encrypt`: the database and its backups encrypted in place by the signed-in administrator (the
 * database closed first), the steps on stderr, the recovery code on stdout.
 */
async function encryptCommand(dbPath: string, operatorName: string, password: string): Promise<string> {
  const r = await encryptDatabase(
    dbPath,
    { label: operatorLabel(operatorName), secret: password },
    { onProgress: (p) => process.stderr.write(`${p.step}（${p.done}/${p.total}）\n`) },
  );
  return [
    `已加密：${dbPath}（及其全部备份）`,
    r.recoveryCode
      ? `新的恢复码：${r.recoveryCode}\n原恢复码已作废。请把新恢复码抄在纸上，与电脑分开妥善保管：忘记密码时凭它打开数据库、重设管理员密码；它只显示这一次。`
      : '恢复码沿用上次加密时打印的那一个。',
    '其他操作员下次在程序中登录时（或由管理员重设其密码后），其密码即可打开加密的数据库。',
    ...r.leftPlain.map((f) => `未能加密（文件无法读取，仍为明文）：${f}`),
  ].join('\n');
}

async function main(argvIn: string[]): Promise<number> {
  const argv = [...argvIn];
  const json = argv.includes('--json');
  const out = takeOption(argv, 'out');
  const to = takeOption(argv, 'to');
  const year = argv.includes('--year') ? yearOption(argv) : null;
  const policyFile = takeOption(argv, 'policy');
  const template = takeOption(argv, 'template');
  const people = takeOption(argv, 'people');
  const acceptRecovery = argv.includes('--accept-recovery');
  const orgName = takeOption(argv, 'org');
  const mapFile = takeOption(argv, 'map');
  const operatorName = takeOption(argv, 'operator');
  const asOf = takeOption(argv, 'as-of');
  const args = parseLaunchArgs(argv.filter((a) => a !== '--json' && a !== '--accept-recovery'));
  const [command] = args.rest;
  if (command === 'report' && argv.includes('--help')) {
    console.log(REPORT_USAGE);
    return 0;
  }
  if (command === 'report') reportName(args.rest[1]);
  if (
    !command ||
    ![
      'init',
      'retirees',
      'backup',
      'backups',
      'import',
      'export',
      'template',
      'claims',
      'adjustments',
      'letters',
      'stats',
      'report',
      'encrypt',
      'offsite',
      'install-copy',
    ].includes(command) ||
    !argv.includes('--db')
  ) {
    console.error(USAGE);
    return 2;
  }
  if (command === 'init') {
    console.log(await initDatabase(args.db, orgName, operatorName));
    return 0;
  }
  if (command === 'install-copy') {
    const copy = args.rest[1];
    if (!copy) throw new UserError('usage', USAGE);
    // An operator's password (with --operator), or the recovery code.
    const secret = await operatorPassword(operatorName ? `操作员 ${operatorName} 的密码` : '恢复码');
    installFromCopy(path.resolve(copy), args.db, {
      secret,
      label: operatorName ? operatorLabel(operatorName.trim()) : RECOVERY_LABEL,
    });
    console.log(`已用备份副本建立数据库：${path.resolve(args.db)}`);
    return 0;
  }
  if (!fs.existsSync(args.db)) {
    console.error(`数据库文件不存在：${args.db}\n请先用 ${initCommand(args.db)} 建立`);
    return 1;
  }
  // A bad --map is said before the database is opened.
  const map = readMap(mapFile);
  const askPassword = async () => {
    if (!operatorName) throw new UserError('usage', `请用 --operator 指定操作员姓名\n${USAGE}`);
    return { name: operatorName.trim(), password: await operatorPassword(`操作员 ${operatorName} 的密码`) };
  };
  // The password signs in; an encrypted database needs it first, to open (its keyring: db/keyring.ts).
  // A plain one is opened and checked first, as before (a newer database is refused before anything is asked).
  const encrypted = fs.existsSync(keyringFile(path.resolve(args.db)));
  let signIn = encrypted ? await askPassword() : null;
  let closed = false;
  const ctx = await AppContext.start({
    dbPath: args.db,
    noAutomaticBackup: true,
    onDamageWithoutBackup: 'refuse',
    // The password unwraps the key first, failures counted as the app's log-in counts them (app/desk.ts).
    key: signIn ? unlockForLogIn(args.db, operatorLabel(signIn.name), signIn.password, '姓名或密码不正确') : undefined,
  });
  try {
    // A command runs after the full check: a batch tool has no first search to answer, and its
    // writes would otherwise wait for the check's write lock (busy_timeout) and could give up.
    const integrity = await ctx.integrityChecked;
    if (integrity.state === 'damaged') console.error(integrity.message);
    if (ctx.recovery) {
      // A script must not see 3,998 people become 2,000 without a word (issue 13).
      console.error(describeRecovery(ctx.recovery).join('\n'));
      if (!acceptRecovery) {
        console.error(
          `本次命令未执行（退出码 ${EXIT_RECOVERED}）：请先核对恢复后的数据；确认无误后重新运行，或加 --accept-recovery 在恢复后直接执行。`,
        );
        return EXIT_RECOVERED;
      }
      console.error('已按 --accept-recovery 继续执行命令。');
    }
    signIn ??= await askPassword();
    await signInOperator(ctx, signIn.name, signIn.password);
    if (command === 'encrypt') {
      // An administrator's choice (the permission of a backup); the database is closed while its pages are rewritten.
      await asCaller(ctx, ctx.session, 'backups.create', () => undefined);
      ctx.close();
      closed = true;
      console.log(await encryptCommand(args.db, signIn.name, signIn.password));
      return 0;
    }
    await asCaller(
      ctx,
      ctx.session,
      methodOf(command, args.rest[1], argv.includes('--dry-run')),
      () => runCommand(ctx, command, argv, args.rest, { json, year, policyFile, map, template, people, out, asOf, to }),
      (seen) => seen ?? { input: {}, output: null },
    );
    return 0;
  } finally {
    if (!closed) ctx.close();
  }
}

/**
 * One command, run as the signed-in operator once the router let it through. A command that does
 * what a method logging its access does (an export, letters rendered) says what it did in that
 * method's terms, for the access log (router.ts asCaller).
 */
async function runCommand(
  ctx: AppContext,
  command: string,
  argv: string[],
  rest: string[],
  o: {
    json: boolean;
    year: number | null;
    policyFile: string | null;
    map: Record<string, string | null> | undefined;
    template: string | null;
    people: string | null;
    out: string | null;
    asOf: string | null;
    to: string | null;
  },
): Promise<SeenCall | null> {
  const { json, year, policyFile, map, template, people, out, asOf, to } = o;
  const args = { rest };
  {
    if (command === 'retirees') {
      const all = allRetirees(ctx);
      if (json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
      else
        for (const p of all)
          console.log([p.name, p.gender, p.birthDate, p.idNumber, p.category, p.status].map((v) => v ?? '').join('\t'));
    } else if (command === 'import') {
      const file = args.rest[1];
      if (!file) throw new UserError('usage', USAGE);
      const dryRun = argv.includes('--dry-run');
      // The rows written so far, on stderr (stdout keeps the report): `已写入 200/4000 行`.
      const onProgress =
        argv.includes('--progress') && !dryRun
          ? (done: number, total: number) => process.stderr.write(`已写入 ${done}/${total} 行\n`)
          : undefined;
      const confirmNotRoster = argv.includes('--force');
      const report = await ctx.imports
        .importFile(path.basename(file), importedFile(file), { dryRun, map, confirmNotRoster, onProgress })
        .catch((e: unknown) => {
          if (e instanceof UserError && e.code === 'not_a_roster')
            throw new UserError(e.code, `${e.message}。确认是花名册，请加 --force 重新运行`);
          throw e;
        });
      warnUnusedMap(
        map,
        report.sheets.flatMap((s) => s.header ?? []),
      );
      if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else console.log(describeReport(report, argv.includes('--dry-run')));
    } else if (command === 'letters') {
      if (args.rest[1] !== 'render') throw new UserError('usage', USAGE);
      const { said, seen } = renderLetters(ctx, template, people, out);
      console.log(said);
      return seen;
    } else if (command === 'claims') {
      await claimsCommand(ctx, argv, args.rest, json, year, policyFile, map);
    } else if (command === 'adjustments') {
      await adjustmentsCommand(ctx, argv, args.rest, json, year, map);
    } else if (command === 'export') {
      if (args.rest[1] !== 'retirees' || !out) throw new UserError('usage', USAGE);
      const query = ListQuery.parse({});
      const exportTemplate = template === null ? undefined : exportTemplateNamed(ctx.store, template);
      // Masked unless --full (the file that imports back): the same choice as the app's export dialog,
      // through a template too (its ID format shapes a full export only).
      const full = argv.includes('--full');
      const count = await exportRoster(ctx.store, path.resolve(out), query, { full, template: exportTemplate });
      console.log(
        json ? JSON.stringify({ file: path.resolve(out), count }) : `已导出 ${count} 人：${path.resolve(out)}`,
      );
      return { input: { query, full, templateId: exportTemplate?.id ?? null }, output: { count } };
    } else if (command === 'template') {
      console.log(templateCommand(ctx, args.rest, template, argv));
    } else if (command === 'stats') {
      const figures = statisticsFigures(ctx.store, asOf ?? undefined);
      process.stdout.write(json ? `${JSON.stringify(figures, null, 2)}\n` : `${describeFigures(figures)}\n`);
    } else if (command === 'report') {
      const report = reportName(args.rest[1]);
      if (year === null || !out) throw new UserError('usage', REPORT_USAGE);
      const { data, count } = await upwardWorkbook(ctx.store, report, year);
      fs.writeFileSync(path.resolve(out), data);
      console.log(`已导出${UPWARD_REPORTS[report].title}（${year}年度）：${path.resolve(out)}`);
      return { input: { report, year }, output: { count } };
    } else if (command === 'offsite') {
      if (!to) throw new UserError('usage', USAGE);
      const b = await copyOffsite(ctx.store, path.resolve(to));
      console.log(
        `已复制并校验：${path.join(path.resolve(to), b.name)}（连同密钥文件）；此后每天启动时自动复制到这个文件夹`,
      );
    } else if (command === 'backup') {
      const b = await ctx.backupNow();
      console.log(json ? JSON.stringify(b) : `已备份并校验：${b.name}`);
    } else {
      const list = ctx.listBackups();
      console.log(
        json ? JSON.stringify(list, null, 2) : list.map((b) => `${b.takenAt}\t${b.kind}\t${b.name}`).join('\n'),
      );
    }
  }
  return null;
}

/** `template export FILE --template NAME` and `template import FILE [--replace | --keep-both]`. */
function templateCommand(ctx: AppContext, rest: string[], name: string | null, argv: string[]): string {
  const [, sub, file] = rest;
  if (!file || (sub !== 'export' && sub !== 'import')) throw new UserError('usage', USAGE);
  if (sub === 'export') {
    if (name === null) throw new UserError('usage', `请用 --template 指定要保存的导出模板\n${USAGE}`);
    const { data } = exportTemplateFile(ctx.store, exportTemplateNamed(ctx.store, name).id);
    fs.writeFileSync(path.resolve(file), data);
    return `已保存导出模板文件：${path.resolve(file)}`;
  }
  if (!fs.existsSync(file)) throw new UserError('not_found', `文件不存在：${file}`);
  // A template file is a few hundred bytes: a large file is not read in to be refused.
  if (fs.statSync(file).size > TEMPLATE_FILE_MAX_CHARS * 4)
    throw new UserError('bad_file', '这个文件太大，不是导出模板文件（模板文件只有几百字节），未导入任何内容');
  const onClash = argv.includes('--replace') ? 'replace' : argv.includes('--keep-both') ? 'keepBoth' : undefined;
  const r = importTemplateFile(ctx.store, fs.readFileSync(file, 'utf8'), onClash);
  if ('clash' in r)
    throw new UserError(
      'duplicate',
      `接收单位“${r.clash.recipient}”已有名为“${r.clash.name}”的导出模板，未导入。加 --replace 替换原模板，或加 --keep-both 另存为“${r.clash.keepBothAs}”`,
    );
  return `已导入导出模板：${r.saved.recipient}/${r.saved.name}${r.replaced ? '（已替换同名模板）' : ''}`;
}

/**
 * Exits once what was written to stdout and stderr has gone out. Writing to a pipe is
 * asynchronous, and process.exit drops what is still queued: `cli import --json | jq` got the
 * first 64–128 kB of the report (issue 14). A write's callback runs after every write before it.
 */
function exitWhenWritten(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(
  (code) => exitWhenWritten(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    // The first-start form is the app's; from here the same two settings are filled in like this.
    if (e instanceof UserError && e.code === 'not_configured') {
      console.error(
        '（单位名称和经办人可在桌面程序或 npm run web 中打开此数据库时填写；新建数据库时可用 cli init 的 --org 和 --operator 一并填写）',
      );
    }
    exitWhenWritten(e instanceof DatabaseTooNewError ? EXIT_TOO_NEW : 1);
  },
);
