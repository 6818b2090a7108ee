// @vitest-environment happy-dom
// A table that does not look like a roster (issue 14: an attendance log of 7,461 rows for 129
// names was taken for 7,461 people) is not imported until the user says it is one: the preview
// says so, and the commit step asks for an explicit yes before 开始导入 does anything. Against
// the real router on a real SQLite file, the import in its child process.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ImportPreview, ImportReport } from '../../../src-main/contract/imports';
import { IMPORT_PROCESS } from '../../../src-main/app/context';
import { forkLauncher } from '../../../src-main/jobs/launcher';
import { officeForEachTest, render } from '../../kit/test-utils';
import { CommitStep } from './CommitStep';
import { PreviewStep } from './PreviewStep';

const src = path.resolve(import.meta.dirname, '../../../src-main');
const launcher = forkLauncher(
  { [IMPORT_PROCESS]: path.join(src, 'app/importProcess.ts') },
  path.join(src, 'jobs/child-boot.mjs'),
);
const office = officeForEachTest({ launcher });

/** 序号 + 姓名 + 日期: 20 people signing in on 3 days, and the 合计 line under it. */
function attendanceCsv(): string {
  const lines = ['序号,姓名,日期'];
  for (let day = 1; day <= 3; day++)
    for (let p = 0; p < 20; p++) lines.push(`${lines.length},职工${p + 1}号,2024-03-0${day}`);
  lines.push('合计,60人次,');
  return `${lines.join('\n')}\n`;
}
const open = () =>
  office.call<ImportPreview>('imports.open', {
    fileName: '考勤.csv',
    dataBase64: Buffer.from(attendanceCsv()).toString('base64'),
  });
const persons = () => (office.ctx().store.raw.prepare('select count(*) as n from persons').get() as { n: number }).n;
const noExclusions = { sheets: [], rows: [] };

describe('a table that does not look like a roster', () => {
  it('the preview says so, and that the 合计 line is not imported', async () => {
    const preview = await open();
    render(<PreviewStep preview={preview} exclusions={noExclusions} onExclusions={() => {}} onPreview={() => {}} />);
    expect(screen.getByText('这个表格不像花名册')).toBeTruthy();
    expect(screen.getByText(/只有 20 个不同的姓名（平均每人 3 行）/)).toBeTruthy();
    expect(screen.getByText(/有 1 行合计、小计和 0 行表尾说明/)).toBeTruthy();
  });

  it('is imported only once the user ticks that it is a roster', async () => {
    const preview = await open();
    const onReport = vi.fn<(r: ImportReport) => void>();
    render(
      <CommitStep
        preview={preview}
        exclusions={noExclusions}
        duplicates={{ mode: 'fillEmpty', rows: {} }}
        report={null}
        onReport={onReport}
        onRestart={() => {}}
      />,
    );
    const start = screen.getByRole('button', { name: '开始导入' }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    fireEvent.click(start);
    expect(persons()).toBe(0);

    fireEvent.click(screen.getByLabelText('我已核对，这确实是花名册，每一行导入为一个人'));
    await waitFor(() => expect(start.disabled).toBe(false));
    fireEvent.click(start);
    await waitFor(() => expect(onReport).toHaveBeenCalled(), { timeout: 20_000 });
    expect(onReport.mock.calls[0][0]).toMatchObject({ inserted: 60 });
    expect(persons()).toBe(60);
  });

  it('is not asked about once its sheet is left out', async () => {
    const preview = await open();
    render(
      <CommitStep
        preview={preview}
        exclusions={{ sheets: ['CSV'], rows: [] }}
        duplicates={{ mode: 'fillEmpty', rows: {} }}
        report={null}
        onReport={() => {}}
        onRestart={() => {}}
      />,
    );
    expect(screen.queryByText('这个表格不像花名册')).toBeNull();
    expect((screen.getByRole('button', { name: '开始导入' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
