// The import wizard's state in one place: the file's preview (the main process keeps the session,
// each correction returns the preview anew), which step is shown, what the user excluded, how
// duplicates are treated, and the report once committed. Opening a file starts all of it afresh.
import type { QueryClient } from '@tanstack/react-query';
import type { ImportPreview, ImportReport } from '../../../src-main/contract/imports';

export interface Exclusions {
  sheets: string[];
  rows: { sheet: string; row: number }[];
}

export type DuplicateMode = 'fillEmpty' | 'overwrite' | 'skip';
export interface DuplicateChoices {
  mode: DuplicateMode;
  rows: Record<string, DuplicateMode>;
}

/** 选择文件, 工作表, 表头与列, 预览核对, 重复人员, 导入. */
export const LAST_STEP = 5;

export interface WizardState {
  preview: ImportPreview | null;
  step: number;
  exclusions: Exclusions;
  duplicates: DuplicateChoices;
  report: ImportReport | null;
}

export type WizardAction =
  | { type: 'opened'; preview: ImportPreview }
  | { type: 'corrected'; preview: ImportPreview }
  | { type: 'step'; step: number }
  | { type: 'exclusions'; exclusions: Exclusions }
  | { type: 'duplicates'; duplicates: DuplicateChoices }
  | { type: 'committed'; report: ImportReport }
  | { type: 'restart' };

export const startWizard = (): WizardState => ({
  preview: null,
  step: 0,
  exclusions: { sheets: [], rows: [] },
  duplicates: { mode: 'fillEmpty', rows: {} },
  report: null,
});

export function wizard(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'opened':
      return { ...startWizard(), preview: action.preview, step: 1 };
    case 'corrected':
      return { ...state, preview: action.preview };
    case 'step':
      // Steps need a file; once committed, the report stays until another file is chosen.
      if (!state.preview || state.report || action.step < 0 || action.step > LAST_STEP) return state;
      return { ...state, step: action.step };
    case 'exclusions':
      return { ...state, exclusions: action.exclusions };
    case 'duplicates':
      return { ...state, duplicates: action.duplicates };
    case 'committed':
      return { ...state, report: action.report };
    case 'restart':
      return startWizard();
  }
}

/**
 * An import, or its undo, changes people everywhere: every list, figure and file is read again
 * (those on screen at once, the others when next shown). The wizard's own session reads are left
 * alone: the session is gone once committed.
 */
export function readAllAgainAfterImport(client: QueryClient): Promise<void> {
  return client.invalidateQueries({
    predicate: (q) => !['imports.rows', 'jobs.status'].includes(String(q.queryKey[0])),
  });
}
