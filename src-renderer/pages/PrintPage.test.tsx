// @vitest-environment happy-dom
// The festival batch's 慰问品签领表 on paper: the retirees, then the survivors (遗属) visited in the
// same batch, each marked 遗属 with the deceased's name, numbered on from the retirees; and a batch
// of survivors alone prints too.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../src-main/contract/app';
import type { PersonFile } from '../../src-main/contract/retirees';
import type { SurvivorView } from '../../src-main/contract/survivors';
import type { VisitBatchView } from '../../src-main/contract/visits';
import { checkCharacter } from '../../src-main/shared/idNumber';
import { officeForEachTest, render } from '../kit/test-utils';
import { PrintPage } from './PrintPage';

const office = officeForEachTest();
const { call } = office;
const info = { orgName: '红星机械厂离退休管理办公室', operatorName: '李明' } as AppInfo;
const first17 = '37010219500308002';

async function widow() {
  const dead = await call<PersonFile>('retirees.create', {
    person: { name: '刘建国', category: '退休', birthDate: '1948-05-01' },
    acceptWarnings: true,
  });
  await call('deaths.register', { personId: dead.id, diedOn: '2025-03-10' });
  return call<SurvivorView>('survivors.create', {
    deceasedId: dead.id,
    survivor: {
      name: '王秀英',
      relation: '配偶',
      idNumber: first17 + checkCharacter(first17),
      address: '文化东路 12 号',
    },
  });
}

const sheetRows = async () => {
  await screen.findByText('慰问品签领表');
  const table = await screen.findByRole('table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    );
};

describe('慰问品签领表', () => {
  it('lists the survivors after the retirees, marked 遗属 with the deceased’s name', async () => {
    await call('retirees.create', { person: { name: '张桂兰', category: '退休', address: '历下区 1 号' } });
    const wang = await widow();
    const batch = await call<VisitBatchView>('visits.createBatch', {
      name: '2027年春节慰问',
      kind: '节日慰问',
      date: '2026-11-20',
      money: '300',
      query: { status: '在册' },
      survivorIds: [wang.id],
    });
    render(<PrintPage path={['print', 'visit-batch', String(batch.id)]} params={new URLSearchParams()} info={info} />);
    expect(await sheetRows()).toEqual([
      ['1', '张桂兰', '历下区 1 号', '慰问金 300.00 元', ''],
      ['2', '王秀英（遗属，刘建国的配偶）', '文化东路 12 号', '慰问金 300.00 元', ''],
    ]);
  });

  it('a batch of survivors alone is made and printed', async () => {
    const wang = await widow();
    const batch = await call<VisitBatchView>('visits.createBatch', {
      name: '遗属慰问',
      kind: '节日慰问',
      date: '2026-11-20',
      money: '200',
      query: null,
      survivorIds: [wang.id],
    });
    expect([batch.rows.length, batch.survivors.map((s) => s.name)]).toEqual([0, ['王秀英']]);
    render(<PrintPage path={['print', 'visit-batch', String(batch.id)]} params={new URLSearchParams()} info={info} />);
    expect(await sheetRows()).toEqual([
      ['1', '王秀英（遗属，刘建国的配偶）', '文化东路 12 号', '慰问金 200.00 元', ''],
    ]);
  });
});
