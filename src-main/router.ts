// name → permission → validate input → call the domain → { ok, value } | { ok: false, error }.
// Every transport (Electron IPC, the harness's POST /rpc, the CLI) calls `dispatch`; nothing from
// the renderer reaches a domain without passing its zod schema first, nor without the signed-in
// operator's role holding the permission its method declares (shared/permissions.ts); the call
// then runs as that operator, whom every audit row names (settings/settings.ts actingAs). The router decides nothing
// itself: each method is one call of its domain, its files turned to base64 as the contract
// carries them; a refusal comes back with its code (shared/errors.ts), a fault with the code and
// the words of what happened to the storage.
import { contract, isMethodName, type MethodName, type OutputOf, type ParsedInputOf } from './contract';
import type { Access, RpcResult } from './contract/common';
import { describeIssues, labelsFor } from './contract/issues';
import { accessOf, accessWorkbook, listAccess, recordAccess } from './audit/access';
import { describeBackup, type BackupInfo } from './db/backup';
import { storageProblem, type StorageProblem } from './db/open';
import {
  activitiesOf,
  createActivity,
  createMaterial,
  deliverMaterial,
  getActivity,
  getMaterial,
  listActivities,
  listMaterials,
  setAttendance,
} from './activities/activities';
import { branchListPrintable, sendToBranches } from './activities/circulars';
import { updateActivity } from './activities/corrections';
import {
  activityAttachments,
  addStaff,
  attachToActivity,
  minutesPrintable,
  readActivityAttachment,
  removeStaff,
  saveMeeting,
  setStaffAttendance,
  signInSheetPrintable,
  staffChoices,
} from './activities/meetings';
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
} from './adjustments/adjustments';
import {
  aidRound,
  applyForAid,
  decideAid,
  deleteReason,
  getAid,
  listAid,
  listReasons,
  payAid,
  saveReason,
} from './aid/aid';
import {
  aidRegister,
  registerPrintable as aidRegisterPrintable,
  registerWorkbook as aidRegisterWorkbook,
} from './aid/register';
import {
  createClaim,
  getClaim,
  listClaims,
  moveClaim,
  reverseClaim,
  updateClaim,
  yearStatement,
} from './claims/claims';
import { listPolicies, policyGaps, savePolicy } from './claims/policies';
import { claimsReport, claimsReportWorkbook, maskedSimulation, simulateYear } from './claims/reports';
import { importErrorWorkbook } from './exporter/importErrors';
import { importTemplate, rosterDownload } from './exporter/roster';
import {
  deleteExportTemplate,
  exportTemplateFile,
  getExportTemplate,
  importTemplateFile,
  listExportTemplates,
  previewExportTemplate,
  saveExportTemplate,
} from './exporter/templates';
import { checkUndo, importHistory, undoImport } from './importer/commit';
import type { ImportService } from './importer/service';
import type { FileData } from './jobs/worker';
import {
  addressFormOf,
  letterSettings,
  lettersOf,
  listTemplates,
  resetTemplate,
  saveLetterSettings,
  saveTemplate,
  setAddressForm,
} from './letters/letters';
import {
  createBatch,
  getBatch,
  listBatches,
  markBatchPaid,
  payableItems,
  paymentListWorkbook,
} from './payments/batches';
import { printEnvelopes, printLetters } from './letters/print';
import { survivorLetters } from './letters/survivorLetters';
import {
  assignToUnit,
  contactSheetPrintable,
  contactSheetWorkbook,
  mergeUnits,
  moveUnit,
  networkTree,
  saveUnitInfo,
  unitMembers,
} from './org/network';
import {
  addDuesReduction,
  cancelDuesPayment,
  collectDues,
  confirmDuesBases,
  duesLedger,
  duesProposals,
  memberDues,
  registerPrintable as duesRegisterPrintable,
  registerWorkbook as duesRegisterWorkbook,
  setDuesBase,
} from './org/dues';
import {
  addHandoverPeople,
  completeHandover,
  completeHandoverProject,
  createHandoverProject,
  handoverProject,
  handoverProjects,
  personHandovers,
  removeHandoverPerson,
  rosterPrintable as handoverRosterPrintable,
  rosterWorkbook as handoverRosterWorkbook,
  updateHandoverPerson,
  updateHandoverProject,
} from './org/handover';
import { createUnit, listUnits } from './org/units';
import {
  attachToDocument,
  createDocument,
  documentsPrintable,
  documentsWorkbook,
  getDocument,
  listDocuments,
  readDocumentFile,
  updateDocument,
} from './office/documents';
import { planPrintable } from './office/planPrint';
import {
  addPlanItem,
  copyPlan,
  linkPlanItem,
  planCandidates,
  removePlanItem,
  unlinkPlanItem,
  updatePlanItem,
  workPlan,
} from './office/workPlan';
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
} from './petitions/petitions';
import {
  addAssessment,
  addRelativeRequest,
  answerRelativeRequest,
  assessmentPrintable,
  listAssessments,
  listRelativeRequests,
  relativeExport,
  retentionList,
  reviewRetention,
  rulesPrintable,
  setRetentionYears,
} from './privacy/privacy';
import { activityCharts, activityPeople } from './statistics/activity';
import { chartPrintable, chartWorkbook } from './statistics/charts';
import { confirmChange, listChanges } from './statistics/changes';
import { statisticsBalance, statisticsFigures, statisticsPeople } from './statistics/roll';
import { saveReportRowLabels, upwardPrintable, upwardTable, upwardWorkbook } from './statistics/upward';
import { addAttachment, readAttachment, removeAttachment } from './retirees/attachments';
import { historyFor } from './retirees/history';
import { listFilterOptions, listPersons, officeFigures } from './retirees/list';
import { remoteResidents, remoteResidentsWorkbook } from './retirees/remote';
import { maskedFile, revealField } from './retirees/masking';
import { checkIdForForm, createPerson, editPerson, getPerson } from './retirees/persons';
import { type ErrorCode, type RpcError, UserError } from './shared/errors';
import { todayIso } from './shared/dates';
import { upcomingFestivals } from './shared/festivals';
import { forbiddenMessage, mayUse } from './shared/permissions';
import {
  changeOwnPassword,
  createOperator,
  firstAdministrator,
  hasOperators,
  idleMinutes,
  listOperators,
  newRecoveryCode,
  recoverWithCode,
  setIdleMinutes,
  setPassword,
  signedInOperator,
  signIn,
  updateOperator,
} from './operators/operators';
import type { Session } from './operators/session';
import { actingAs } from './settings/settings';
import { completeDeathTask, getDeath, registerDeath } from './visits/deaths';
import {
  benefitParameters,
  computeBenefits,
  deleteBase,
  deleteBenefitRule,
  deleteIncome,
  getBenefits,
  previewBenefits,
  saveBase,
  saveBenefitClaim,
  saveBenefitRule,
  saveIncome,
} from './visits/deathBenefits';
import { certificationLists, certificationsOf, certify } from './visits/certifications';
import {
  addSurvivorsToBatch,
  allowanceMonth,
  allowancePrintable,
  allowanceWorkbook,
  checkSurvivor,
  createSurvivor,
  deleteStandard,
  getSurvivor,
  listStandards,
  listSurvivors,
  revealSurvivorField,
  saveStandard,
  startAllowance,
  stopAllowance,
  survivorCheckLists,
  updateSurvivor,
  visitSurvivor,
} from './visits/survivors';
import { allowanceToBatch } from './visits/survivorPayments';
import { homeFigures } from './statistics/home';
import { reminderGroupPage, reminderGroups } from './home/reminderGroups';
import { birthdayList, reminderRules, reminders, saveReminderRules } from './visits/reminders';
import { visitReport, visitReportWorkbook } from './visits/report';
import { createStay, dischargeStay, getStay, listStays, stayBoard, updateStay } from './visits/stays';
import {
  createVisit,
  createVisitBatch,
  followUpDone,
  getVisitBatch,
  listVisitBatches,
  listVisits,
} from './visits/visits';
import type { AdjustmentRunView } from './contract/adjustments';
import type { AppInfo } from './contract/app';
import type { SignedInOperator } from './contract/operators';
import type { LedgerImportReport } from './contract/claims';
import type { Store } from './db/store';
import type { Jobs } from './jobs/jobs';

/**
 * What the router hands the domains: the open database, the import's child process, the jobs and
 * the app's own calls. app/context.ts's AppContext is one; the router names only what it uses, so
 * that it imports nothing from the floor above it (app → router).
 */
export interface RouterContext {
  readonly store: Store;
  readonly paths: { readonly dbPath: string };
  readonly imports: ImportService;
  /** The lists that come as spreadsheets besides the roster (app/listImports.ts). */
  readonly lists: {
    adjustments(
      fileName: string,
      file: FileData,
      year: number,
      options: { dryRun?: boolean; map?: Record<string, string | null> },
    ): Promise<AdjustmentRunView>;
    ledger(
      fileName: string,
      file: FileData,
      dryRun: boolean,
      map?: Record<string, string | null>,
    ): Promise<LedgerImportReport>;
  };
  readonly jobs: Jobs;
  /** The full check of the database after start (app/context.ts): saves wait for it, and damage refuses them. */
  readonly integrity: { readonly state: 'checking' | 'ok' | 'damaged' };
  /** Who is signed in on the app's own window (and the CLI's run); the harness keeps one per token. */
  readonly session: Session;
  info(): Omit<AppInfo, 'operator'>;
  setup(office: {
    orgName: string;
    operatorName: string;
    password?: string;
  }): Promise<{ operator: SignedInOperator | null; recoveryCode: string | null }>;
  listBackups(): BackupInfo[];
  backupNow(): Promise<BackupInfo>;
  restore(name: string): Promise<{ restoredFrom: BackupInfo; keptAsideAs: string }>;
}

type Handlers = {
  [M in MethodName]: (
    ctx: RouterContext,
    input: ParsedInputOf<M>,
    session: Session,
  ) => OutputOf<M> | Promise<OutputOf<M>>;
};

/** The app's state as this session sees it: who is signed in, whom the header names. */
function infoFor(ctx: RouterContext, session: Session): AppInfo {
  const info = ctx.info();
  return { ...info, operator: session.operator, operatorName: session.operator?.name ?? info.operatorName };
}

/** Signs the session in as `operator` and answers with the app's state, and the recovery code to show once. */
function signedIn(ctx: RouterContext, session: Session, r: { operator: SignedInOperator; recoveryCode: string }) {
  session.signIn(r.operator);
  return { info: infoFor(ctx, session), recoveryCode: r.recoveryCode };
}

/** The signed-in operator (the router lets no call that needs one through without). */
const me = (session: Session) => session.operator!;

/** A file as the contract takes it (bytes, or base64 text), as the import service takes it, without a copy. */
function fileData(file: { data?: Uint8Array; dataBase64?: string }): FileData {
  return file.data
    ? Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength)
    : { base64: file.dataBase64! };
}

/** A file the contract hands back (a workbook, an attachment): its bytes as base64, the rest as it is. */
function withBase64<T extends { data: Buffer }>({ data, ...rest }: T): Omit<T, 'data'> & { dataBase64: string } {
  return { ...rest, dataBase64: data.toString('base64') };
}

const handlers: Handlers = {
  'app.info': (ctx, _input, session) => infoFor(ctx, session),
  'app.setup': async (ctx, input, session) => {
    const r = await ctx.setup(input);
    if (r.operator) session.signIn(r.operator);
    return { ...infoFor(ctx, session), recoveryCode: r.recoveryCode };
  },
  'auth.login': async (ctx, { name, password }, session) => {
    session.signIn(await signIn(ctx.store, name, password));
    return infoFor(ctx, session);
  },
  'auth.logout': (ctx, _input, session) => {
    session.lock();
    return infoFor(ctx, session);
  },
  'auth.firstPassword': async (ctx, { password }, session) =>
    signedIn(ctx, session, await firstAdministrator(ctx.store, password)),
  'auth.recover': async (ctx, input, session) => signedIn(ctx, session, await recoverWithCode(ctx.store, input)),
  'auth.changePassword': async (ctx, { current, password }, session) => {
    await changeOwnPassword(ctx.store, me(session).id, current, password);
    return { changed: true as const };
  },
  'operators.list': (ctx) => listOperators(ctx.store),
  'operators.create': (ctx, { name, role, password }) => createOperator(ctx.store, { name, role, password }),
  'operators.update': (ctx, { id, ...change }) => updateOperator(ctx.store, id, change),
  'operators.resetPassword': (ctx, { id, password }) => setPassword(ctx.store, id, password, '管理员重设密码'),
  'operators.newRecoveryCode': async (ctx) => ({ recoveryCode: await newRecoveryCode(ctx.store) }),
  'settings.idleLock': (ctx, { minutes }, session) => {
    setIdleMinutes(ctx.store, minutes);
    return infoFor(ctx, session);
  },
  'retirees.list': (ctx, q) => listPersons(ctx.store, q),
  'retirees.get': (ctx, { id }) => maskedFile(getPerson(ctx.store, id)),
  'retirees.create': (ctx, { person, acceptWarnings }) =>
    maskedFile(createPerson(ctx.store, person, { acceptWarnings })),
  'retirees.update': (ctx, { id, acceptWarnings, ...edit }) =>
    maskedFile(editPerson(ctx.store, id, edit, { acceptWarnings })),
  'retirees.reveal': (ctx, { id, field }) => revealField(getPerson(ctx.store, id), field),
  'retirees.checkId': (ctx, input) => checkIdForForm(ctx.store, input),
  'retirees.history': (ctx, { id }) => historyFor(ctx.store, id),
  'retirees.figures': (ctx) => officeFigures(ctx.store),
  'retirees.remote': (ctx, { city }) => remoteResidents(ctx.store, city),
  'retirees.remoteExport': async (ctx, { city, full }) =>
    withBase64(await remoteResidentsWorkbook(ctx.store, city, full)),
  'retirees.filterOptions': (ctx) => listFilterOptions(ctx.store),
  'attachments.add': (ctx, input) => {
    const data = Buffer.from(input.dataBase64, 'base64');
    return addAttachment(ctx.store, {
      personId: input.personId,
      fileName: input.fileName,
      mime: input.mime,
      data,
      note: input.note,
      claimId: input.claimId,
      visitId: input.visitId,
    });
  },
  'attachments.get': (ctx, { id }) => withBase64(readAttachment(ctx.store, id)),
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
  'org.exportSheet': async (ctx, { ref }) => withBase64(await contactSheetWorkbook(ctx.store, ref)),
  'dues.ledger': (ctx, { branchId, year }) => duesLedger(ctx.store, branchId, year),
  'dues.member': (ctx, { personId, year }) => memberDues(ctx.store, personId, year),
  'dues.collect': (ctx, input) => collectDues(ctx.store, input),
  'dues.cancelPayment': (ctx, { id, reason }) => cancelDuesPayment(ctx.store, id, reason),
  'dues.setBase': (ctx, input) => setDuesBase(ctx.store, input),
  'dues.addReduction': (ctx, input) => addDuesReduction(ctx.store, input),
  'dues.proposals': (ctx, { branchId, year }) => duesProposals(ctx.store, branchId, year),
  'dues.confirmBases': (ctx, { year, adjustmentRowIds }) => confirmDuesBases(ctx.store, year, adjustmentRowIds),
  'dues.registerPrint': (ctx, { branchId, year }) => duesRegisterPrintable(ctx.store, branchId, year),
  'dues.registerExport': async (ctx, { branchId, year }) =>
    withBase64(await duesRegisterWorkbook(ctx.store, branchId, year)),
  'handover.projects': (ctx) => handoverProjects(ctx.store),
  'handover.get': (ctx, { id }) => handoverProject(ctx.store, id),
  'handover.create': (ctx, { project }) => createHandoverProject(ctx.store, project),
  'handover.update': (ctx, { id, version, project }) => updateHandoverProject(ctx.store, id, version, project),
  'handover.addPeople': (ctx, input) => addHandoverPeople(ctx.store, input),
  'handover.removePerson': (ctx, { id }) => removeHandoverPerson(ctx.store, id),
  'handover.updatePerson': (ctx, { id, version, person }) => updateHandoverPerson(ctx.store, id, version, person),
  'handover.complete': (ctx, input) => completeHandover(ctx.store, input),
  'handover.completeProject': (ctx, { id, completedOn }) => completeHandoverProject(ctx.store, id, completedOn),
  'handover.ofPerson': (ctx, { personId }) => personHandovers(ctx.store, personId),
  'handover.rosterPrint': (ctx, { id, community }) => handoverRosterPrintable(ctx.store, id, community),
  'handover.rosterExport': async (ctx, { id, community, full }) =>
    withBase64(await handoverRosterWorkbook(ctx.store, id, community, full)),
  // Files go to the import's child process as they came, in pieces (importer/service.ts).
  'imports.open': (ctx, { fileName, ...file }) => ctx.imports.open(fileName, fileData(file)),
  'imports.rows': (ctx, { session, sheet, filter, page }) => ctx.imports.rows(session, sheet, filter, page),
  'imports.setHeader': (ctx, { session, sheet, firstRow, lastRow }) =>
    ctx.imports.setHeader(session, sheet, firstRow, lastRow),
  'imports.setFields': (ctx, { session, sheet, fields }) => ctx.imports.setFields(session, sheet, fields),
  'imports.editCell': (ctx, { session, sheet, row, col, value }) =>
    ctx.imports.editCell(session, sheet, row, col, value),
  'imports.mapValue': (ctx, { session, field, value, target }) => ctx.imports.mapValue(session, field, value, target),
  'imports.commit': (ctx, { session, ...options }) => ctx.imports.commit(session, options),
  'imports.history': (ctx) => importHistory(ctx.store),
  'imports.undoCheck': (ctx, { id }) => checkUndo(ctx.store, id),
  'imports.undo': (ctx, { id }) => undoImport(ctx.store, id),
  'jobs.status': (ctx, { id }) => ctx.jobs.find(id),
  'jobs.cancel': (ctx, { id }) => {
    ctx.jobs.cancel(id);
    return ctx.jobs.find(id);
  },
  'retirees.export': async (ctx, { query, columns, full, templateId }) =>
    withBase64(
      await rosterDownload(ctx.store, query, {
        columns,
        full,
        template: templateId === null ? undefined : getExportTemplate(ctx.store, templateId),
      }),
    ),
  'imports.template': async () => ({
    fileName: '离退休人员花名册-导入模板.xlsx',
    dataBase64: (await importTemplate()).toString('base64'),
  }),
  'imports.errorWorkbook': async (ctx, { id }) => {
    const { bytes, ...w } = await importErrorWorkbook(ctx.store, id);
    return withBase64({ ...w, data: bytes });
  },
  'claims.list': (ctx, q) => listClaims(ctx.store, q),
  'claims.get': (ctx, { id }) => getClaim(ctx.store, id),
  'claims.create': (ctx, claim) => createClaim(ctx.store, claim),
  'claims.update': (ctx, { id, ...edit }) => updateClaim(ctx.store, id, edit),
  'claims.move': (ctx, { id, version, to, reason }) => moveClaim(ctx.store, id, version, to, reason),
  'claims.reverse': (ctx, { id, version, reason }) => reverseClaim(ctx.store, id, version, reason),
  'claims.statement': (ctx, { personId, year }) => yearStatement(ctx.store, personId, year),
  'claims.printStatement': (ctx, { personId, year }) => yearStatement(ctx.store, personId, year),
  'claims.policies': (ctx, { year }) => listPolicies(ctx.store, year),
  'claims.savePolicy': (ctx, { year, category, rules, note, loaded }) =>
    savePolicy(ctx.store, year, category, rules, note, loaded),
  'claims.policyGaps': (ctx, { personId, years }) => policyGaps(ctx.store, personId, years),
  'claims.simulate': (ctx, { policy }) => maskedSimulation(simulateYear(ctx.store, policy)),
  'claims.report': (ctx, { year, month, nearCapPercent }) => claimsReport(ctx.store, year, nearCapPercent, month),
  'claims.exportReport': async (ctx, { year }) => withBase64(await claimsReportWorkbook(ctx.store, year)),
  'claims.importLedger': (ctx, { fileName, dryRun, map, ...file }) =>
    ctx.lists.ledger(fileName, fileData(file), dryRun, map),
  'batches.list': (ctx) => listBatches(ctx.store),
  'batches.get': (ctx, { id }) => getBatch(ctx.store, id),
  'batches.printSheet': (ctx, { id }) => getBatch(ctx.store, id),
  'batches.payable': (ctx, { source }) => payableItems(ctx.store, source),
  'batches.create': (ctx, { name, items }) => createBatch(ctx.store, name, items),
  'batches.export': async (ctx, { id, full }) => withBase64(await paymentListWorkbook(ctx.store, id, full)),
  'batches.markPaid': (ctx, { id }) => markBatchPaid(ctx.store, id),
  'aid.reasons': (ctx) => listReasons(ctx.store),
  'aid.saveReason': (ctx, input) => saveReason(ctx.store, input),
  'aid.deleteReason': (ctx, { id }) => deleteReason(ctx.store, id),
  'aid.list': (ctx, q) => listAid(ctx.store, q),
  'aid.get': (ctx, { id }) => getAid(ctx.store, id),
  'aid.apply': (ctx, input) => applyForAid(ctx.store, input),
  'aid.decide': (ctx, input) => decideAid(ctx.store, input),
  'aid.pay': (ctx, input) => payAid(ctx.store, input),
  'aid.round': (ctx, input) => aidRound(ctx.store, input),
  'aid.register': (ctx, { year }) => aidRegister(ctx.store, year),
  'aid.registerPrint': (ctx, { year }) => aidRegisterPrintable(ctx.store, year),
  'aid.registerExport': async (ctx, { year }) => withBase64(await aidRegisterWorkbook(ctx.store, year)),
  'visits.list': (ctx, { personId }) => listVisits(ctx.store, personId),
  'visits.create': (ctx, input) => createVisit(ctx.store, input),
  'visits.followUpDone': (ctx, { id }) => followUpDone(ctx.store, id),
  'visits.createBatch': (ctx, input) => createVisitBatch(ctx.store, input),
  'visits.festivals': () => upcomingFestivals(todayIso()),
  'visits.batches': (ctx) => listVisitBatches(ctx.store),
  'visits.batch': (ctx, { id }) => getVisitBatch(ctx.store, id),
  'visits.printBatch': (ctx, { id }) => getVisitBatch(ctx.store, id),
  'deaths.get': (ctx, { personId }) => ({
    death: getDeath(ctx.store, personId),
    benefits: getBenefits(ctx.store, personId),
    survivors: listSurvivors(ctx.store, personId),
  }),
  'deaths.register': (ctx, input) => registerDeath(ctx.store, input),
  'deaths.task': (ctx, input) => completeDeathTask(ctx.store, input),
  'deathBenefits.preview': (ctx, input) => previewBenefits(ctx.store, input),
  'deathBenefits.compute': (ctx, input) => computeBenefits(ctx.store, input),
  'deathBenefits.save': (ctx, input) => saveBenefitClaim(ctx.store, input),
  'deathBenefits.parameters': (ctx) => benefitParameters(ctx.store),
  'deathBenefits.saveBase': (ctx, input) => saveBase(ctx.store, input),
  'deathBenefits.deleteBase': (ctx, input) => deleteBase(ctx.store, input),
  'deathBenefits.saveIncome': (ctx, input) => saveIncome(ctx.store, input),
  'deathBenefits.deleteIncome': (ctx, input) => deleteIncome(ctx.store, input),
  'deathBenefits.saveRule': (ctx, input) => saveBenefitRule(ctx.store, input),
  'deathBenefits.deleteRule': (ctx, input) => deleteBenefitRule(ctx.store, input),
  'certifications.list': (ctx, { personId }) => certificationsOf(ctx.store, personId),
  'certifications.create': (ctx, input) => certify(ctx.store, input),
  'certifications.lists': (ctx, { year }) => certificationLists(ctx.store, year),
  'survivors.list': (ctx, { deceasedId }) => listSurvivors(ctx.store, deceasedId),
  'survivors.get': (ctx, { id }) => getSurvivor(ctx.store, id),
  'survivors.create': (ctx, input) => createSurvivor(ctx.store, input),
  'survivors.update': (ctx, input) => updateSurvivor(ctx.store, input),
  'survivors.reveal': (ctx, { id, field }) => ({ value: revealSurvivorField(ctx.store, id, field) }),
  'survivors.startAllowance': (ctx, input) => startAllowance(ctx.store, input),
  'survivors.stopAllowance': (ctx, input) => stopAllowance(ctx.store, input),
  'survivors.check': (ctx, input) => checkSurvivor(ctx.store, input),
  'survivors.checkLists': (ctx, { year }) => survivorCheckLists(ctx.store, year),
  'survivors.standards': (ctx) => listStandards(ctx.store),
  'survivors.saveStandard': (ctx, input) => saveStandard(ctx.store, input),
  'survivors.deleteStandard': (ctx, { id, reason }) => deleteStandard(ctx.store, id, reason),
  'survivors.allowanceMonth': (ctx, { month }) => allowanceMonth(ctx.store, month),
  'survivors.allowanceToBatch': (ctx, input) => allowanceToBatch(ctx.store, input),
  'survivors.allowancePrint': (ctx, { month }) => allowancePrintable(ctx.store, month),
  'survivors.allowanceExport': async (ctx, { month, full }) =>
    withBase64(await allowanceWorkbook(ctx.store, month, full)),
  'survivors.addToBatch': (ctx, input) => addSurvivorsToBatch(ctx.store, input),
  'survivors.visit': (ctx, input) => visitSurvivor(ctx.store, input),
  'survivors.letters': (ctx, input) => survivorLetters(ctx.store, input),
  'reminders.get': (ctx) => reminders(ctx.store),
  'reminders.groups': (ctx) => reminderGroups(ctx.store),
  'reminders.group': (ctx, { kind, page }) => reminderGroupPage(ctx.store, kind, page),
  'reminders.rules': (ctx) => reminderRules(ctx.store),
  'reminders.birthdayList': (ctx, input) => birthdayList(ctx.store, input),
  'reminders.saveRules': (ctx, rules) => saveReminderRules(ctx.store, rules),
  'stays.list': (ctx, { personId }) => listStays(ctx.store, personId),
  'stays.get': (ctx, { id }) => getStay(ctx.store, id),
  'stays.board': (ctx, { days }) => stayBoard(ctx.store, days),
  'stays.create': (ctx, input) => createStay(ctx.store, input),
  'stays.update': (ctx, { id, ...edit }) => updateStay(ctx.store, id, edit),
  'stays.discharge': (ctx, input) => dischargeStay(ctx.store, input),
  'visits.report': (ctx, { from, to }) => visitReport(ctx.store, from, to),
  'visits.exportReport': async (ctx, { from, to }) => withBase64(await visitReportWorkbook(ctx.store, from, to)),
  'letters.templates': (ctx) => listTemplates(ctx.store),
  'letters.saveTemplate': (ctx, t) => saveTemplate(ctx.store, t),
  'letters.resetTemplate': (ctx, { kind }) => resetTemplate(ctx.store, kind),
  'letters.setAddressForm': (ctx, { personId, form }) => {
    setAddressForm(ctx.store, personId, form);
    return { saved: true as const };
  },
  'letters.render': (ctx, input) => printLetters(ctx.store, input),
  'letters.envelopes': (ctx, input) => printEnvelopes(ctx.store, input),
  'letters.log': (ctx, { personId }) => lettersOf(ctx.store, personId),
  'letters.addressForm': (ctx, { personId }) => ({ form: addressFormOf(ctx.store, personId) }),
  'letters.assets': (ctx) => letterSettings(ctx.store),
  'letters.setAssets': (ctx, input) => {
    saveLetterSettings(ctx.store, input);
    return { saved: true as const };
  },
  'petitions.list': (ctx, q) => listPetitions(ctx.store, q),
  'petitions.overdue': (ctx) => overduePetitions(ctx.store),
  'petitions.get': (ctx, { id }) => getPetition(ctx.store, id),
  'petitions.create': (ctx, input) => createPetition(ctx.store, input),
  'petitions.advance': (ctx, { id, version, step }) => advancePetition(ctx.store, id, version, step),
  'petitions.register': async (ctx, { from, to }) => withBase64(await registerWorkbook(ctx.store, from, to)),
  'adjustments.rule': (ctx, { year }) => ({ rule: getRule(ctx.store, year) }),
  'adjustments.saveRule': (ctx, { rule, loaded }) => saveRule(ctx.store, rule, loaded),
  'adjustments.import': (ctx, { year, fileName, dryRun, map, ...file }) =>
    ctx.lists.adjustments(fileName, fileData(file), year, { dryRun, map }),
  'adjustments.runs': (ctx, { year }) => listRuns(ctx.store, year),
  'adjustments.rows': (ctx, { runId, filter, page }) => runRows(ctx.store, runId, filter, page),
  'adjustments.check': (ctx, { id, note }) => checkRow(ctx.store, id, note),
  'adjustments.uncheck': (ctx, { id, reason }) => uncheckRow(ctx.store, id, reason),
  'adjustments.recompute': (ctx, { runId }) => recomputeRun(ctx.store, runId),
  'adjustments.exportDiffs': async (ctx, { runId }) => withBase64(await differencesWorkbook(ctx.store, runId)),
  'adjustments.notices': (ctx, { runId, rowIds }) => noticesPrintable(ctx.store, runId, rowIds),
  'adjustments.ofPerson': (ctx, { personId }) => adjustmentsOf(ctx.store, personId),
  'petitions.attachments': (ctx, { id }) => petitionAttachments(ctx.store, id),
  'petitions.attach': (ctx, { id, fileName, mime, dataBase64 }) =>
    attachToPetition(ctx.store, id, { fileName, mime, data: Buffer.from(dataBase64, 'base64') }),
  'petitions.attachment': (ctx, { id }) => withBase64(readPetitionAttachment(ctx.store, id)),
  'petitions.registerPrint': (ctx, { from, to }) => registerPrintable(ctx.store, from, to),
  'activities.list': (ctx, { year }) => listActivities(ctx.store, year),
  'activities.get': (ctx, { id }) => getActivity(ctx.store, id),
  'activities.create': (ctx, input) => createActivity(ctx.store, input),
  'activities.attendance': (ctx, { id, personIds, attended }) => setAttendance(ctx.store, id, personIds, attended),
  'activities.ofPerson': (ctx, { personId }) => activitiesOf(ctx.store, personId),
  'activities.update': (ctx, { id, activity, loaded }) => {
    updateActivity(ctx.store, id, activity, loaded);
    return getActivity(ctx.store, id);
  },
  'activities.meeting': (ctx, { id, loaded, ...record }) => {
    saveMeeting(ctx.store, id, record, loaded);
    return getActivity(ctx.store, id);
  },
  'activities.staffChoices': (ctx) => staffChoices(ctx.store),
  'activities.addStaff': (ctx, { id, staff }) => {
    addStaff(ctx.store, id, staff);
    return getActivity(ctx.store, id);
  },
  'activities.removeStaff': (ctx, { id, staffId }) => {
    removeStaff(ctx.store, id, staffId);
    return getActivity(ctx.store, id);
  },
  'activities.staffAttendance': (ctx, { id, staffIds, attended }) => {
    setStaffAttendance(ctx.store, id, staffIds, attended);
    return getActivity(ctx.store, id);
  },
  'activities.attachments': (ctx, { id }) => activityAttachments(ctx.store, id),
  'activities.attach': (ctx, { id, fileName, dataBase64 }) =>
    attachToActivity(ctx.store, id, { fileName, data: Buffer.from(dataBase64, 'base64') }),
  'activities.attachment': (ctx, { id }) => withBase64(readActivityAttachment(ctx.store, id)),
  'activities.signInSheet': (ctx, { id, blankRows }) => signInSheetPrintable(ctx.store, id, blankRows),
  'activities.minutesPrint': (ctx, { id }) => minutesPrintable(ctx.store, id),
  'materials.list': (ctx) => listMaterials(ctx.store),
  'materials.get': (ctx, { id }) => getMaterial(ctx.store, id),
  'materials.create': (ctx, input) => createMaterial(ctx.store, input),
  'materials.deliver': (ctx, { id, personIds, how, on }) => deliverMaterial(ctx.store, id, personIds, how, on),
  'materials.sendToBranches': (ctx, { id, branchIds, on, receivedBy }) => {
    sendToBranches(ctx.store, id, branchIds, on, receivedBy);
    return getMaterial(ctx.store, id);
  },
  'materials.branchListPrint': (ctx, { id }) => branchListPrintable(ctx.store, id),
  'plan.get': (ctx, { year }) => workPlan(ctx.store, year),
  'plan.addItem': (ctx, input) => addPlanItem(ctx.store, input),
  'plan.updateItem': (ctx, input) => updatePlanItem(ctx.store, input),
  'plan.removeItem': (ctx, { id, reason }) => {
    removePlanItem(ctx.store, id, reason);
    return { removed: true as const };
  },
  'plan.candidates': (ctx, { itemId, kind }) => planCandidates(ctx.store, itemId, kind),
  'plan.link': (ctx, input) => linkPlanItem(ctx.store, input),
  'plan.unlink': (ctx, { linkId }) => unlinkPlanItem(ctx.store, linkId),
  'plan.copy': (ctx, { fromYear, toYear }) => copyPlan(ctx.store, fromYear, toYear),
  'plan.print': (ctx, { year }) => planPrintable(ctx.store, year),
  'documents.list': (ctx, q) => listDocuments(ctx.store, q),
  'documents.get': (ctx, { id }) => getDocument(ctx.store, id),
  'documents.create': (ctx, input) => createDocument(ctx.store, input),
  'documents.update': (ctx, input) => updateDocument(ctx.store, input),
  'documents.attach': (ctx, { id, fileName, dataBase64 }) =>
    attachToDocument(ctx.store, id, { fileName, data: Buffer.from(dataBase64, 'base64') }),
  'documents.file': (ctx, { id }) => withBase64(readDocumentFile(ctx.store, id)),
  'documents.print': (ctx, q) => documentsPrintable(ctx.store, q),
  'documents.export': async (ctx, q) => withBase64(await documentsWorkbook(ctx.store, q)),
  'statistics.figures': (ctx, { asOf }) => statisticsFigures(ctx.store, asOf),
  'statistics.home': (ctx) => homeFigures(ctx.store),
  'statistics.balance': (ctx, { year }) => statisticsBalance(ctx.store, year),
  'statistics.people': (ctx, input) => statisticsPeople(ctx.store, input),
  'statistics.report': (ctx, { report, year }) => upwardTable(ctx.store, report, year),
  'statistics.reportPrint': (ctx, { report, year }) => upwardPrintable(ctx.store, report, year),
  'statistics.reportExport': async (ctx, { report, year }) => withBase64(await upwardWorkbook(ctx.store, report, year)),
  'statistics.saveReportLabels': (ctx, { report, labels }) => {
    saveReportRowLabels(ctx.store, report, labels);
    return { ok: true as const };
  },
  'statistics.changes': (ctx, q) => listChanges(ctx.store, q),
  'statistics.confirmChange': (ctx, input) => confirmChange(ctx.store, input),
  'statistics.activity': (ctx, { year }) => activityCharts(ctx.store, year),
  'statistics.activityPeople': (ctx, input) => activityPeople(ctx.store, input),
  'statistics.chartExport': async (ctx, input) => withBase64(await chartWorkbook(ctx.store, input)),
  'statistics.chartPrint': (ctx, input) => chartPrintable(ctx.store, input),
  'privacy.rulesPrint': (ctx) => rulesPrintable(ctx.store),
  'privacy.assessments': (ctx) => listAssessments(ctx.store),
  'privacy.assessmentPrint': (ctx, { id }) => assessmentPrintable(ctx.store, id),
  'privacy.addAssessment': (ctx, input) => addAssessment(ctx.store, input),
  'privacy.relativeRequests': (ctx, { personId }) => listRelativeRequests(ctx.store, personId),
  'privacy.addRelativeRequest': (ctx, input) => addRelativeRequest(ctx.store, input),
  'privacy.answerRelativeRequest': (ctx, input) => answerRelativeRequest(ctx.store, input),
  'privacy.relativeExport': async (ctx, { id }) => withBase64(await relativeExport(ctx.store, id)),
  'privacy.retention': (ctx) => retentionList(ctx.store),
  'privacy.setRetentionYears': (ctx, { years }) => setRetentionYears(ctx.store, years),
  'privacy.reviewRetention': (ctx, input) => reviewRetention(ctx.store, input),
  'accessLog.list': (ctx, q) => listAccess(ctx.store, q),
  'accessLog.export': async (ctx, f) => withBase64(await accessWorkbook(ctx.store, f)),
  'exportTemplates.list': (ctx) => listExportTemplates(ctx.store),
  'exportTemplates.save': (ctx, input) => saveExportTemplate(ctx.store, input),
  'exportTemplates.delete': (ctx, { id }) => deleteExportTemplate(ctx.store, id),
  'exportTemplates.export': (ctx, { id }) => withBase64(exportTemplateFile(ctx.store, id)),
  'exportTemplates.import': (ctx, { text, onClash }) => importTemplateFile(ctx.store, text, onClash),
  'exportTemplates.preview': (ctx, { template, query }) => previewExportTemplate(ctx.store, template, query),
  'backups.list': (ctx) => ctx.listBackups().map(describeBackup),
  'backups.create': async (ctx) => describeBackup(await ctx.backupNow()),
  'backups.restore': async (ctx, { name }) => {
    const r = await ctx.restore(name);
    return { restoredFrom: describeBackup(r.restoredFrom), keptAsideAs: r.keptAsideAs };
  },
};

export type Logger = (message: string, error?: unknown) => void;

/** A fault no domain refused with a code: what the log says of it (none: an expected wait), and what the user reads. */
interface Fault {
  log: string | null;
  message: (dbPath: string) => string;
}

/**
 * The faults the router names itself: the storage's, as db/open.ts classifies them (every write is
 * one transaction, so each of them left the database as it was), a foreign key that refused a
 * write, and anything else (a bug). `dbPath` names the file a read-only fault is about.
 */
export const FAULTS = {
  // An import commits in its child process in one long transaction; a save meanwhile waits for it
  // (busy_timeout), and past that is told to try again.
  busy: {
    log: null,
    message: () => '正在导入花名册（或另一个程序正在写入），数据库暂时被占用，本次修改未保存，请稍后再试',
  },
  disk_full: {
    log: 'failed: disk full',
    message: () => '磁盘已满，未能保存，本次操作未作任何改动。请清理磁盘空间（或告知技术人员）后再试',
  },
  read_only: {
    log: 'failed: read-only',
    message: (dbPath) =>
      `数据库文件或所在文件夹是只读的（${dbPath}），未能保存，本次操作未作任何改动。请让技术人员检查写入权限`,
  },
  damaged: {
    log: 'failed: damaged',
    message: () => '读取数据库时发现文件损坏，操作未完成。请关闭程序后重新打开：程序会检查数据库，必要时从备份恢复',
  },
  // A write that names a record that is not there (deleted meanwhile, or never was): the foreign
  // key refused it and the transaction rolled back. https://sqlite.org/foreignkeys.html
  not_found: {
    log: 'refused by a foreign key',
    message: () => '找不到所引用的记录（可能已被删除），操作未完成，数据未作改动',
  },
  internal: { log: 'failed', message: () => '程序内部错误，操作未完成，数据未作改动。请把错误时间告知技术人员。' },
} satisfies Partial<Record<ErrorCode, Fault>> & Record<StorageProblem, Fault>;

/**
 * The two refusals that depend on the start-up check: a write after the check found damage (the
 * store refuses it, and says why), and a save while the check still holds the write lock.
 */
function refusalWhileDamagedOrChecking(ctx: RouterContext, e: unknown): RpcError | null {
  const problem = storageProblem(e);
  if (problem === 'read_only' && ctx.store.writesRefused) return { code: 'damaged', message: ctx.store.writesRefused };
  if (problem === 'busy' && ctx.integrity.state === 'checking') {
    return { code: 'busy', message: '程序启动后正在检查数据库文件，检查完成前暂不能保存，本次修改未保存，请稍后再试' };
  }
  return null;
}

/** Any error a call ended with, as its caller receives it: a refusal as it was said, a fault in words and logged. */
export function errorOf(e: unknown, method: string, dbPath: string, log: Logger): RpcError {
  if (e instanceof UserError) return { code: e.code, message: e.message, details: e.details };
  const code: keyof typeof FAULTS =
    storageProblem(e) ??
    ((e as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ? 'not_found' : 'internal');
  const fault: Fault = FAULTS[code];
  if (fault.log) log(`${method} ${fault.log}`, e);
  return { code, message: fault.message(dbPath) };
}

/** A refusal's details when nobody is signed in (or the session just locked): the renderer shows the log-in screen. */
export const SIGNED_OUT = { signedOut: true } as const;

/** Calls that do not count as use for the idle lock: what the app asks by itself, on a timer. */
const POLLED = new Set<string>(['app.info', 'jobs.status']);

/**
 * Whether the session may call `method`, or why not: the idle lock first (a session left alone
 * longer than the office's idle time is signed out), then the operator as the database has them
 * now (deactivated since, a role changed), then the permission the method declares.
 */
export function refusalFor(ctx: RouterContext, session: Session, method: MethodName): RpcError | null {
  const needs = contract[method].needs;
  const idle = idleMinutes(ctx.store);
  if (session.lockIfIdle(idle * 60_000) && needs !== 'open')
    return { code: 'forbidden', message: `已超过 ${idle} 分钟未操作，程序已自动锁定，请重新登录`, details: SIGNED_OUT };
  if (session.operator) session.refresh(signedInOperator(ctx.store, session.operator.id));
  const role = session.operator?.role ?? null;
  if (mayUse(role, needs, needs === 'setup' && !hasOperators(ctx.store))) {
    if (role && !POLLED.has(method)) session.touch();
    return null;
  }
  return { code: 'forbidden', message: forbiddenMessage(role), details: role ? undefined : SIGNED_OUT };
}

/** A call as its method's access declaration reads it: its input and what it answered. */
export interface SeenCall {
  input: unknown;
  output: unknown;
}

/**
 * Writes the access log row of a call of `method`, if its method declares one (contract/common.ts
 * `Access`): after the call, on its own, so that it cannot undo what the call committed
 * (audit/access.ts). A call refused to a signed-in operator is written too, its words saying so:
 * an attempt to export a payment list without the permission is what an audit of PIPL Art. 51
 * looks for. A signed-out or locked session names nobody, and is not.
 */
function noteAccess(
  ctx: RouterContext,
  session: Session,
  method: MethodName,
  call: () => SeenCall,
  refused: boolean,
  log: Logger,
): void {
  const declared = (contract[method] as { access?: Access }).access;
  const operator = session.operator?.name;
  if (!declared || !operator) return;
  try {
    const { input, output } = call();
    const seen = accessOf(declared, input, output);
    if (seen)
      recordAccess(
        ctx.store,
        refused ? { ...seen, operator, what: `${seen.what}（无权限，已拒绝）`, rows: null } : { ...seen, operator },
      );
  } catch (e) {
    // A fault of the log itself is said in the log file; the call's answer stands.
    log(`${method} access log not written`, e);
  }
}

/**
 * Runs `fn` as the session's operator after the router's check for `method`: the CLI's commands
 * that have no contract method of their own (a listing for a script, a file written to disk) go
 * through here, checked as the method that does the same in the app, and logged as it is when it
 * declares its access (`seen` says what the command's input and answer were in the method's terms).
 */
export async function asCaller<T>(
  ctx: RouterContext,
  session: Session,
  method: MethodName,
  fn: () => T | Promise<T>,
  seen: (result: T) => SeenCall = () => ({ input: {}, output: null }),
  log: Logger = (m, e) => console.error(m, e),
): Promise<T> {
  const refused = refusalFor(ctx, session, method);
  if (refused) {
    noteAccess(ctx, session, method, () => ({ input: {}, output: null }), true, log);
    throw new UserError(refused.code, refused.message);
  }
  const operator = session.operator;
  const result = operator ? await actingAs(operator.name, fn) : await fn();
  noteAccess(ctx, session, method, () => seen(result), false, log);
  return result;
}

export async function dispatch(
  ctx: RouterContext,
  method: string,
  input: unknown,
  log: Logger = (m, e) => console.error(m, e),
  session: Session = ctx.session,
): Promise<RpcResult<unknown>> {
  if (!isMethodName(method))
    return { ok: false, error: { code: 'unknown_method', message: `不支持的操作：${method}` } };
  const refused = refusalFor(ctx, session, method);
  if (refused) {
    const tried = () => contract[method].input.safeParse(input ?? {});
    noteAccess(ctx, session, method, () => ({ input: tried().data ?? {}, output: null }), true, log);
    return { ok: false, error: refused };
  }
  const parsed = contract[method].input.safeParse(input ?? {});
  if (!parsed.success) {
    // A list of 100,000 wrong entries is 100,000 issues: the first few say enough.
    const details = parsed.error.issues.slice(0, 50);
    return {
      ok: false,
      error: {
        code: 'invalid_input',
        message: `输入有误：${describeIssues(parsed.error, labelsFor(method))}`,
        details,
      },
    };
  }
  try {
    const handler = handlers[method] as (ctx: RouterContext, input: unknown, session: Session) => unknown;
    const operator = session.operator;
    const run = () => handler(ctx, parsed.data, session);
    const value = await (operator ? actingAs(operator.name, run) : run());
    noteAccess(ctx, session, method, () => ({ input: parsed.data, output: value }), false, log);
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: refusalWhileDamagedOrChecking(ctx, e) ?? errorOf(e, method, ctx.paths.dbPath, log) };
  }
}
