// The CLI as a user runs it: `npm run --silent cli -- retirees --db PATH --json`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { AppContext } from '../src-main/app/context';
import { createPerson } from '../src-main/retirees/persons';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { checkCharacter } from '../src-main/shared/idNumber';
import { person, tempDir } from './helpers';

const root = path.resolve(import.meta.dirname, '..');

describe('cli retirees', () => {
  test('prints every person as JSON with the agreed keys and labels', async () => {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    const ctx = await AppContext.start({ dbPath });
    saveOfficeSettings(ctx.store, { orgName: '单位', operatorName: '王干事' });
    const first17 = '21010219521005122';
    createPerson(ctx.store, person({ idNumber: first17 + checkCharacter(first17), politicalStatus: '中共党员', retirementDate: '2007-10', phones: [{ label: '手机', number: '13840001234' }] }), { acceptWarnings: false });
    createPerson(ctx.store, person({ name: '单立华', category: '离休', status: '已故', statusDate: '2026-03', idNumber: '210102194810051230' }), { acceptWarnings: true });
    ctx.close();

    const out = execFileSync('npm', ['run', '--silent', 'cli', '--', 'retirees', '--db', dbPath, '--json'], { cwd: root, encoding: 'utf8' });
    const people = JSON.parse(out);
    expect(people).toEqual([
      {
        name: '单立华',
        gender: '男',
        birthDate: '1948-10-05',
        idNumber: '210102194810051230',
        category: '离休',
        staffType: null,
        retirementDate: null,
        formerUnit: null,
        phone: null,
        address: null,
        partyMember: false,
        status: '已故',
        deathDate: '2026-03',
        needsReview: true,
      },
      {
        name: '张桂兰',
        gender: '女',
        birthDate: '1952-10-05',
        idNumber: first17 + checkCharacter(first17),
        category: '退休',
        staffType: null,
        retirementDate: '2007-10',
        formerUnit: null,
        phone: '13840001234',
        address: null,
        partyMember: true,
        status: '在册',
        deathDate: null,
        needsReview: false,
      },
    ]);
  });

  test('a missing database is an error in Chinese, and no file is created', () => {
    const dbPath = path.join(tempDir(), 'nothing.sqlite');
    const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'retirees', '--db', dbPath, '--json'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('数据库文件不存在');
    expect(fs.existsSync(dbPath)).toBe(false);
  });
});
