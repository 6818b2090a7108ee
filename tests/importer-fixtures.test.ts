// Every legacy roster in ../shared/fixtures/rosters imports to exactly its .expected.json:
// through the engine (every field of every person, the counts), and through the CLI into a real
// database file (what is stored).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { AppContext } from '../src-main/app/context';
import { analyzeBook } from '../src-main/importer/analyze';
import { readSource } from '../src-main/spreadsheet/sources';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { tempDir, CLI_ENV, cliArgs } from './helpers';
import { entryCommand } from './bundles';

const root = path.resolve(import.meta.dirname, '..');
const FIXTURES = path.resolve(root, '../shared/fixtures/rosters');

interface Expected {
  summary: { file: string; dataRows: number; nonDataRows: number; persons: number; needsReview: number };
  persons: Record<string, unknown>[];
}

const rosters = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => {
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')) as Expected;
    return { file: expected.summary.file, expected };
  });

describe('legacy rosters', () => {
  test('the fixtures are there', () => {
    expect(rosters.map((r) => r.file).sort()).toEqual([
      'roster-basic.xlsx',
      'roster-gbk.csv',
      'roster-legacy.xls',
      'roster-titled.xlsx',
    ]);
  });

  test.each(rosters)('$file: every person and every field, as the engine reads it', async ({ file, expected }) => {
    const book = await readSource(fs.readFileSync(path.join(FIXTURES, file)), file);
    const rows = analyzeBook(book).flatMap((s) => s.rows);
    const data = rows.filter((r) => r.outcome === 'data');
    expect(data.length).toBe(expected.summary.dataRows);
    expect(rows.length - data.length).toBe(expected.summary.nonDataRows);
    const persons = data.map((r) => {
      const p = r.person!;
      return {
        name: p.name,
        gender: p.gender,
        birthDate: p.birthDate,
        idNumber: p.idNumber,
        idFrom15: p.idFrom15,
        category: p.category,
        retirementMonth: p.retirementDate?.slice(0, 7) ?? null,
        formerUnit: p.formerUnit,
        phone: p.phone,
        status: p.status,
        deathMonth: p.statusDate?.slice(0, 7) ?? null,
        partyMember: p.partyMember,
        needsReview: p.reviewFlags.length > 0,
      };
    });
    const byKey = (p: Record<string, unknown>) => `${p.name}|${p.idNumber}|${p.birthDate}`;
    expect([...persons].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(
      [...expected.persons].sort((a, b) => byKey(a).localeCompare(byKey(b))),
    );
    expect(persons.filter((p) => p.needsReview).length).toBe(expected.summary.needsReview);
  });

  test.each(rosters)('$file: the CLI imports it into a database file', async ({ file, expected }) => {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    const ctx = await AppContext.start({ dbPath });
    saveOfficeSettings(ctx.store, { orgName: '单位', operatorName: '王干事' });
    ctx.close();
    const cli = (...args: string[]) =>
      execFileSync(...entryCommand('cli', cliArgs(args)), {
        cwd: root,
        encoding: 'utf8',
        env: CLI_ENV,
      });
    const report = JSON.parse(cli('import', path.join(FIXTURES, file), '--db', dbPath, '--json'));
    expect(report).toMatchObject({
      file,
      dataRows: expected.summary.dataRows,
      inserted: expected.summary.persons,
      rejected: 0,
      needsReview: expected.summary.needsReview,
    });
    // Nothing is lost: every data row has an outcome.
    expect(report.inserted + report.updated + report.merged + report.skipped + report.excluded + report.rejected).toBe(
      report.dataRows,
    );
    expect(report.rows).toHaveLength(expected.summary.dataRows + expected.summary.nonDataRows);

    const stored = JSON.parse(cli('retirees', '--db', dbPath, '--json')) as Record<string, unknown>[];
    expect(stored).toHaveLength(expected.summary.persons);
    for (const e of expected.persons) {
      const s = stored.find(
        (p) => p.name === e.name && p.idNumber === e.idNumber && (p.birthDate === e.birthDate || e.birthDate === null),
      );
      expect(s, `${e.name} ${e.idNumber}`).toBeDefined();
      expect(s).toMatchObject({
        gender: e.gender,
        birthDate: e.birthDate,
        category: e.category,
        formerUnit: e.formerUnit,
        phone: e.phone,
        needsReview: e.needsReview,
        status: e.status ?? '在册',
      });
      expect((s!.retirementDate as string | null)?.slice(0, 7) ?? null).toBe(e.retirementMonth);
      expect((s!.deathDate as string | null)?.slice(0, 7) ?? null).toBe(e.deathMonth);
      if (e.partyMember !== null) expect(s!.partyMember).toBe(e.partyMember);
    }
  });
});
