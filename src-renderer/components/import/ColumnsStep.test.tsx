// @vitest-environment happy-dom
// The columns step against the real router on a real SQLite file: a column the importer did not
// recognise is mapped to a field, an unknown category word to a category; each correction is the
// main process's (the preview it returns is what the step then shows); a refusal is shown above
// the tables.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { useReducer } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../src-main/api/contract';
import type { AppContext } from '../../../src-main/app/context';
import { useBundledWorkers } from '../../../src-main/jobs/jobs';
import { freshContext, router, tempDir } from '../../../tests/helpers';
import { connect, render } from '../../kit/test-utils';
import { ColumnsStep } from './ColumnsStep';
import { startWizard, wizard } from './wizard';

// The import session runs in a worker thread. Component tests are transformed as browser code,
// where Vite rewrites the worker's `new URL('./worker-boot.mjs', import.meta.url)` into an http
// address Node cannot start; so the worker starts from a boot file of its own, the way the
// Electron build starts its bundled worker (jobs.ts `useBundledWorkers`).
const bootDir = tempDir();
beforeAll(() => {
  const jobs = path.resolve(import.meta.dirname, '../../../src-main/jobs');
  const [worker, repoBoot] = ['importSessionWorker.ts', 'worker-boot.mjs'].map((f) => pathToFileURL(path.join(jobs, f)).href);
  const boot = path.join(bootDir, 'import-session-boot.mjs');
  fs.writeFileSync(boot, `import { workerData } from 'node:worker_threads';\nworkerData.entry = '${worker}';\nawait import('${repoBoot}');\n`);
  useBundledWorkers({ importSession: boot });
});
afterAll(() => fs.rmSync(bootDir, { recursive: true, force: true }));

let ctx: AppContext;
const { call } = router(() => ctx);
beforeEach(async () => {
  ctx = await freshContext();
  connect(ctx);
});
afterEach(() => {
  cleanup();
  ctx.close();
});

const CSV = '名字,证件,离退休类型\n王芳,110101195001011237,老干部\n李强,,退休\n';
const open = () => call<ImportPreview>('imports.open', { fileName: '名单.csv', dataBase64: Buffer.from(CSV).toString('base64') });

let shown: ImportPreview | null = null;
function Wizard({ opened }: { opened: ImportPreview }) {
  const [w, dispatch] = useReducer(wizard, undefined, () => wizard(startWizard(), { type: 'opened', preview: opened }));
  shown = w.preview;
  return <ColumnsStep preview={w.preview!} excluded={[]} onPreview={(preview) => dispatch({ type: 'corrected', preview })} />;
}

/** Opens a Mantine Select by its label and picks an option from its own list. */
async function choose(label: string, option: string) {
  const input = screen.getByLabelText(label, { selector: 'input' });
  fireEvent.click(input);
  const listbox = await waitFor(() => document.getElementById(input.getAttribute('aria-controls') ?? '')!);
  fireEvent.click(await within(listbox).findByRole('option', { name: option, hidden: true }));
}

describe('the columns step', () => {
  it('maps a column the importer did not recognise; the step then shows the preview the main process returned', async () => {
    const opened = await open();
    expect(opened.sheets[0].header?.fields).toEqual(['name', null, 'category']);
    render(<Wizard opened={opened} />);
    const column = () => screen.getByLabelText('第B列对应字段', { selector: 'input' }) as HTMLInputElement;
    expect(column().value).toBe('不对应字段（记入备注）');

    await choose('第B列对应字段', '身份证号');
    await waitFor(() => expect(shown?.sheets[0].header?.fields).toEqual(['name', 'idNumber', 'category']));
    expect(column().value).toBe('身份证号');
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
    await choose('第B列对应字段', '身份证号');
    await screen.findByRole('alert');
  });
});
