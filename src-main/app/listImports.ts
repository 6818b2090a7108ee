// The lists that come as spreadsheets besides the roster, read and saved in the child process
// that reads files (app/importProcess.ts registers their methods there).
import type { AdjustmentRunView } from '../contract/adjustments';
import type { LedgerImportReport } from '../contract/claims';
import type { Store } from '../db/store';
import type { ChildWorker, FileData } from '../jobs/worker';
import { actingOperator } from '../settings/settings';

// The child writes on its own connection: a refusal of writes on the app's (a damaged file) is said here,
// and the operator whose call it is goes with each call, for the audit rows it writes.
export class ListImports {
  constructor(
    private readonly worker: ChildWorker,
    private readonly store: () => Store,
  ) {}

  /**
   * The year's pension adjustment list, imported (or only tried, `dryRun`) in the child
   * (src-main/adjustments); `map` says what columns are (`{ "表头文字": "字段名" }`).
   */
  async adjustments(
    fileName: string,
    file: FileData,
    year: number,
    options: { dryRun?: boolean; map?: Record<string, string | null> } = {},
  ): Promise<AdjustmentRunView> {
    if (!options.dryRun) this.store().refuseIfReadOnly();
    return this.worker.call(
      'adjustments',
      { year, dryRun: options.dryRun ?? false, map: options.map ?? null, operator: actingOperator() },
      { file: { name: fileName, data: file } },
    );
  }

  /** A legacy claims ledger, checked (dry run) or imported in the child (src-main/claims/ledger.ts); `map` as for adjustments. */
  async ledger(
    fileName: string,
    file: FileData,
    dryRun: boolean,
    map?: Record<string, string | null>,
  ): Promise<LedgerImportReport> {
    if (!dryRun) this.store().refuseIfReadOnly();
    return this.worker.call(
      'ledger',
      { dryRun, map: map ?? null, operator: actingOperator() },
      { file: { name: fileName, data: file } },
    );
  }
}
