// The wizard's state: opening a file starts afresh at 工作表; steps need a file and stop moving
// once the import is committed (the report stays until another file is chosen).
import { describe, expect, it } from 'vitest';
import type { ImportPreview, ImportReport } from '../../../src-main/contract/imports';
import { startWizard, wizard } from './wizard';

const preview = { session: 's1', fileName: '花名册.xlsx' } as ImportPreview;

describe('the import wizard state', () => {
  it('opening a file starts afresh at the sheets step', () => {
    let w = wizard(startWizard(), { type: 'opened', preview });
    w = wizard(w, { type: 'exclusions', exclusions: { sheets: ['隐藏'], rows: [{ sheet: 'Sheet1', row: 4 }] } });
    w = wizard(w, { type: 'duplicates', duplicates: { mode: 'skip', rows: {} } });
    w = wizard(w, { type: 'step', step: 4 });
    const again = wizard(w, { type: 'opened', preview: { ...preview, session: 's2' } });
    expect(again).toMatchObject({
      step: 1,
      exclusions: { sheets: [], rows: [] },
      duplicates: { mode: 'fillEmpty', rows: {} },
      report: null,
    });
    expect(again.preview?.session).toBe('s2');
  });

  it('moves between steps only with a file, within the six steps, and not after the commit', () => {
    expect(wizard(startWizard(), { type: 'step', step: 2 }).step).toBe(0);
    const w = wizard(startWizard(), { type: 'opened', preview });
    expect(wizard(w, { type: 'step', step: 6 }).step).toBe(1);
    expect(wizard(w, { type: 'step', step: 5 }).step).toBe(5);
    const committed = wizard(wizard(w, { type: 'step', step: 5 }), { type: 'committed', report: {} as ImportReport });
    expect(wizard(committed, { type: 'step', step: 3 }).step).toBe(5);
    expect(wizard(committed, { type: 'restart' })).toEqual(startWizard());
  });
});
