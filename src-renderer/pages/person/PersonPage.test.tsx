// @vitest-environment happy-dom
// A person's file as a clerk edits it, against the real router on a real SQLite file: a save sends
// only the fields changed (with what the form showed for them); the ID number is checked as typed
// and a reply for a number since changed is never shown; the router's refusal of a field shows
// beside that field; a death registered in the timeline while the form has an edit keeps the edit
// and is itself no unsaved change.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PersonFile } from '../../../src-main/contract/retirees';
import { checkCharacter } from '../../../src-main/shared/idNumber';
import { officeForEachTest, render } from '../../kit/test-utils';
import { PersonPage } from './PersonPage';

const office = officeForEachTest();
const { call } = office;
/** Every call the page makes, in order, and a way to hold some replies back. */
let calls: { method: string; input: Record<string, unknown> }[];
let delay: (method: string, input: Record<string, unknown>) => number;

beforeEach(async () => {
  calls = [];
  delay = () => 0;
  const inner = window.retireeOffice!.invoke;
  window.retireeOffice = {
    invoke: async (method, input) => {
      calls.push({ method, input: input as Record<string, unknown> });
      const ms = delay(method, input as Record<string, unknown>);
      if (ms) await new Promise((r) => setTimeout(r, ms));
      return inner(method, input);
    },
  };
});

const ID_FIRST17 = '21010219521005122';
const ID = ID_FIRST17 + checkCharacter(ID_FIRST17);
const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(input(label), { target: { value } });
const saveButton = () => within(screen.getByRole('region', { name: '保存' })).getByRole('button', { name: '保存' });

async function openFile(fields: Record<string, unknown> = {}) {
  const file = await call<PersonFile>('retirees.create', {
    person: { name: '刘文华', category: '退休', note: '原', address: '兴华街 12 号', ...fields },
  });
  render(<PersonPage id={file.id} />);
  await screen.findByRole('heading', { name: '刘文华' });
  return file;
}

describe('the file form', () => {
  it('sends only the field changed, with the value the form showed for it', async () => {
    const file = await openFile();
    type('备注', '女儿每周来看望');
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
    fireEvent.click(saveButton());
    await waitFor(() => expect(screen.getByText('已全部保存')).toBeTruthy());
    const update = calls.find((c) => c.method === 'retirees.update')!;
    expect(update.input).toMatchObject({
      id: file.id,
      version: file.version,
      changes: { note: '女儿每周来看望' },
      base: { note: '原' },
    });
    expect(Object.keys(update.input.changes as object)).toEqual(['note']);
    expect(await call<PersonFile>('retirees.get', { id: file.id })).toMatchObject({
      note: '女儿每周来看望',
      address: '兴华街 12 号',
    });
  });

  it('a field emptied and typed again as it was is no change', async () => {
    await openFile({ postcode: '110000' });
    type('邮编', '');
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
    type('邮编', '110000');
    expect(screen.getByText('已全部保存')).toBeTruthy();
    expect((saveButton() as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows the router's refusal of a field beside that field", async () => {
    await openFile();
    type('邮编', '12');
    fireEvent.click(saveButton());
    await waitFor(() => expect(input('邮编').getAttribute('aria-invalid')).toBe('true'));
    const described = input('邮编').getAttribute('aria-describedby') ?? '';
    expect(described.split(' ').map((id) => document.getElementById(id)?.textContent)).toContain('邮编应为 6 位数字');
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
  });

  it('checks the ID number as typed: it fills birth date and gender, and an earlier reply is never shown', async () => {
    const wrong = ID_FIRST17 + (checkCharacter(ID_FIRST17) === '0' ? '1' : '0');
    await openFile();
    // The check of the first number is slow; the user corrects it meanwhile.
    delay = (method, i) => (method === 'retirees.checkId' && i.idNumber === wrong ? 600 : 0);
    type('身份证号', wrong);
    await waitFor(() => expect(calls.some((c) => c.method === 'retirees.checkId')).toBe(true));
    type('身份证号', ID);
    await screen.findByText(/校验通过/, undefined, { timeout: 5000 });
    await waitFor(() => expect(input('出生日期').value).toBe('1952-10-05'));
    // The slow reply for the wrong number arrives: what is shown stays the check of the number in the box.
    await act(() => new Promise((r) => setTimeout(r, 700)));
    expect(calls.filter((c) => c.method === 'retirees.checkId').map((c) => c.input.idNumber)).toContain(wrong);
    expect(screen.getByText(/校验通过/)).toBeTruthy();
    expect(screen.queryByText(/校验位不符/)).toBeNull();
  });

  it('a number that fails its check is saved only when confirmed, and the file is marked 待核实', async () => {
    const file = await openFile();
    const wrong = ID_FIRST17 + (checkCharacter(ID_FIRST17) === '0' ? '1' : '0');
    type('身份证号', wrong);
    await screen.findByText(/校验位不符/);
    fireEvent.click(saveButton());
    await screen.findByText('保存前请核对');
    fireEvent.click(screen.getByRole('button', { name: '按原样保存并标记待核实' }));
    await screen.findByText('此档案待核实');
    // Saved as typed: the file answers masked, the reveal gives the whole number.
    expect(await call('retirees.reveal', { id: file.id, field: 'idNumber', reason: '核对身份' })).toEqual({
      value: wrong,
    });
  });

  it('a masked ID number and phone: 显示 puts the whole number in the field, no change; a save keeps the real numbers', async () => {
    const file = await openFile({ idNumber: ID, phones: [{ label: '手机', number: '13840005076' }] });
    expect(input('身份证号').value).toBe(`210102********${ID.slice(-4)}`);
    expect(input('联系电话1').value).toBe('138****5076');
    // A masked number is not checked as typed.
    expect(calls.some((c) => c.method === 'retirees.checkId')).toBe(false);

    fireEvent.click(await screen.findByRole('button', { name: '显示完整身份证号' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('说明'), { target: { value: '核对身份' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '显示' }));
    await waitFor(() => expect(input('身份证号').value).toBe(ID));
    expect(screen.queryByText('有未保存的修改')).toBeNull();

    // A phone added beside the masked one, the note changed: the masked number goes back as shown.
    type('备注', '添加单位电话');
    fireEvent.click(screen.getByRole('button', { name: '添加电话' }));
    type('联系电话2', '024-2222-3333');
    fireEvent.click(saveButton());
    await waitFor(() => expect(screen.getByText('已全部保存')).toBeTruthy());
    const update = calls.find((c) => c.method === 'retirees.update')!;
    expect(Object.keys(update.input.changes as object).sort()).toEqual(['note', 'phones']);
    expect(office.ctx().store.raw.prepare('SELECT id_number, phones FROM persons WHERE id = ?').get(file.id)).toEqual({
      id_number: ID,
      phones: JSON.stringify([
        { label: '手机', number: '13840005076' },
        { label: '住宅', number: '024-2222-3333' },
      ]),
    });
  });

  it('a death registered in the timeline: the edit stays on top, the death is no unsaved change, and the save keeps it', async () => {
    const file = await openFile();
    type('备注', '女儿每周来看望');
    fireEvent.click(screen.getByRole('tab', { name: '走访慰问' }));
    fireEvent.click(await screen.findByRole('button', { name: '病故登记' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('去世日期'), { target: { value: '2026.11.20' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '确认登记' }));
    // The file is read again: its header says 已故.
    await waitFor(() => expect(screen.getAllByText('已故').length).toBeGreaterThan(0));
    fireEvent.click(screen.getByRole('tab', { name: '档案信息' }));
    expect(input('备注').value).toBe('女儿每周来看望');
    expect(input('去世日期').value).toBe('2026-11-20');
    expect(screen.getByText('有未保存的修改')).toBeTruthy();

    calls = [];
    fireEvent.click(saveButton());
    await waitFor(() => expect(screen.getByText('已全部保存')).toBeTruthy());
    const update = calls.find((c) => c.method === 'retirees.update')!;
    expect(update.input.changes).toEqual({ note: '女儿每周来看望' });
    expect(await call<PersonFile>('retirees.get', { id: file.id })).toMatchObject({
      status: '已故',
      statusDate: '2026-11-20',
      note: '女儿每周来看望',
    });
  });

  it('a conflict: the latest file is loaded under the edit, which then saves over what it now shows', async () => {
    const file = await openFile();
    type('备注', '我的修改');
    // Someone else changes the same field meanwhile.
    await call('retirees.update', {
      id: file.id,
      version: file.version,
      changes: { note: '别人的修改' },
      base: { note: '原' },
    });
    fireEvent.click(saveButton());
    fireEvent.click(await screen.findByRole('button', { name: '载入最新内容（保留我的修改）' }));
    // The refusal goes once the latest file is read.
    await waitFor(() => expect(screen.queryByRole('button', { name: '载入最新内容（保留我的修改）' })).toBeNull());
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(input('备注').value).toBe('我的修改');
    calls = [];
    fireEvent.click(saveButton());
    await waitFor(() => expect(screen.getByText('已全部保存')).toBeTruthy());
    expect(calls.find((c) => c.method === 'retirees.update')!.input).toMatchObject({
      changes: { note: '我的修改' },
      base: { note: '别人的修改' },
    });
  });
});
