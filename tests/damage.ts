// An office whose file is damaged where the cheap start-up check does not look (issue 17, item 4):
// for the tests of the full check in the background, in the main process and in the banner.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { AppContext } from '../src-main/app/context';
import { openRaw } from '../src-main/db/open';
import { createPerson } from '../src-main/retirees/persons';
import { person, tempDir, TEST_PASSWORD } from './helpers';

const GIVEN = ['桂兰', '秀英', '建国', '德福', '玉珍', '志明', '淑芬', '长青'];

/** A page in the middle of the audit log's leaves: no search, list or open reads it. */
function auditLeaf(dbPath: string): { page: number; pageSize: number } {
  const raw = openRaw(dbPath, { readonly: true });
  try {
    const leaves = raw
      .prepare("SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf' ORDER BY pageno")
      .all() as { pageno: number }[];
    expect(leaves.length).toBeGreaterThan(10);
    return {
      page: leaves[Math.floor(leaves.length / 2)].pageno,
      pageSize: raw.pragma('page_size', { simple: true }) as number,
    };
  } finally {
    raw.close();
  }
}

export async function officeWithBackups(): Promise<{ dbPath: string; newestGood: string }> {
  const dbPath = path.join(tempDir(), 'office.sqlite');
  const own = await AppContext.start({ dbPath, noAutomaticBackup: true });
  await own.setup({ orgName: '单位', operatorName: '王干事', password: TEST_PASSWORD });
  own.store.tx(() => {
    for (let i = 0; i < 300; i++)
      createPerson(own.store, person({ name: `张${GIVEN[i % GIVEN.length]}${i}`, address: `建设大路 ${i} 号` }), {
        acceptWarnings: false,
      });
  });
  await own.backupNow();
  await new Promise((r) => setTimeout(r, 1100));
  const newest = await own.backupNow();
  createPerson(own.store, person({ name: '李秀英' }), { acceptWarnings: false });
  own.close();
  // A newer backup that does not pass its check is not offered.
  fs.writeFileSync(path.join(own.paths.backupsDir, 'manual-29991231-235959.sqlite'), 'not a database');
  return { dbPath, newestGood: newest.name };
}

/** An office with backups whose audit log has a page overwritten: what the full check finds and the cheap one does not. */
export async function damagedOffice(): Promise<{ dbPath: string; newestGood: string; page: number; pageSize: number }> {
  const office = await officeWithBackups();
  const { page, pageSize } = auditLeaf(office.dbPath);
  const fd = fs.openSync(office.dbPath, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
  fs.closeSync(fd);
  return { ...office, page, pageSize };
}
