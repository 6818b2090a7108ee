// Start-up answers before the full check has read every page (issue 17, item 4): the cheap check
// (the header and the schema) and the migrations come first, the full check finishes in the
// background. Damage it finds there stops every save, says so in Chinese, and offers the newest
// backup that passes its check, restored only when the user confirms; the damaged file is kept.
import fs from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import type { AppInfo } from '../src-main/contract/app';
import type { ListPage, PersonFile } from '../src-main/contract/retirees';
import { AppContext } from '../src-main/app/context';
import { damagedOffice, officeWithBackups } from './damage';
import { person, router } from './helpers';

let ctx: AppContext;
afterEach(() => ctx?.close());
const { call, refusal } = router(() => ctx);

describe('the full check runs after start', () => {
  test('a page the cheap check does not read is damaged: the app opens and reads, then saves are refused in Chinese and the newest good backup is offered', async () => {
    const { dbPath, newestGood, page, pageSize } = await damagedOffice();
    const damagedBytes = fs.readFileSync(dbPath);

    ctx = await AppContext.start({ dbPath, noAutomaticBackup: true });
    // Nothing was said or moved at start: the damage is where the cheap check does not look.
    expect(ctx.notices).toEqual([]);
    expect(ctx.recovery).toBeNull();
    expect(fs.existsSync(ctx.paths.keptAsideDir)).toBe(false);
    const found = await call<ListPage>('retirees.list', { q: '张桂兰' });
    expect(found.rows.length).toBeGreaterThan(0);

    const status = await ctx.integrityChecked;
    expect(status.state).toBe('damaged');
    const info = await call<AppInfo>('app.info', {});
    expect(info.integrity.state).toBe('damaged');
    expect(info.integrity.backup?.name).toBe(newestGood);
    expect(info.integrity.message).toContain('数据库文件检查发现损坏');
    expect(info.integrity.message).toContain('已停止保存任何修改');
    // Reads go on.
    expect((await call<ListPage>('retirees.list', { q: '李秀英' })).rows).toHaveLength(1);

    // A save is refused in words, and nothing is written.
    const people = () => (ctx.store.raw.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;
    const before = people();
    const refused = await refusal('retirees.create', { person: person({ name: '王建华' }), acceptWarnings: false });
    expect(refused.code).toBe('damaged');
    expect(refused.message).toBe(info.integrity.message);
    const setup = await refusal('app.setup', { orgName: '另一个单位', operatorName: '王干事' });
    expect(setup.code).toBe('damaged');
    expect(people()).toBe(before);

    // The offer is taken only when the user confirms it: then the backup's data, saves again,
    // and the damaged file kept as its pages were.
    const restored = await call<{ keptAsideAs: string }>('backups.restore', { name: newestGood });
    expect((await call<AppInfo>('app.info', {})).integrity.state).toBe('ok');
    expect((await call<ListPage>('retirees.list', { q: '李秀英' })).rows).toHaveLength(0);
    const saved = await call<PersonFile>('retirees.create', {
      person: person({ name: '王建华' }),
      acceptWarnings: false,
    });
    expect(saved.name).toBe('王建华');
    const kept = fs.readFileSync(restored.keptAsideAs);
    expect(
      kept
        .subarray((page - 1) * pageSize, page * pageSize)
        .equals(damagedBytes.subarray((page - 1) * pageSize, page * pageSize)),
    ).toBe(true);
  });

  test('a sound database: the check says ok and saves go on', async () => {
    const { dbPath } = await officeWithBackups();
    ctx = await AppContext.start({ dbPath, noAutomaticBackup: true });
    expect(await ctx.integrityChecked).toEqual({ state: 'ok' });
    const saved = await call<PersonFile>('retirees.create', {
      person: person({ name: '王建华' }),
      acceptWarnings: false,
    });
    expect(saved.id).toBeGreaterThan(0);
  });
});
