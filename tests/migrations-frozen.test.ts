// Migrations are frozen once they are committed (DESIGN: migrations/), and index.ts lists them all.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { migrations } from '../migrations';

/**
 * Each migration's text as it shipped: a database out there has run it, so an edit would never
 * reach that database, and two offices would have different tables under the same version. A new
 * migration pins its hash here in the same commit.
 */
const FROZEN: Record<string, string> = {
  '0001-core.ts': 'b1aaacd743cf3f3ac282113bc03ba0503e92341728f579b8873e09247e06067d',
  '0002-person-search.ts': 'd6a68c2509726bdaac657f7b69117157527e972ccb35bab307e97d9d08dfd2a4',
  '0003-imports.ts': '6d2b1e247b6c9a475a08773d38706cb08f00d2f4fd64e63193dd5517adfc5e0b',
  '0004-claims.ts': '3e9d7f1114fb708486386e8eea71eb11a8af57587d3e028ee2c61ae24a3519f0',
  '0005-visits.ts': 'd52ac4bf55b4c3d526cb58d6eb017f687dc95895399542a3f3d2ac1e2ac488d3',
  '0006-letters.ts': 'e21230b4aa54f96700f768000a1f65c65fd754b9cfda53df6f21d89203a33410',
  '0007-petitions.ts': '5dfab91cc99264c60f222e9894abdf39340d627cfb377d41aa309a7b8edf4817',
  '0008-certifications.ts': '04b535ace4216f6f05784d80e1be2b5b3c4d4a1c074aae78c09ab465ecc7c978',
  '0009-adjustments.ts': '517eae3cf300fb5da8c82a2e14b627bdd56fbcd51ddac7d12e9141afbd52edea',
  '0010-org-network.ts': 'dcdddcdc15e9b8bce011df3117073286f7f44f3b3e71d5fdf4c5d304989c5c33',
  '0011-activities.ts': '06519eef340404e5520e499abce1a8e48888339a1a2729142e761bb5ec1d1acf',
  '0012-ids-never-reused.ts': '7efb49e494b4f07cd1b1ef354c5c8f739415f5191baf28dc6bd5bde4a1c89ed7',
  '0013-claims-report-totals.ts': '45f52bbf32288163ddff12158dd89bb4174d03ad0e34fd3e9844df084c40d55a',
  '0014-list-indexes.ts': 'f06eb4448fd97d50bf3242fc104d2a1df41bc377f5b233b27845096d8131ebec',
  '0015-search-readings.ts': 'ef41bdc53c504814fea6010c2756f902681e027688082fdec67b0f0cc8759973',
  '0016-search-rank-index.ts': '53ec7a4e315ec82ad511d3029be82230ebecb94eed37ec3b4d47a4ec365c89ba',
  '0017-operators.ts': '2574d931eef159ef2b39fc05593b09d11e2057689e780fbbc1888313e7fac4cd',
  '0018-privacy-records.ts': 'c79442fce676ffd031665c740bd0e6307a1507a9bf2187c380ad8daf177b9ecf',
  '0019-person-changes.ts': 'f6ba562833aa96b3bc9f873806c1b52979fcf38978e98e3a676f643cefeeaceb',
  '0020-upward-fields.ts': 'ca7b719e610518f729bd2117a65b07cff250912eb180e02d8cf9170238b70719',
  '0021-export-templates.ts': '6dfad8d199518185956a1a1d28d76963f673e65a242b501c09ee448d20f25658',
  '0022-death-benefits.ts': 'd2c171b9f37b66e67a4f25e8bee4a24c9425bc4a8ccbbc13b69eb94b5c781264',
  '0025-lunar-birthdays.ts': 'edf9b6f0a1e431a227a003656c27e38c101d2e883652f99c6a938146d7a0f36f',
  '0026-hospital-stays.ts': '050fb819cf7c3e7188a787feccd91d829f24230ae158872b9fb2889913bf3593',
  '0027-hardship-aid.ts': 'e383cfd24086dc254094ffda8e7352b974d7c13a70678078c57d4a901e8824f0',
  '0029-party-dues.ts': 'f718e862b450b18dd46030b34b4bd83dbdd4f8868a7562df8147bf4f98f008e1',
  '0028-survivors.ts': 'fec4a492156e38e747d7351fc8a63b06d895df3513747dc307621aefb9eea7c0',
  '0030-remote-residence.ts': '87e19a2787578b5b54d1268e6eefef3d2ef50fbd5b1d23fc56909e8b135d07db',
  '0031-survivor-allowance-payments.ts': 'cf85f2957030db1a2ade27bac68be0873ab96daeb516b922cfa82204c0907502',
  '0032-community-handover.ts': '18c6446834a4d575cee5fe6afb2ebc5f1fe0431423da90224aaf69deb6f30301',
  '0034-work-plan.ts': '5a7d1082afa7dce27be19d008205cc34b95652f02639d4031d6d991d6e4ddbd0',
  '0035-claim-period-persons.ts': 'cace75ccf56d9d8ee60761392311227137e12b2e7a8255a76617c7671cad01c2',
  '0036-party-dues-span.ts': '058088d472bfec0ee785bc97671c101787cc8ede12736ebd893b89b6b69a07c1',
  '0033-meetings.ts': '9a299990f90abab299130571a8750dd3b01084e8ba0a156e1120b7086dd9ceb6',
  '0037-adjustment-basis.ts': 'a208eaaba59c3434b1e1c84f1a885021254c1a3aec2f82987463797e593118db',
  '0038-adjustment-raw-labels.ts': '8c695dd0d30bb8369b2621e908a54cfabeb942d78b6ba6f730e307bd3c1b4a21',
};

const migrationsDir = path.resolve(import.meta.dirname, '../migrations');
const migrationFiles = () =>
  fs
    .readdirSync(migrationsDir)
    .filter((f) => /^\d{4}-.*\.ts$/.test(f))
    .sort();
/** sha256 of the file's text; line endings as git checks it out on Windows count as the same text. */
const textHash = (file: string) =>
  crypto
    .createHash('sha256')
    .update(fs.readFileSync(path.join(migrationsDir, file), 'utf8').replaceAll('\r\n', '\n'))
    .digest('hex');

describe('migrations are frozen', () => {
  test.each(Object.keys(FROZEN))('%s is as it shipped', (file) => {
    expect(
      textHash(file),
      `migrations are frozen: ${file} has been edited since it shipped. Put it back as it was and make the change in a new migration`,
    ).toBe(FROZEN[file]);
  });

  test('every migration has its hash pinned, and every pinned one is still there', () => {
    const unpinned = migrationFiles().filter((f) => !(f in FROZEN));
    expect(
      unpinned,
      `pin the hash of each new migration in FROZEN (tests/migrations-frozen.test.ts) in the commit that adds it: ${unpinned.map((f) => `'${f}': '${textHash(f)}'`).join(', ')}`,
    ).toEqual([]);
    expect(
      Object.keys(FROZEN).filter((f) => !migrationFiles().includes(f)),
      'migrations are frozen: a shipped migration may not be removed or renamed',
    ).toEqual([]);
  });

  test('migrations/index.ts lists every migration file, under its file name', () => {
    expect(Object.keys(migrations)).toEqual(migrationFiles().map((f) => f.replace(/\.ts$/, '')));
  });
});
