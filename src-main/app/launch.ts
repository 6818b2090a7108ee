// What every entry point (Electron shell, browser harness, CLI) does with its command line:
// `--db PATH` chooses the database, `--demo` fills a new one with made-up retirees.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemo } from '../demo/generate';
import type { StartOptions } from './context';
import { AppDesk } from './desk';
import { scheduledOffsiteCopy } from './offsite';
import { DEFAULT_DB_NAME, defaultDataDir } from './paths';

export const DEMO_PEOPLE = 300;

export interface LaunchArgs {
  db: string;
  demo: boolean;
  port: number;
  rest: string[];
}

export function parseLaunchArgs(argv: string[]): LaunchArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      demo: { type: 'boolean', default: false },
      port: { type: 'string', default: '0' },
    },
    allowPositionals: true,
    strict: false,
  });
  return {
    db: typeof values.db === 'string' ? path.resolve(values.db) : path.join(defaultDataDir(), DEFAULT_DB_NAME),
    demo: values.demo === true,
    port: Number(values.port ?? 0) || 0,
    rest: positionals,
  };
}

/**
 * Starts the desk (app/desk.ts): a new database encrypted from its first start, an encrypted one
 * closed until a log-in; with `demo`, an empty database gets the demo retirees.
 */
export async function launch(
  args: Pick<LaunchArgs, 'db' | 'demo'>,
  options: Omit<StartOptions, 'dbPath'> = {},
): Promise<AppDesk> {
  const desk = await AppDesk.open({ ...options, dbPath: args.db });
  const ctx = desk.context;
  if (args.demo && ctx) {
    const { n } = ctx.store.raw.prepare('select count(*) as n from persons').get() as { n: number };
    if (n === 0) {
      seedDemo(ctx.store, DEMO_PEOPLE);
      ctx.notices.push(`已生成 ${DEMO_PEOPLE} 名演示人员（姓名、身份证号均为虚构），可随意查看和修改。`);
    }
  }
  return desk;
}

/**
 * Takes the automatic backup again every hour, so a workstation left on over night gets one a day,
 * and the copy off the machine (app/offsite.ts) with it; a failed copy is told as a start's is.
 */
export function scheduleAutomaticBackups(desk: AppDesk, log: (e: unknown) => void): () => void {
  const run = async () => {
    // An encrypted database still closed (nobody has signed in since the start) waits.
    const ctx = desk.context;
    if (!ctx) return;
    await ctx.automaticBackup();
    const said = await scheduledOffsiteCopy(ctx.store);
    if (said && !ctx.notices.includes(said)) ctx.notices.push(said);
  };
  const timer = setInterval(() => run().catch(log), 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
