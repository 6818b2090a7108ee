// @vitest-environment happy-dom
// What a page shows a role (issue 18), against the real router on a real SQLite file with an
// operator of each role signed in: <Can method> shows a button to the roles the contract's own
// declaration of that method lets call it, and to the others nothing or the quiet line given;
// <Editable> leaves a form readable but unchangeable for a role that may not save it.
import { TextInput } from '@mantine/core';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src-main/shared/permissions';
import { signInAs } from '../../tests/helpers';
import { Can, Editable, useCan } from './operator';
import { officeForEachTest, render } from './test-utils';

const office = officeForEachTest();

const NAMES: Record<Role, string> = { admin: '李管理', clerk: '张经办', claims: '赵报销', reader: '钱只读' };

function FilePage() {
  const mayExport = useCan('retirees.export');
  return (
    <>
      <Can method="retirees.update" otherwise="不能修改档案，只能查阅和打印">
        <button type="button">保存档案</button>
      </Can>
      <Can method="claims.create">
        <button type="button">登记报销单</button>
      </Can>
      <Can method="backups.restore" otherwise={<span>恢复备份请找管理员</span>}>
        <button type="button">恢复此备份</button>
      </Can>
      {mayExport && <button type="button">导出 Excel</button>}
      <Editable method="retirees.update">
        <TextInput label="姓名" defaultValue="张桂兰" />
      </Editable>
    </>
  );
}

/** The page as `role` sees it: which of its buttons show, the quiet lines, whether 姓名 can be typed in. */
async function seenBy(role: Role) {
  await signInAs(office.ctx(), NAMES[role], role);
  render(<FilePage />);
  const name = (await screen.findByLabelText('姓名')) as HTMLInputElement;
  // app.info has answered once the name field is there (it is rendered from the start): wait for the role.
  await screen.findByText(role === 'admin' ? '恢复此备份' : '恢复备份请找管理员');
  return {
    buttons: screen.queryAllByRole('button').map((b) => b.textContent),
    note: screen.queryByRole('note')?.textContent ?? null,
    // Disabled by its fieldset, as a browser disables every control in a disabled one (happy-dom does
    // not: the browser test types into the real page).
    nameDisabled: name.closest('fieldset')?.disabled ?? false,
    nameValue: name.value,
  };
}

describe('Can, useCan and Editable follow the contract', () => {
  it('管理员 sees every button and can type', async () => {
    expect(await seenBy('admin')).toEqual({
      buttons: ['保存档案', '登记报销单', '恢复此备份', '导出 Excel'],
      note: null,
      nameDisabled: false,
      nameValue: '张桂兰',
    });
  });

  it('经办 saves files and exports them, registers no claim, restores no backup', async () => {
    expect(await seenBy('clerk')).toEqual({
      buttons: ['保存档案', '导出 Excel'],
      note: null,
      nameDisabled: false,
      nameValue: '张桂兰',
    });
  });

  it('药费报销 registers claims, reads the file it may not change, and is told so', async () => {
    expect(await seenBy('claims')).toEqual({
      buttons: ['登记报销单'],
      note: '您的角色（药费报销）不能修改档案，只能查阅和打印',
      nameDisabled: true,
      nameValue: '张桂兰',
    });
  });

  it('只读 has no button at all, reads the file and is told why', async () => {
    expect(await seenBy('reader')).toEqual({
      buttons: [],
      note: '您的角色（只读）不能修改档案，只能查阅和打印',
      nameDisabled: true,
      nameValue: '张桂兰',
    });
  });
});
