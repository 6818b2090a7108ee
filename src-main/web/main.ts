// `npm run web`: the app in a browser, for tests and for looking at it without Electron.
//   npm run web -- --db /tmp/try.sqlite --demo --port 5180
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, parseLaunchArgs, scheduleAutomaticBackups } from '../app/launch';
import { startWebServer } from './server';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = parseLaunchArgs(process.argv.slice(2));
const desk = await launch(args).catch((e: unknown) => {
  // Said as the app's start-up dialog says it (shell/main.ts), without a stack trace.
  console.error(`离退休服务管理无法启动：${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
const server = await startWebServer(desk, { port: args.port, distDir: path.join(here, '../../dist-renderer') });
scheduleAutomaticBackups(desk, (e) => console.error('自动备份失败', e));
console.log(`数据库：${desk.dbPath}${desk.context ? '' : '（已加密，登录后打开）'}`);
for (const n of desk.notices) console.log(`注意：${n}`);
console.log(`请在浏览器中打开：${server.url}`);

const stop = async () => {
  await server.close();
  desk.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
