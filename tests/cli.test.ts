// The CLI as a user runs it: `npm run --silent cli -- retirees --db PATH --json`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { AppContext } from '../src-main/app/context';
import { dataPaths } from '../src-main/app/paths';
import { createPerson } from '../src-main/retirees/persons';
import { pendingMigrations } from '../src-main/db/migrate';
import { getOfficeSettings, saveOfficeSettings } from '../src-main/settings/settings';
import { checkCharacter } from '../src-main/shared/idNumber';
import { person, tempDir, CLI_ENV, cliArgs, TEST_PASSWORD } from './helpers';
import { createOperator } from '../src-main/operators/operators';
import { operatorLabel } from '../src-main/db/keyring';
import { damagedWithBackup } from './storageFixtures';
import { entryCommand } from './bundles';

const root = path.resolve(import.meta.dirname, '..');

describe('cli retirees', () => {
  test('prints every person as JSON with the agreed keys and labels', async () => {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    const ctx = await AppContext.start({ dbPath });
    saveOfficeSettings(ctx.store, { orgName: '单位', operatorName: '王干事' });
    const first17 = '21010219521005122';
    createPerson(
      ctx.store,
      person({
        idNumber: first17 + checkCharacter(first17),
        politicalStatus: '中共党员',
        retirementDate: '2007-10',
        phones: [{ label: '手机', number: '13840001234' }],
      }),
      { acceptWarnings: false },
    );
    createPerson(
      ctx.store,
      person({
        name: '单立华',
        category: '离休',
        status: '已故',
        statusDate: '2026-03',
        idNumber: '210102194810051230',
      }),
      { acceptWarnings: true },
    );
    ctx.close();

    const out = execFileSync(
      'npm',
      ['run', '--silent', 'cli', '--', ...cliArgs(['retirees', '--db', dbPath, '--json'])],
      {
        cwd: root,
        env: CLI_ENV,
        encoding: 'utf8',
      },
    );
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
    const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'retirees', '--db', dbPath, '--json'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('数据库文件不存在');
    expect(fs.existsSync(dbPath)).toBe(false);
  });
});

describe('cli on a damaged database (issue 13, item 3)', () => {
  const cli = (...args: string[]) =>
    spawnSync(...entryCommand('cli', cliArgs(args)), { cwd: root, encoding: 'utf8', env: CLI_ENV });

  test('recovers from the newest backup, says so on stderr, and stops with a non-zero exit', async () => {
    const dbPath = await damagedWithBackup();
    const r = cli('retirees', '--db', dbPath, '--json');
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    const kept = fs.readdirSync(dataPaths(dbPath).keptAsideDir).filter((f) => f.endsWith('.sqlite'));
    expect(kept).toHaveLength(1);
    expect(r.stderr).toContain('数据库文件已损坏');
    expect(r.stderr).toContain(path.join(dataPaths(dbPath).keptAsideDir, kept[0]));
    expect(r.stderr).toMatch(/已从备份 manual-\d{8}-\d{6}\.sqlite（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}）恢复/);
    expect(r.stderr).toMatch(/(损坏前 \d+ 人|损坏前人数无法读出)，恢复后 1 人/);
    expect(r.stderr).toContain('--accept-recovery');
    // The recovered database is in place: the next run goes ahead.
    const again = cli('retirees', '--db', dbPath, '--json');
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toHaveLength(1);
  });

  test('with --accept-recovery it says what it did and carries on', async () => {
    const dbPath = await damagedWithBackup();
    const r = cli('retirees', '--db', dbPath, '--json', '--accept-recovery');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('数据库文件已损坏');
    expect(r.stderr).toMatch(/恢复后 1 人/);
    expect(JSON.parse(r.stdout).map((p: { name: string }) => p.name)).toEqual(['张桂兰']);
  });

  test('without a usable backup it refuses: non-zero, the damaged file kept as it is, no new empty database', async () => {
    const dbPath = await damagedWithBackup();
    fs.rmSync(dataPaths(dbPath).backupsDir, { recursive: true });
    const bytes = fs.readFileSync(dbPath);
    for (const flags of [[], ['--accept-recovery']]) {
      const r = cli('retirees', '--db', dbPath, '--json', ...flags);
      expect(r.status).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('数据库文件已损坏');
      expect(r.stderr).toContain('没有可用的备份');
      expect(fs.readFileSync(dbPath).equals(bytes)).toBe(true);
      expect(fs.existsSync(dataPaths(dbPath).keptAsideDir)).toBe(false);
    }
  });
});

describe('cli init', () => {
  const FIXTURES = path.resolve(root, '../shared/fixtures');
  const cli = (...args: string[]) =>
    spawnSync(...entryCommand('cli', cliArgs(args)), { cwd: root, encoding: 'utf8', env: CLI_ENV });

  test('creates a migrated, configured database that a roster then imports into', () => {
    const dbPath = path.join(tempDir(), 'new', 'office.sqlite');
    const made = cli('init', '--db', dbPath, '--org', '测试集团离退休管理办公室', '--operator', '王干事');
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout).toContain('已建立数据库');
    expect(made.stdout).toContain(dbPath);

    const imported = cli('import', path.join(FIXTURES, 'rosters/roster-basic.xlsx'), '--db', dbPath, '--json');
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    const report = JSON.parse(imported.stdout);
    expect(report.inserted).toBe(120);
    expect(report.rejected).toBe(0);
    const people = JSON.parse(cli('retirees', '--db', dbPath, '--json').stdout);
    expect(people).toHaveLength(120);
    // Three CLI runs, each unwrapping the key of the encrypted database (scrypt) besides the sign-in.
  }, 120_000);

  test('sets the organisation and the operator as the first-start form does', async () => {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    expect(cli('init', '--db', dbPath, '--org', ' 某某集团离退休办 ', '--operator', '李明').status).toBe(0);
    // Encrypted from its first page: the administrator's password opens it.
    const ctx = await AppContext.start({
      dbPath,
      noAutomaticBackup: true,
      secret: { label: operatorLabel('李明'), secret: TEST_PASSWORD },
    });
    try {
      expect(getOfficeSettings(ctx.store)).toEqual({
        orgName: '某某集团离退休办',
        operatorName: '李明',
        configured: true,
      });
      expect(await pendingMigrations(ctx.store)).toEqual([]);
    } finally {
      ctx.close();
    }
  });

  test('without --org and --operator the database is created and the app asks on first start', async () => {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    const made = cli('init', '--db', dbPath);
    expect(made.status).toBe(0);
    expect(made.stdout).toContain('--org');
    const ctx = await AppContext.start({ dbPath, noAutomaticBackup: true });
    try {
      expect(getOfficeSettings(ctx.store).configured).toBe(false);
    } finally {
      ctx.close();
    }
  });

  test('one of --org and --operator alone is refused, and no file is created', () => {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    const r = cli('init', '--db', dbPath, '--org', '某某集团离退休办');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('--operator');
    expect(fs.existsSync(dbPath)).toBe(false);
  });

  test('an existing file is refused in Chinese and left byte for byte as it was', () => {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    expect(cli('init', '--db', dbPath, '--org', '甲单位', '--operator', '王干事').status).toBe(0);
    const before = fs.readFileSync(dbPath);
    const r = cli('init', '--db', dbPath, '--org', '乙单位', '--operator', '赵干事');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('已存在');
    expect(r.stderr).toContain(dbPath);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readFileSync(dbPath).equals(before)).toBe(true);

    const other = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(other, '不是数据库');
    expect(cli('init', '--db', other).status).toBe(1);
    expect(fs.readFileSync(other, 'utf8')).toBe('不是数据库');
  });

  test('importing into a missing database names the command that creates one', () => {
    const dbPath = path.join(tempDir(), 'new.sqlite');
    const r = cli('import', path.join(FIXTURES, 'rosters/roster-basic.xlsx'), '--db', dbPath);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('数据库文件不存在');
    expect(r.stderr).toContain(`cli -- init --db ${dbPath}`);
    expect(fs.existsSync(dbPath)).toBe(false);
  });
});

describe('cli operators (issue 18)', () => {
  const FIXTURES = path.resolve(root, '../shared/fixtures');
  const run = (args: string[], password: string | null = TEST_PASSWORD) =>
    spawnSync(...entryCommand('cli', args), {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, RETIREE_OFFICE_PASSWORD: password ?? '' },
    });

  test('init sets up the administrator with the password and prints the recovery code once', async () => {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    const made = run(['init', '--db', dbPath, '--org', '测试集团', '--operator', '王干事']);
    expect(made.status).toBe(0);
    expect(made.stdout).toMatch(/恢复码（只显示这一次[^）]*）：[A-Z2-9]{5}(-[A-Z2-9]{5}){3}/);
    // Without a password nothing is created.
    const none = path.join(tempDir(), 'office.sqlite');
    const refused = run(['init', '--db', none, '--org', '测试集团', '--operator', '王干事'], null);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('请用环境变量 RETIREE_OFFICE_PASSWORD 提供管理员 王干事 的密码');
    expect(fs.existsSync(none)).toBe(false);
  }, 200_000);

  test('every command signs in as --operator and runs only what their role may', async () => {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    expect(run(['init', '--db', dbPath, '--org', '测试集团', '--operator', '王干事']).status).toBe(0);
    const ctx = await AppContext.start({
      dbPath,
      noAutomaticBackup: true,
      secret: { label: operatorLabel('王干事'), secret: TEST_PASSWORD },
    });
    await createOperator(ctx.store, { name: '只读员', role: 'reader', password: 'reader-2026' });
    ctx.close();
    const roster = path.join(FIXTURES, 'rosters/roster-basic.xlsx');

    const without = run(['retirees', '--db', dbPath]);
    expect(without.status).toBe(1);
    expect(without.stderr).toContain('请用 --operator 指定操作员姓名');
    const wrong = run(['retirees', '--db', dbPath, '--operator', '王干事'], 'not-the-password');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('姓名或密码不正确');

    const reader = run(['import', roster, '--db', dbPath, '--operator', '只读员'], 'reader-2026');
    expect(reader.status).toBe(1);
    expect(reader.stderr).toContain('无权限：当前操作员的角色是“只读”');
    expect(
      JSON.parse(run(['retirees', '--db', dbPath, '--json', '--operator', '只读员'], 'reader-2026').stdout),
    ).toEqual([]);

    const admin = run(['import', roster, '--db', dbPath, '--json', '--operator', '王干事']);
    expect(admin.status).toBe(0);
    const check = await AppContext.start({
      dbPath,
      noAutomaticBackup: true,
      secret: { label: operatorLabel('王干事'), secret: TEST_PASSWORD },
    });
    try {
      expect(check.store.raw.prepare("SELECT operator FROM imports WHERE kind = 'roster'").all()).toEqual([
        { operator: '王干事' },
      ]);
    } finally {
      check.close();
    }
  }, 400_000);
});
