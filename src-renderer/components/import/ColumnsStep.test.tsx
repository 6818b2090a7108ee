// @vitest-environment happy-dom
// The columns step against the real router on a real SQLite file: each column shows why it has its
// field (or none); a column the importer did not recognise is mapped to a field, an unknown
// category word to a category; each correction is the main process's (the preview it returns is
// what the step then shows); a refusal is shown above the tables.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import path from 'node:path';
import { useEffect, useReducer } from 'react';
import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../src-main/contract/imports';
import { IMPORT_PROCESS } from '../../../src-main/app/context';
import { forkLauncher } from '../../../src-main/jobs/launcher';
import { officeForEachTest, render } from '../../kit/test-utils';
import { ColumnsStep } from './ColumnsStep';
import { startWizard, wizard } from './wizard';

// The import session runs in a child process. Component tests are transformed as browser code,
// where `new URL('…', import.meta.url)` becomes an http address Node cannot start; so the test
// names the child's files itself, as the Electron build names its bundled ones.
const src = path.resolve(import.meta.dirname, '../../../src-main');
const launcher = forkLauncher(
  { [IMPORT_PROCESS]: path.join(src, 'app/importProcess.ts') },
  path.join(src, 'jobs/child-boot.mjs'),
);

const office = officeForEachTest({ launcher });
const { call } = office;

const CSV = '名字,到龄时间,离退休类型\n王芳,2010-03,老干部\n李强,,退休\n';
const open = () =>
  call<ImportPreview>('imports.open', { fileName: '名单.csv', dataBase64: Buffer.from(CSV).toString('base64') });

// The preview the wizard holds, as last shown.
let shown: ImportPreview | null = null;
function Wizard({ opened }: { opened: ImportPreview }) {
  const [w, dispatch] = useReducer(wizard, undefined, () => wizard(startWizard(), { type: 'opened', preview: opened }));
  useEffect(() => {
    shown = w.preview;
  }, [w.preview]);
  return (
    <ColumnsStep preview={w.preview!} excluded={[]} onPreview={(preview) => dispatch({ type: 'corrected', preview })} />
  );
}

/** Opens a Mantine Select by its label and picks an option from its own list. */
async function choose(label: string, option: string) {
  const input = screen.getByLabelText(label, { selector: 'input' });
  fireEvent.click(input);
  const listbox = await waitFor(() => document.getElementById(input.getAttribute('aria-controls') ?? '')!);
  fireEvent.click(await within(listbox).findByRole('option', { name: option, hidden: true }));
}

describe('the columns step', () => {
  it('shows why each column has its field, maps one the importer could not place, and shows the preview the main process returned', async () => {
    const opened = await open();
    expect(opened.sheets[0].header?.fields).toEqual(['name', null, 'category']);
    render(<Wizard opened={opened} />);
    const column = () => screen.getByLabelText('第B列对应字段', { selector: 'input' }) as HTMLInputElement;
    expect(column().value).toBe('不对应字段（记入备注）');
    expect(screen.getByText('按表头：名字')).toBeTruthy();
    expect(screen.getByText('内容 100% 为日期，但无法判断是哪一项：请指定，否则记入备注并标为待核实')).toBeTruthy();
    expect(screen.getByText(/“到龄时间” 没有对应的字段/)).toBeTruthy();

    await choose('第B列对应字段', '离退休时间');
    await waitFor(() => expect(shown?.sheets[0].header?.fields).toEqual(['name', 'retirementDate', 'category']));
    expect(column().value).toBe('离退休时间');
    expect(await screen.findByText('按所选：离退休时间')).toBeTruthy();
    expect(screen.queryByText(/没有对应的字段/)).toBeNull();
  });

  it('asks what an unknown category word means, and stops asking once told', async () => {
    render(<Wizard opened={await open()} />);
    expect(screen.getByText('需要确认的取值')).toBeTruthy();
    expect(shown?.unknownValues).toEqual([{ field: 'category', value: '老干部', count: 1 }]);

    await choose('“老干部”对应的人员类别', '离休');
    await waitFor(() => expect(screen.queryByText('需要确认的取值')).toBeNull());
    expect(shown?.unknownValues).toEqual([]);
    expect(shown?.counts.problems).toBe(0);
  });

  it('shows a refusal above the tables', async () => {
    const opened = await open();
    render(<Wizard opened={{ ...opened, session: crypto.randomUUID() }} />);
    await choose('第B列对应字段', '离退休时间');
    await screen.findByText(/导入向导已失效/);
  });
});
