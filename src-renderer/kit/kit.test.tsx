// @vitest-environment happy-dom
// The kit as a page uses it, against the real router on a real SQLite file: a form built with
// useContractForm sends only what changed, shows the router's field errors beside their fields and
// keeps the user's edit when the record is read again; the table opens a row with Enter.
import { Button, TextInput } from '@mantine/core';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PersonFile } from '../../src-main/contract/retirees';
import { call as rendererCall } from '../api';
import { DataTable } from './DataTable';
import { useContractForm } from './form';
import { useRpc } from './rpc';
import { officeForEachTest, render } from './test-utils';

const office = officeForEachTest();
const { call } = office;

type NoteValues = { note: string | null; postcode: string | null };

function NoteForm({ file, onReloaded }: { file: PersonFile; onReloaded?: (reload: (v: NoteValues) => void) => void }) {
  const f = useContractForm<NoteValues>({
    initial: { note: file.note, postcode: file.postcode },
    what: `${file.name}的档案`,
    submit: async (_values, edit) => {
      // Through the renderer's own door, as a page saves.
      const saved = await rendererCall('retirees.update', { id: file.id, version: file.version, ...edit });
      return { note: saved.note, postcode: saved.postcode };
    },
  });
  onReloaded?.(f.reloaded);
  return (
    <>
      <TextInput label="备注" {...f.form.getInputProps('note')} value={f.form.getValues().note ?? ''} />
      <TextInput label="邮编" {...f.form.getInputProps('postcode')} value={f.form.getValues().postcode ?? ''} />
      <span>{f.dirty ? '有未保存的修改' : '已全部保存'}</span>
      {f.error && <span role="alert">{f.error}</span>}
      <Button onClick={() => void f.save()}>保存</Button>
    </>
  );
}

describe('useContractForm', () => {
  it('sends only the changed field, so a death registered meanwhile stays', async () => {
    const file = await call<PersonFile>('retirees.create', {
      person: { name: '刘文华', category: '退休', note: '原' },
    });
    render(<NoteForm file={file} />);
    fireEvent.change(screen.getByLabelText('备注'), { target: { value: '新备注' } });
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
    await call('deaths.register', { personId: file.id, diedOn: '2026-11-20' });
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(screen.getByText('已全部保存')).toBeTruthy());
    expect(await call<PersonFile>('retirees.get', { id: file.id })).toMatchObject({ note: '新备注', status: '已故' });
  });

  it("shows the router's field error beside its field", async () => {
    const file = await call<PersonFile>('retirees.create', { person: { name: '刘文华', category: '退休' } });
    render(<NoteForm file={file} />);
    fireEvent.change(screen.getByLabelText('邮编'), { target: { value: '12' } });
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(screen.getAllByText('邮编应为 6 位数字').length).toBeGreaterThan(0));
    expect(screen.getByLabelText('邮编').getAttribute('aria-invalid')).toBe('true');
  });

  it('keeps the edit on top of a record read again', async () => {
    const file = await call<PersonFile>('retirees.create', {
      person: { name: '刘文华', category: '退休', note: '原' },
    });
    let reload: (v: NoteValues) => void = () => {};
    render(<NoteForm file={file} onReloaded={(r) => (reload = r)} />);
    fireEvent.change(screen.getByLabelText('备注'), { target: { value: '我的修改' } });
    act(() => reload({ note: '原', postcode: '110000' }));
    expect((screen.getByLabelText('备注') as HTMLInputElement).value).toBe('我的修改');
    expect((screen.getByLabelText('邮编') as HTMLInputElement).value).toBe('110000');
  });
});

function People({ onOpen }: { onOpen: (id: number) => void }) {
  const list = useRpc('retirees.list', { q: '', sort: 'name' } as never);
  return (
    <DataTable
      records={list.data?.rows ?? []}
      fetching={list.isPending}
      columns={[{ accessor: 'name', title: '姓名' }]}
      onRowOpen={(r: { id: number }) => onOpen(r.id)}
      rowLabel={(r: { name: string }) => r.name}
    />
  );
}

describe('DataTable', () => {
  it('moves through rows with the arrows and opens one with Enter', async () => {
    const a = await call<PersonFile>('retirees.create', { person: { name: '甲', category: '退休' } });
    const b = await call<PersonFile>('retirees.create', { person: { name: '乙', category: '退休' } });
    const opened: number[] = [];
    render(<People onOpen={(id) => opened.push(id)} />);
    const first = await screen.findByLabelText('甲');
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('乙');
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(opened).toEqual([b.id]);
    expect(a.id).not.toBe(b.id);
  });
});
