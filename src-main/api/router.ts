// name → validate input → call the domain → { ok, value } | { ok: false, error }.
// Every transport (Electron IPC, the harness's POST /rpc, the CLI) calls `dispatch`; nothing from
// the renderer reaches a domain without passing its zod schema first.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import packageJson from '../../package.json';
import { BACKUP_KIND_LABELS, type BackupInfo } from '../db/backup';
import { storageProblem } from '../db/open';
import type { AppContext } from '../app/context';
import { createUnit, listUnits } from '../org/units';
import { assignToUnit, contactSheetPrintable, contactSheetWorkbook, mergeUnits, moveUnit, networkTree, saveUnitInfo, unitMembers } from '../org/network';
import { addAttachment, readAttachment, removeAttachment } from '../retirees/attachments';
import { historyFor } from '../retirees/history';
import { listFilterOptions, listPersons, officeFigures } from '../retirees/list';
import { checkIdForForm, createPerson, editPerson, getPerson } from '../retirees/persons';
import { currentOperator, getOfficeSettings, readSetting, saveOfficeSettings, writeSetting } from '../settings/settings';
import { envelopesPrintable, labelsPrintable, recipients, sender } from '../letters/envelopes';
import { lettersPrintable } from '../documents/letter';
import {
  addressees,
  addressFormOf,
  composeLetters,
  letterAssets,
  lettersOf,
  listTemplates,
  logLetters,
  resetTemplate,
  saveTemplate,
  setAddressForm,
  setLetterAsset,
} from '../letters/letters';
import { checkUndo, importHistory, undoImport } from '../importer/commit';
import type { FileData } from '../jobs/worker';
import { exportRoster, importTemplate } from '../exporter/roster';
import { importErrorWorkbook } from '../exporter/importErrors';
import { todayIso } from '../shared/dates';
import { createBatch, getBatch, listBatches, markBatchPaid, paymentListWorkbook } from '../claims/batches';
import { createClaim, getClaim, listClaims, moveClaim, reverseClaim, updateClaim, yearStatement } from '../claims/claims';
import { listPolicies, policyGaps, savePolicy } from '../claims/policies';
import {
  advancePetition,
  attachToPetition,
  createPetition,
  getPetition,
  listPetitions,
  overduePetitions,
  petitionAttachments,
  readPetitionAttachment,
  registerPrintable,
  registerWorkbook,
} from '../petitions/petitions';
import { activitiesOf, createActivity, createMaterial, deliverMaterial, getActivity, getMaterial, listActivities, listMaterials, setAttendance } from '../activities/activities';
import { completeDeathTask, getDeath, registerDeath } from '../visits/deaths';
import { reminderRules, reminders, saveReminderRules } from '../visits/reminders';
import { certificationLists, certificationsOf, certify } from '../visits/certifications';
import { createVisit, createVisitBatch, followUpDone, getVisitBatch, listVisitBatches, listVisits } from '../visits/visits';
import { claimsReport, claimsReportWorkbook, simulateYear } from '../claims/reports';
import {
  adjustmentsOf,
  checkRow,
  differencesWorkbook,
  getRule,
  listRuns,
  noticesPrintable,
  recomputeRun,
  runRows,
  saveRule,
  uncheckRow,
} from '../adjustments/adjustments';
import { UserError } from '../shared/errors';
import { describeIssues, labelsFor } from './issues';
import { contract, isMethodName, type MethodName, type OutputOf, type ParsedInputOf, type RpcResult } from './contract';

type Handlers = { [M in MethodName]: (ctx: AppContext, input: ParsedInputOf<M>) => OutputOf<M> | Promise<OutputOf<M>> };

function backupEntry(b: BackupInfo) {
  return { ...b, kindLabel: BACKUP_KIND_LABELS[b.kind] };
}

function appInfo(ctx: AppContext) {
  return {
    ...getOfficeSettings(ctx.store),
    dbPath: ctx.paths.dbPath,
    backupsDir: ctx.paths.backupsDir,
    keptAsideDir: ctx.paths.keptAsideDir,
    notices: ctx.notices,
    integrity: integrityInfo(ctx),
    sqliteVersion: (ctx.store.raw.prepare('select sqlite_version() as v').get() as { v: string }).v,
    appVersion: packageJson.version,
  };
}

function integrityInfo(ctx: AppContext) {
  const i = ctx.integrity;
  return i.state === 'damaged' ? { state: i.state, message: i.message, backup: i.backup && backupEntry(i.backup) } : { state: i.state, message: null, backup: null };
}

/** A file as the contract takes it (bytes, or base64 text), as the import service takes it, without a copy. */
function fileData(file: { data?: Uint8Array; dataBase64?: string }): FileData {
  return file.data ? Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength) : { base64: file.dataBase64! };
}

const handlers: Handlers = {
  'app.info': (ctx) => appInfo(ctx),
  'app.setup': (ctx, input) => {
    saveOfficeSettings(ctx.store, input);
    return appInfo(ctx);
  },
  'retirees.list': (ctx, q) => listPersons(ctx.store, q),
  'retirees.get': (ctx, { id }) => getPerson(ctx.store, id),
  'retirees.create': (ctx, { person, acceptWarnings }) => createPerson(ctx.store, person, { acceptWarnings }),
  'retirees.update': (ctx, { id, acceptWarnings, ...edit }) => editPerson(ctx.store, id, edit, { acceptWarnings }),
  'retirees.checkId': (ctx, input) => checkIdForForm(ctx.store, input),
  'retirees.history': (ctx, { id }) => historyFor(ctx.store, id),
  'retirees.figures': (ctx) => officeFigures(ctx.store),
  'retirees.filterOptions': (ctx) => listFilterOptions(ctx.store),
  'attachments.add': (ctx, input) => {
    const data = Buffer.from(input.dataBase64, 'base64');
    return addAttachment(ctx.store, { personId: input.personId, fileName: input.fileName, mime: input.mime, data, note: input.note, claimId: input.claimId });
  },
  'attachments.get': (ctx, { id }) => {
    const { data, ...info } = readAttachment(ctx.store, id);
    return { ...info, dataBase64: data.toString('base64') };
  },
  'attachments.remove': (ctx, { id, reason }) => {
    removeAttachment(ctx.store, id, reason);
    return { removed: true as const };
  },
  'org.units': (ctx) => listUnits(ctx.store),
  'org.create': (ctx, input) => createUnit(ctx.store, input),
  'org.tree': (ctx) => networkTree(ctx.store),
  'org.saveUnit': (ctx, { ref, ...info }) => saveUnitInfo(ctx.store, ref, { ...info, name: info.name ?? undefined }),
  'org.move': (ctx, { ref, to }) => moveUnit(ctx.store, ref, to),
  'org.merge': (ctx, { from, into }) => mergeUnits(ctx.store, from, into),
  'org.assign': (ctx, { query, ref }) => assignToUnit(ctx.store, query, ref),
  'org.members': (ctx, { ref }) => unitMembers(ctx.store, ref),
  'org.contactSheet': (ctx, { ref, tree }) => contactSheetPrintable(ctx.store, ref, tree),
  'org.exportSheet': async (ctx, { ref }) => {
    const w = await contactSheetWorkbook(ctx.store, ref);
    return { fileName: w.fileName, dataBase64: w.data.toString('base64') };
  },
  // Files go to the import's child process as they came, in pieces (importer/service.ts).
  'imports.open': (ctx, { fileName, ...file }) => ctx.imports.open(fileName, fileData(file)),
  'imports.rows': (ctx, { session, sheet, filter, page }) => ctx.imports.rows(session, sheet, filter, page),
  'imports.setHeader': (ctx, { session, sheet, firstRow, lastRow }) => ctx.imports.setHeader(session, sheet, firstRow, lastRow),
  'imports.setFields': (ctx, { session, sheet, fields }) => ctx.imports.setFields(session, sheet, fields),
  'imports.editCell': (ctx, { session, sheet, row, col, value }) => ctx.imports.editCell(session, sheet, row, col, value),
  'imports.mapValue': (ctx, { session, field, value, target }) => ctx.imports.mapValue(session, field, value, target),
  'imports.commit': (ctx, { session, ...options }) => {
    if (ctx.jobs.running) throw new UserError('busy', '已有一个导入正在进行，请等它结束');
    // Refuse here, before the child process commits, when no operator is set up to name in the audit log.
    currentOperator(ctx.store);
    return ctx.imports.commit(session, options);
  },
  'imports.history': (ctx) => importHistory(ctx.store),
  'imports.undoCheck': (ctx, { id }) => checkUndo(ctx.store, id),
  'imports.undo': (ctx, { id }) => undoImport(ctx.store, id),
  'jobs.status': (ctx, { id }) => {
    const status = ctx.jobs.status(id);
    if (!status) throw new UserError('not_found', '没有找到这个后台任务');
    return status;
  },
  'jobs.cancel': (ctx, { id }) => {
    ctx.jobs.cancel(id);
    const status = ctx.jobs.status(id);
    if (!status) throw new UserError('not_found', '没有找到这个后台任务');
    return status;
  },
  'retirees.export': async (ctx, { query, columns }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retiree-export-'));
    try {
      const file = path.join(dir, 'roster.xlsx');
      const count = await exportRoster(ctx.store, file, query, columns);
      return { fileName: `离退休人员花名册-${todayIso()}.xlsx`, count, dataBase64: fs.readFileSync(file).toString('base64') };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  'imports.template': async () => ({ fileName: '离退休人员花名册-导入模板.xlsx', dataBase64: (await importTemplate()).toString('base64') }),
  'imports.errorWorkbook': async (ctx, { id }) => {
    const w = await importErrorWorkbook(ctx.store, id);
    return { fileName: w.fileName, rows: w.rows, dataBase64: w.bytes.toString('base64') };
  },
  'claims.list': (ctx, q) => listClaims(ctx.store, q),
  'claims.get': (ctx, { id }) => getClaim(ctx.store, id),
  'claims.create': (ctx, claim) => createClaim(ctx.store, claim),
  'claims.update': (ctx, { id, ...edit }) => updateClaim(ctx.store, id, edit),
  'claims.move': (ctx, { id, version, to, reason }) => moveClaim(ctx.store, id, version, to, reason),
  'claims.reverse': (ctx, { id, version, reason }) => reverseClaim(ctx.store, id, version, reason),
  'claims.statement': (ctx, { personId, year }) => yearStatement(ctx.store, personId, year),
  'claims.policies': (ctx, { year }) => listPolicies(ctx.store, year),
  'claims.savePolicy': (ctx, { year, category, rules, note, loaded }) => savePolicy(ctx.store, year, category, rules, note, loaded),
  'claims.policyGaps': (ctx, { personId, years }) => policyGaps(ctx.store, personId, years),
  'claims.simulate': (ctx, { policy }) => simulateYear(ctx.store, policy),
  'claims.report': (ctx, { year, month, nearCapPercent }) => claimsReport(ctx.store, year, nearCapPercent, month),
  'claims.exportReport': async (ctx, { year }) => {
    const w = await claimsReportWorkbook(ctx.store, year);
    return { fileName: w.fileName, dataBase64: w.data.toString('base64') };
  },
  'claims.importLedger': (ctx, { fileName, dryRun, map, ...file }) => ctx.lists.ledger(fileName, fileData(file), dryRun, map),
  'batches.list': (ctx) => listBatches(ctx.store),
  'batches.get': (ctx, { id }) => getBatch(ctx.store, id),
  'batches.create': (ctx, { name, claimIds }) => createBatch(ctx.store, name, claimIds),
  'batches.export': async (ctx, { id }) => {
    const w = await paymentListWorkbook(ctx.store, id);
    return { fileName: w.fileName, dataBase64: w.data.toString('base64') };
  },
  'batches.markPaid': (ctx, { id }) => markBatchPaid(ctx.store, id),
  'visits.list': (ctx, { personId }) => listVisits(ctx.store, personId),
  'visits.create': (ctx, input) => createVisit(ctx.store, input),
  'visits.followUpDone': (ctx, { id }) => followUpDone(ctx.store, id),
  'visits.createBatch': (ctx, input) => createVisitBatch(ctx.store, input),
  'visits.batches': (ctx) => listVisitBatches(ctx.store),
  'visits.batch': (ctx, { id }) => getVisitBatch(ctx.store, id),
  'deaths.get': (ctx, { personId }) => ({ death: getDeath(ctx.store, personId) }),
  'deaths.register': (ctx, input) => registerDeath(ctx.store, input),
  'deaths.task': (ctx, input) => completeDeathTask(ctx.store, input),
  'certifications.list': (ctx, { personId }) => certificationsOf(ctx.store, personId),
  'certifications.create': (ctx, input) => certify(ctx.store, input),
  'certifications.lists': (ctx, { year }) => certificationLists(ctx.store, year),
  'reminders.get': (ctx) => reminders(ctx.store),
  'reminders.rules': (ctx) => reminderRules(ctx.store),
  'reminders.saveRules': (ctx, rules) => saveReminderRules(ctx.store, rules),
  'letters.templates': (ctx) => listTemplates(ctx.store),
  'letters.saveTemplate': (ctx, t) => saveTemplate(ctx.store, t),
  'letters.resetTemplate': (ctx, { kind }) => resetTemplate(ctx.store, kind),
  'letters.setAddressForm': (ctx, { personId, form }) => {
    setAddressForm(ctx.store, personId, form);
    return { saved: true as const };
  },
  'letters.render': (ctx, input) => {
    const { ids, batch } = addressees(ctx.store, input);
    const composed = composeLetters(ctx.store, input.kind, ids, { date: input.date ?? undefined, visitDate: input.visitDate, gift: input.gift });
    if (composed.letters.length === 0) throw new UserError('invalid_input', `没有可以打印的信函：${composed.missing.map((m) => `${m.name}（${m.why}）`).join('、')}`);
    if (input.print) logLetters(ctx.store, input.kind, composed.letters, batch);
    return { ...lettersPrintable(composed.letters, input.paper, letterAssets(ctx.store)), count: composed.letters.length, missing: composed.missing };
  },
  'letters.envelopes': (ctx, input) => {
    const { ids } = addressees(ctx.store, input);
    const r = recipients(ctx.store, ids, { toFamily: input.toFamily });
    if (r.recipients.length === 0) throw new UserError('invalid_input', `没有可以打印的地址：${r.missing.map((m) => `${m.name}（${m.why}）`).join('、')}`);
    const printable = input.sheet ? labelsPrintable(r.recipients, input.sheet) : envelopesPrintable(r.recipients, sender(ctx.store), input.size ?? 'DL');
    return { ...printable, count: r.recipients.length, missing: r.missing };
  },
  'letters.log': (ctx, { personId }) => lettersOf(ctx.store, personId),
  'letters.addressForm': (ctx, { personId }) => ({ form: addressFormOf(ctx.store, personId) }),
  'letters.assets': (ctx) => ({ ...letterAssets(ctx.store), orgAddress: readSetting(ctx.store, 'org_address'), orgPostcode: readSetting(ctx.store, 'org_postcode') }),
  'letters.setAssets': (ctx, input) => {
    ctx.store.tx(() => {
      if (input.letterhead !== undefined) setLetterAsset(ctx.store, 'letterhead', input.letterhead);
      if (input.seal !== undefined) setLetterAsset(ctx.store, 'seal', input.seal);
      writeSetting(ctx.store, 'org_address', input.orgAddress ?? '');
      writeSetting(ctx.store, 'org_postcode', input.orgPostcode ?? '');
    });
    return { saved: true as const };
  },
  'petitions.list': (ctx, q) => listPetitions(ctx.store, q),
  'petitions.overdue': (ctx) => overduePetitions(ctx.store),
  'petitions.get': (ctx, { id }) => getPetition(ctx.store, id),
  'petitions.create': (ctx, input) => createPetition(ctx.store, input),
  'petitions.advance': (ctx, { id, version, step }) => advancePetition(ctx.store, id, version, step),
  'petitions.register': async (ctx, { from, to }) => {
    if (to < from) throw new UserError('invalid_input', '截止日期不能早于起始日期');
    const w = await registerWorkbook(ctx.store, from, to);
    return { fileName: w.fileName, dataBase64: w.data.toString('base64') };
  },
  'adjustments.rule': (ctx, { year }) => ({ rule: getRule(ctx.store, year) }),
  'adjustments.saveRule': (ctx, { rule, loaded }) => saveRule(ctx.store, rule, loaded),
  'adjustments.import': (ctx, { year, fileName, dryRun, map, ...file }) => ctx.lists.adjustments(fileName, fileData(file), year, { dryRun, map }),
  'adjustments.runs': (ctx, { year }) => listRuns(ctx.store, year),
  'adjustments.rows': (ctx, { runId, filter, page }) => runRows(ctx.store, runId, filter, page),
  'adjustments.check': (ctx, { id, note }) => checkRow(ctx.store, id, note),
  'adjustments.uncheck': (ctx, { id, reason }) => uncheckRow(ctx.store, id, reason),
  'adjustments.recompute': (ctx, { runId }) => recomputeRun(ctx.store, runId),
  'adjustments.exportDiffs': async (ctx, { runId }) => {
    const w = await differencesWorkbook(ctx.store, runId);
    return { fileName: w.fileName, rows: w.rows, dataBase64: w.data.toString('base64') };
  },
  'adjustments.notices': (ctx, { runId, rowIds }) => {
    const view = noticesPrintable(ctx.store, runId, rowIds);
    if (view.count === 0) throw new UserError('invalid_input', `没有可以打印的通知单${view.missing.length ? `：${view.missing.slice(0, 20).map((m) => `${m.name}（${m.why}）`).join('、')}` : ''}`);
    return view;
  },
  'adjustments.ofPerson': (ctx, { personId }) => adjustmentsOf(ctx.store, personId),
  'petitions.attachments': (ctx, { id }) => petitionAttachments(ctx.store, id),
  'petitions.attach': (ctx, { id, fileName, mime, dataBase64 }) => attachToPetition(ctx.store, id, { fileName, mime, data: Buffer.from(dataBase64, 'base64') }),
  'petitions.attachment': (ctx, { id }) => {
    const { data, ...info } = readPetitionAttachment(ctx.store, id);
    return { ...info, dataBase64: data.toString('base64') };
  },
  'petitions.registerPrint': (ctx, { from, to }) => {
    if (to < from) throw new UserError('invalid_input', '截止日期不能早于起始日期');
    return registerPrintable(ctx.store, from, to);
  },
  'activities.list': (ctx, { year }) => listActivities(ctx.store, year),
  'activities.get': (ctx, { id }) => getActivity(ctx.store, id),
  'activities.create': (ctx, input) => createActivity(ctx.store, input),
  'activities.attendance': (ctx, { id, personIds, attended }) => setAttendance(ctx.store, id, personIds, attended),
  'activities.ofPerson': (ctx, { personId }) => activitiesOf(ctx.store, personId),
  'materials.list': (ctx) => listMaterials(ctx.store),
  'materials.get': (ctx, { id }) => getMaterial(ctx.store, id),
  'materials.create': (ctx, input) => createMaterial(ctx.store, input),
  'materials.deliver': (ctx, { id, personIds, how, on }) => deliverMaterial(ctx.store, id, personIds, how, on),
  'backups.list': (ctx) => ctx.listBackups().map(backupEntry),
  'backups.create': async (ctx) => backupEntry(await ctx.backupNow()),
  'backups.restore': async (ctx, { name }) => {
    const r = await ctx.restore(name);
    return { restoredFrom: backupEntry(r.restoredFrom), keptAsideAs: r.keptAsideAs };
  },
};

export type Logger = (message: string, error?: unknown) => void;

export async function dispatch(
  ctx: AppContext,
  method: string,
  input: unknown,
  log: Logger = (m, e) => console.error(m, e),
): Promise<RpcResult<unknown>> {
  if (!isMethodName(method)) return { ok: false, error: { code: 'unknown_method', message: `不支持的操作：${method}` } };
  const parsed = contract[method].input.safeParse(input ?? {});
  if (!parsed.success) {
    // A list of 100,000 wrong entries is 100,000 issues: the first few say enough.
    const details = parsed.error.issues.slice(0, 50);
    return { ok: false, error: { code: 'invalid_input', message: `输入有误：${describeIssues(parsed.error, labelsFor(method))}`, details } };
  }
  try {
    const handler = handlers[method] as (ctx: AppContext, input: unknown) => unknown;
    return { ok: true, value: await handler(ctx, parsed.data) };
  } catch (e) {
    if (e instanceof UserError) return { ok: false, error: { code: e.code, message: e.message, details: e.details } };
    // The storage's faults, as db/open.ts classifies them; every write is one transaction, so
    // each of them left the database as it was.
    const problem = storageProblem(e);
    // A write past the refusal (outside a transaction), after the check found damage.
    if (problem === 'read_only' && ctx.store.writesRefused) return { ok: false, error: { code: 'damaged', message: ctx.store.writesRefused } };
    if (problem === 'busy' && ctx.integrity.state === 'checking') {
      return { ok: false, error: { code: 'busy', message: '程序启动后正在检查数据库文件，检查完成前暂不能保存，本次修改未保存，请稍后再试' } };
    }
    switch (problem) {
      case 'busy':
        // An import commits in its child process in one long transaction; a
        // save meanwhile waits for it (busy_timeout), and past that is told to try again.
        return { ok: false, error: { code: 'busy', message: '正在导入花名册（或另一个程序正在写入），数据库暂时被占用，本次修改未保存，请稍后再试' } };
      case 'disk_full':
        log(`${method} failed: disk full`, e);
        return { ok: false, error: { code: 'disk_full', message: '磁盘已满，未能保存，本次操作未作任何改动。请清理磁盘空间（或告知技术人员）后再试' } };
      case 'read_only':
        log(`${method} failed: read-only`, e);
        return {
          ok: false,
          error: { code: 'read_only', message: `数据库文件或所在文件夹是只读的（${ctx.paths.dbPath}），未能保存，本次操作未作任何改动。请让技术人员检查写入权限` },
        };
      case 'damaged':
        log(`${method} failed: damaged`, e);
        return {
          ok: false,
          error: { code: 'damaged', message: '读取数据库时发现文件损坏，操作未完成。请关闭程序后重新打开：程序会检查数据库，必要时从备份恢复' },
        };
      default:
        break;
    }
    // A write that names a record that is not there (deleted meanwhile, or never was): the
    // foreign key refused it and the transaction rolled back. https://sqlite.org/foreignkeys.html
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      log(`${method} refused by a foreign key`, e);
      return { ok: false, error: { code: 'not_found', message: '找不到所引用的记录（可能已被删除），操作未完成，数据未作改动' } };
    }
    log(`${method} failed`, e);
    return { ok: false, error: { code: 'internal', message: '程序内部错误，操作未完成，数据未作改动。请把错误时间告知技术人员。' } };
  }
}
