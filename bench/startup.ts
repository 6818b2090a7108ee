// Start-up to the first search answered, on the bench's 100,000-person database (issue 17, item
// 4): AppContext.start (the cheap check, the migrations, the full check started in its thread),
// then a search of the list; next to main's start-up in the same run: quick_check on its own
// connection, then the database opened and migrated, then the same search. The runs alternate;
// each waits for its full check to end before the next starts.
import { ListQuery } from '../src-main/contract/retirees';
import { AppContext } from '../src-main/app/context';
import { migrateToLatest } from '../src-main/db/migrate';
import { openRaw, openStore, quickCheck } from '../src-main/db/open';
import { listPersons } from '../src-main/retirees/list';

const TARGET_MS = 400;

export async function benchStartup(open: AppContext, runs = 7): Promise<string[]> {
  // The bench's own context checks in the background too: the figures start after it has said.
  await open.integrityChecked;
  const dbPath = open.paths.dbPath;
  const search = ListQuery.parse({ q: '张' });
  const ours: number[] = [];
  const main: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const ctx = await AppContext.start({ dbPath, noAutomaticBackup: true });
    listPersons(ctx.store, search);
    ours.push(performance.now() - t);
    if ((await ctx.integrityChecked).state !== 'ok') throw new Error('the bench database did not pass its check');
    ctx.close();

    t = performance.now();
    const raw = openRaw(dbPath);
    if (quickCheck(raw) !== 'ok') throw new Error('the bench database did not pass its check');
    raw.close();
    const store = openStore(dbPath);
    await migrateToLatest(store);
    listPersons(store, search);
    main.push(performance.now() - t);
    store.close();
  }
  const at = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];
  const f = (n: number) => n.toFixed(0).padStart(6);
  return [
    `start-up to the first search answered (${runs} runs each, in turns):`,
    `  ours: p50 ${f(at(ours, 0.5))} ms  p95 ${f(at(ours, 0.95))} ms   main's code (open, quick_check, migrations, search): p50 ${f(at(main, 0.5))} ms  p95 ${f(at(main, 0.95))} ms   p95 < ${TARGET_MS} ms: ${at(ours, 0.95) < TARGET_MS ? 'met' : 'MISSED'}`,
  ];
}
