// The Electron main process: lifecycle, the window, and wiring. Everything it does with data goes
// through AppContext and the router, the same code the browser harness and the tests run.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, protocol, session } from 'electron';
import { askBeforeClosingWithChanges } from './unsavedChanges';
import { attachmentFor, refusal } from '../app/attachmentFiles';
import type { AppDesk } from '../app/desk';
import { launch, parseLaunchArgs, scheduleAutomaticBackups } from '../app/launch';
import { DEFAULT_DB_NAME } from '../app/paths';
import { IMPORT_PROCESS } from '../app/context';
import { registerRpc } from './ipc';
import { installAppMenu } from './menu';
import { utilityProcessLauncher } from './processes';
import { registerAppScheme, serveRenderer } from './protocol';
import { APP_ORIGIN, hardenApp, hardenSession, secureWebPreferences } from './security';

const log = (m: string) => console.warn(`[security] ${m}`);
let desk: AppDesk | null = null;
let win: BrowserWindow | null = null;

registerAppScheme(protocol);
hardenApp(app, log);

if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', () => {
  if (win?.isMinimized()) win.restore();
  win?.focus();
});

/** A file electron-builder.yml unpacks: its place beside app.asar (https://www.electronjs.org/docs/latest/tutorial/asar-archives#adding-unpacked-files-to-asar-archives). */
function unpacked(file: string): string {
  return file.replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`);
}

async function start(): Promise<void> {
  const argv = process.argv.slice(app.isPackaged ? 1 : 2);
  const args = parseLaunchArgs(argv);
  if (!argv.includes('--db')) args.db = path.join(app.getPath('userData'), DEFAULT_DB_NAME);
  desk = await launch(args, {
    // Under `npm start`, better-sqlite3 built for Electron's ABI lives apart from the one built for
    // Node (scripts/start-electron.mjs), so `npm test` keeps working after `npm start`.
    nativeBinding: app.isPackaged ? undefined : process.env.RETIREE_NATIVE_BINDING,
    // Files from outside are read in a utility process: if one still blows up, it dies alone.
    launcher: utilityProcessLauncher({ [IMPORT_PROCESS]: path.join(__dirname, 'import-session.cjs') }),
    // …and a long list a chunk of rows at a time on a thread of its own there (spreadsheet/stream.ts),
    // whose script is loaded from the file system: unpacked beside app.asar (electron-builder.yml).
    readThread: unpacked(path.join(__dirname, 'read-thread.cjs')),
  });
  scheduleAutomaticBackups(desk, (e) => console.error('automatic backup failed', e));

  hardenSession(session.defaultSession, log);
  // The app folder holds package.json (main: out/main.cjs) and dist-renderer/, in development and
  // inside the packaged app.asar alike.
  serveRenderer(protocol, path.join(app.getAppPath(), 'dist-renderer'), (urlPath, preview) => {
    // An encrypted database still closed serves nothing until a log-in opens it (app/desk.ts).
    const ctx = desk?.context;
    return ctx ? attachmentFor(ctx, ctx.session, urlPath, preview) : refusal(403, '数据库已加密，请先登录');
  });
  registerRpc(
    ipcMain,
    (method, input) => desk!.dispatch(method, input),
    () => win?.webContents ?? null,
    log,
  );

  // The system locking (Win+L, the screen saver's lock) locks the app too: the log-in screen is
  // shown at the next call (https://www.electronjs.org/docs/latest/api/power-monitor#event-lock-screen-macos-windows).
  powerMonitor.on('lock-screen', () => desk?.session.lock());

  installAppMenu(Menu, !app.isPackaged);
  win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    title: '离退休服务管理',
    show: false,
    webPreferences: secureWebPreferences(path.join(__dirname, 'preload.cjs'), { devTools: !app.isPackaged }),
  });
  askBeforeClosingWithChanges(win.webContents, dialog, () => win);
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => (win = null));
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

app
  .whenReady()
  .then(start)
  .catch((e: unknown) => {
    dialog.showErrorBox('离退休服务管理无法启动', e instanceof Error ? e.message : String(e));
    app.quit();
  });

app.on('window-all-closed', () => {
  desk?.close();
  app.quit();
});
