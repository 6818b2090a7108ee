// The baseline of the list and search rows (bench/lists.ts): run as a child process on another
// commit's code, unpacked in `codeDir`. Seeds the 100,000 people into `dbPath` with that code if
// the file is not there yet (as bench/run.ts seeds: every person through createPerson), then
// prints its figures as one line of JSON.
//   node --import tsx bench/listsBaseline.ts <codeDir> <dbPath> <people> <runs>
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { measureLists } from './listsQueries';

const [codeDir, dbPath, peopleArg, runsArg] = process.argv.slice(2);
const people = Number(peopleArg);
const load = (file: string) => import(pathToFileURL(path.join(codeDir, 'src-main', file)).href);
const { AppContext } = await load('app/context.ts');
// The contract moved from api/contract.ts to contract/ (one file per domain): either commit is measured.
const { ListQuery } = await load(
  fs.existsSync(path.join(codeDir, 'src-main/contract/retirees.ts')) ? 'contract/retirees.ts' : 'api/contract.ts',
);
const { listPersons } = await load('retirees/list.ts');
const { prng } = await load('demo/generate.ts');

let seedSeconds: number | null = null;
if (!fs.existsSync(dbPath)) {
  const { createDemoUnits, makeDemoPeople } = await load('demo/generate.ts');
  const { createPerson } = await load('retirees/persons.ts');
  const { saveOfficeSettings } = await load('settings/settings.ts');
  const building = `${dbPath}.building`;
  fs.rmSync(building, { force: true });
  const ctx = await AppContext.start({ dbPath: building, noAutomaticBackup: true });
  const t = Date.now();
  saveOfficeSettings(ctx.store, { orgName: '基准测试', operatorName: '基准测试' });
  ctx.store.tx(() => {
    const units = createDemoUnits(ctx.store);
    for (const p of makeDemoPeople(people, 7, units)) createPerson(ctx.store, p, { acceptWarnings: false });
  });
  ctx.store.raw.pragma('wal_checkpoint(TRUNCATE)');
  ctx.close();
  fs.renameSync(building, dbPath);
  seedSeconds = (Date.now() - t) / 1000;
}

const ctx = await AppContext.start({ dbPath, noAutomaticBackup: true });
const figures = measureLists(
  { listPersons, parse: (i) => ListQuery.parse(i), raw: ctx.store.raw, store: ctx.store, prng },
  people,
  Number(runsArg),
);
ctx.close();
console.log(JSON.stringify({ seedSeconds, figures }));
