// @vitest-environment happy-dom
// The banner above every page once the full check after start has found the file damaged: it says
// saves are stopped, offers the newest backup that passes its check, and restores it only once the
// user confirms (issue 17, item 4).
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../src-main/contract/app';
import type { ListPage } from '../../src-main/contract/retirees';
import { AppContext } from '../../src-main/app/context';
import { damagedOffice } from '../../tests/damage';
import { router } from '../../tests/helpers';
import { connect, render } from '../kit/test-utils';
import { IntegrityBanner } from './IntegrityBanner';

let ctx: AppContext;
afterEach(() => {
  cleanup();
  ctx?.close();
});
const { call } = router(() => ctx);

describe('the damaged-database banner', () => {
  it('says saves are stopped, offers the newest good backup, and restores it only when confirmed', async () => {
    const { dbPath } = await damagedOffice();
    ctx = await AppContext.start({ dbPath, noAutomaticBackup: true });
    connect(ctx);
    await ctx.integrityChecked;
    const info = await call<AppInfo>('app.info', {});
    render(<IntegrityBanner info={info} />);
    expect(screen.getByText('数据库文件损坏，已停止保存')).toBeTruthy();
    expect(screen.getByText(/已停止保存任何修改/)).toBeTruthy();

    // Opened and closed without confirming: nothing restored, still damaged.
    fireEvent.click(screen.getByRole('button', { name: /^恢复到 .* 的备份/ }));
    await screen.findByText(/此后录入和修改的内容将不在恢复后的数据中/);
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    expect((await call<AppInfo>('app.info', {})).integrity.state).toBe('damaged');
    // The person added after the newest good backup is still there.
    expect((await call<ListPage>('retirees.list', { q: '李秀英' })).rows).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: /^恢复到 .* 的备份/ }));
    fireEvent.click(await screen.findByRole('button', { name: '确认恢复' }));
    await waitFor(async () => expect((await call<AppInfo>('app.info', {})).integrity.state).toBe('ok'));
    expect((await call<ListPage>('retirees.list', { q: '李秀英' })).rows).toHaveLength(0);
  });
});
