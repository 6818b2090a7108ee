// The Electron shell's security settings and IPC wiring, proved with a fake 'electron' module
// (Electron itself cannot start on the CI machine).
import { askBeforeClosingWithChanges, CLOSE_QUESTION } from '../src-main/shell/unsavedChanges';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { dispatch } from '../src-main/router';
import { refusal, registerRpc, RPC_CHANNEL } from '../src-main/shell/ipc';
import { appMenuTemplate } from '../src-main/shell/menu';
import { serveRenderer } from '../src-main/shell/protocol';
import { attachmentResponse } from '../src-main/app/attachmentFiles';
import { person, router } from './helpers';
import { utilityProcessLauncher } from '../src-main/shell/processes';
import { APP_ORIGIN, hardenContents, hardenSession, isAppUrl, secureWebPreferences } from '../src-main/shell/security';
import { freshContext, tempDir } from './helpers';

describe('the app:// protocol serves attachments as downloads, never as pages of the app', () => {
  test('an HTML letter stored before the check, an image preview, and a download', async () => {
    const ctx = await freshContext();
    const api = router(() => ctx);
    let handler: (req: Request) => Promise<Response> = async () => new Response(null, { status: 500 });
    const protocol = { handle: (_scheme: string, h: typeof handler) => (handler = h) };
    serveRenderer(protocol as never, path.resolve(import.meta.dirname, '../dist-renderer'), (p, preview) =>
      attachmentResponse(ctx.store, p, preview),
    );
    const p = await api.call<{ id: number }>('retirees.create', { person: person() });
    const petition = await api.call<{ id: number }>('petitions.create', {
      receivedOn: '2025-04-01',
      channel: '来信',
      personId: p.id,
      subject: '来信',
      content: '来信内容',
    });
    const html = Buffer.from('<html><script>window.retireeOffice.invoke("backups.restore", {})</script></html>');
    const legacy = Number(
      ctx.store.raw
        .prepare(
          "INSERT INTO petition_attachments (petition_id, file_name, mime, size, sha256, data, added_at, added_by) VALUES (?, 'letter.html', 'text/html', ?, '', ?, '2025-01-01T00:00:00', '旧数据')",
        )
        .run(petition.id, html.length, html).lastInsertRowid,
    );
    const r = await handler(new Request(`app://retiree-office/attachments/petition/${legacy}?preview=1`));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/octet-stream');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="letter.html"/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);

    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const a = await api.call<{ id: number }>('attachments.add', {
      personId: p.id,
      fileName: 'photo.png',
      mime: 'text/html',
      dataBase64: png.toString('base64'),
    });
    const preview = await handler(new Request(`app://retiree-office/attachments/person/${a.id}?preview=1`));
    expect(preview.headers.get('content-type')).toBe('image/png');
    expect(preview.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(Buffer.from(await preview.arrayBuffer()).equals(png)).toBe(true);
    const download = await handler(new Request(`app://retiree-office/attachments/person/${a.id}`));
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="photo.png"/);
    // Another host of the scheme gets nothing.
    expect((await handler(new Request(`app://elsewhere/attachments/person/${a.id}`))).status).toBe(404);
    ctx.close();
  });
});

// The fake 'electron' module that src-main/shell/main.ts gets (hoisted above the imports).
const fake = vi.hoisted(() => {
  const calls: Record<string, unknown[]> = {
    schemes: [],
    windows: [],
    loaded: [],
    handled: [],
    protocols: [],
    menus: [],
    forks: [],
    contentsEvents: [],
  };
  let ready: () => void = () => {};
  const whenReadyPromise = new Promise<void>((r) => (ready = r));
  class BrowserWindow {
    webContents = {
      mainFrame: { url: 'app://retiree-office/index.html' },
      on: (event: string) => calls.contentsEvents.push(event),
    };
    constructor(opts: unknown) {
      calls.windows.push(opts);
    }
    once() {}
    on() {}
    show() {}
    isMinimized() {
      return false;
    }
    async loadURL(url: string) {
      calls.loaded.push(url);
    }
  }
  const handlers = new Map<string, (req: Request) => Promise<Response>>();
  /** A utility process that only records: the tests make it speak and end. */
  class UtilityProcess {
    pid = 4242;
    sent: unknown[] = [];
    killed = false;
    listeners = new Map<string, ((...a: unknown[]) => void)[]>();
    on(event: string, l: (...a: unknown[]) => void) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), l]);
      return this;
    }
    once(event: string, l: (...a: unknown[]) => void) {
      return this.on(event, l);
    }
    emit(event: string, ...a: unknown[]) {
      for (const l of this.listeners.get(event) ?? []) l(...a);
    }
    postMessage(m: unknown) {
      this.sent.push(m);
    }
    kill() {
      this.killed = true;
      return true;
    }
  }
  return {
    calls,
    ready: () => ready(),
    handlers,
    module: {
      app: {
        isPackaged: false,
        on: () => {},
        quit: () => {},
        requestSingleInstanceLock: () => true,
        whenReady: () => whenReadyPromise,
        getPath: () => '',
        getAppPath: () => process.cwd(),
      },
      BrowserWindow,
      Menu: {
        buildFromTemplate: (template: unknown) => ({ template }),
        setApplicationMenu: (menu: unknown) => calls.menus.push(menu),
      },
      utilityProcess: {
        fork: (file: string, args: string[], options: unknown) => {
          const child = new UtilityProcess();
          calls.forks.push({ file, args, options, child });
          return child;
        },
      },
      dialog: { showErrorBox: (...a: unknown[]) => calls.loaded.push(['error', ...a]) },
      ipcMain: { handle: (ch: string) => calls.handled.push(ch) },
      powerMonitor: { on: () => {} },
      protocol: {
        registerSchemesAsPrivileged: (s: unknown) => calls.schemes.push(s),
        handle: (scheme: string, h: (req: Request) => Promise<Response>) => {
          calls.protocols.push(scheme);
          handlers.set(scheme, h);
        },
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: () => {},
          setPermissionCheckHandler: () => {},
          webRequest: { onHeadersReceived: () => {} },
        },
      },
    },
  };
});
vi.mock('electron', () => fake.module);

class FakeContents extends EventEmitter {
  mainFrame = { url: `${APP_ORIGIN}/index.html` };
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.openHandler = h;
  }
}

function fakeEvent() {
  let prevented = false;
  return {
    preventDefault: () => (prevented = true),
    get prevented() {
      return prevented;
    },
  };
}

describe('security settings', () => {
  test('the window runs isolated, sandboxed, without Node, with web security and no webviews', () => {
    expect(secureWebPreferences('/p/preload.cjs')).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  test('navigation away from the app, new windows and webviews are refused', () => {
    const contents = new FakeContents();
    const log: string[] = [];
    hardenContents(contents as never, (m) => log.push(m));
    const away = fakeEvent();
    contents.emit('will-navigate', away, 'https://example.com/');
    expect(away.prevented).toBe(true);
    const file = fakeEvent();
    contents.emit('will-navigate', file, 'file:///etc/passwd');
    expect(file.prevented).toBe(true);
    const inside = fakeEvent();
    contents.emit('will-navigate', inside, `${APP_ORIGIN}/index.html#/people`);
    expect(inside.prevented).toBe(false);
    const redirect = fakeEvent();
    contents.emit('will-redirect', redirect, 'http://127.0.0.1:9/');
    expect(redirect.prevented).toBe(true);
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
    expect(log).toHaveLength(5);
  });

  test('closing the window with unsaved changes asks; only 放弃修改并关闭 lets it close', () => {
    for (const [answer, closes] of [
      [0, false],
      [1, true],
    ] as const) {
      const contents = new FakeContents();
      const asked: unknown[] = [];
      const win = { id: 1 };
      askBeforeClosingWithChanges(
        contents as never,
        { showMessageBoxSync: ((w: unknown, o: unknown) => (asked.push([w, o]), answer)) as never },
        () => win as never,
      );
      const unload = fakeEvent();
      contents.emit('will-prevent-unload', unload);
      expect(asked).toEqual([[win, CLOSE_QUESTION]]);
      expect(unload.prevented).toBe(closes);
    }
    expect(CLOSE_QUESTION.buttons).toEqual(['返回保存', '放弃修改并关闭']);
  });

  test('permission requests are refused and every response carries the CSP', () => {
    let permissionHandler: (c: unknown, p: string, cb: (ok: boolean) => void) => void = () => {};
    let checkHandler: () => boolean = () => true;
    let headers: (
      d: { responseHeaders: Record<string, string[]> },
      cb: (r: { responseHeaders: Record<string, string[]> }) => void,
    ) => void = () => {};
    const session = {
      setPermissionRequestHandler: (h: typeof permissionHandler) => (permissionHandler = h),
      setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
      webRequest: { onHeadersReceived: (h: typeof headers) => (headers = h) },
    };
    hardenSession(session as never, () => {});
    let granted: boolean | null = null;
    permissionHandler(null, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(checkHandler()).toBe(false);
    let out: Record<string, string[]> = {};
    headers({ responseHeaders: { 'content-type': ['text/html'] } }, (r) => (out = r.responseHeaders));
    expect(out['Content-Security-Policy'][0]).toContain("script-src 'self'");
    expect(out['Content-Security-Policy'][0]).toContain("object-src 'none'");
    expect(out['content-type']).toEqual(['text/html']);
  });

  test('only app:// URLs of the app count as the app', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('http://retiree-office/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('IPC', () => {
  const window = new FakeContents();
  const event = (over: Partial<{ sender: unknown; senderFrame: unknown }> = {}) => ({
    sender: window,
    senderFrame: window.mainFrame,
    ...over,
  });

  test('calls from another window, a sub-frame or a foreign page are refused', () => {
    const trusted = () => window as never;
    expect(refusal(event() as never, trusted)).toBeNull();
    expect(refusal(event({ sender: new FakeContents() }) as never, trusted)).toBe('sender is not the app window');
    expect(refusal(event({ senderFrame: { url: `${APP_ORIGIN}/x` } }) as never, trusted)).toBe('sender is a sub-frame');
    expect(refusal(event({ senderFrame: null }) as never, trusted)).toBe('no sender frame');
    const foreign = new FakeContents();
    foreign.mainFrame = { url: 'https://evil.example/' };
    expect(refusal({ sender: foreign, senderFrame: foreign.mainFrame } as never, () => foreign as never)).toContain(
      'is not the app',
    );
  });

  test('the rpc channel refuses bad senders, and parses every input by its schema', async () => {
    const ctx = await freshContext();
    const handlers = new Map<string, (e: unknown, ...args: unknown[]) => Promise<unknown>>();
    const ipcMain = {
      handle: (ch: string, h: (e: unknown, ...args: unknown[]) => Promise<unknown>) => handlers.set(ch, h),
    };
    const log: string[] = [];
    registerRpc(
      ipcMain as never,
      (m, i) => dispatch(ctx, m, i),
      () => window as never,
      (m) => log.push(m),
    );
    const rpc = handlers.get(RPC_CHANNEL)!;
    expect(await rpc(event({ sender: new FakeContents() }), 'retirees.list', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(log[0]).toContain('refused IPC retirees.list');
    expect(await rpc(event(), 'retirees.get', { id: 'one' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await rpc(event(), 'retirees.list', {})).toMatchObject({ ok: true, value: { total: 0 } });
    ctx.close();
  });
});

describe('child processes in the app', () => {
  test("files from outside are read in Electron's utility process, with a heap limit, and its death is told", () => {
    const launcher = utilityProcessLauncher({ importSession: '/app/out/import-session.cjs' });
    const child = launcher.launch('importSession', { heapMb: 640, args: ['{"dbPath":"/d.sqlite"}'] });
    const fork = fake.calls.forks.at(-1) as {
      file: string;
      args: string[];
      options: { execArgv: string[] };
      child: { sent: unknown[]; emit: (e: string, ...a: unknown[]) => void; killed: boolean };
    };
    expect(fork).toMatchObject({
      file: '/app/out/import-session.cjs',
      args: ['{"dbPath":"/d.sqlite"}'],
      options: { execArgv: ['--max-old-space-size=640'] },
    });
    expect(child.pid).toBe(4242);
    const heard: unknown[] = [];
    child.onMessage((m) => heard.push(m));
    child.send({ type: 'call', id: 1 });
    fork.child.emit('message', { type: 'reply', id: 1 });
    expect(fork.child.sent).toEqual([{ type: 'call', id: 1 }]);
    expect(heard).toEqual([{ type: 'reply', id: 1 }]);
    let exit: unknown = null;
    child.onExit((e) => (exit = e));
    fork.child.emit(
      'error',
      'FatalError',
      'v8::internal::Heap::FatalProcessOutOfMemory',
      'JavaScript heap out of memory',
    );
    fork.child.emit('exit', 133);
    expect(exit).toEqual({ code: 133, signal: null, outOfMemory: true });
    child.kill();
    expect(fork.child.killed).toBe(true);
    expect(() => launcher.launch('elsewhere', { heapMb: 1, args: [] })).toThrow('no child entry');
    // How the child collects garbage goes with its heap limit (importer/service.ts, IMPORT_V8_FLAGS).
    launcher.launch('importSession', { heapMb: 640, v8Flags: ['--no-allocation-site-pretenuring'], args: [] });
    expect(fake.calls.forks.at(-1)).toMatchObject({
      options: { execArgv: ['--max-old-space-size=640', '--no-allocation-site-pretenuring'] },
    });
  });

  test('the CommonJS bundle of the main process evaluates (it has no import.meta.url)', async () => {
    // As scripts/build-shell.mjs bundles it; a module that used import.meta.url when it loaded
    // (jobs/launcher.ts once did) would throw here, and in the app before any window.
    const { build } = await import('esbuild');
    const root = path.resolve(import.meta.dirname, '..');
    const out = await build({
      entryPoints: [path.join(root, 'src-main/shell/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      external: ['electron', 'better-sqlite3-multiple-ciphers'],
      write: false,
      logLevel: 'silent',
    });
    const { createRequire } = await import('node:module');
    const realRequire = createRequire(path.join(root, 'out', 'main.cjs'));
    // A stand-in of its own, so that the wiring test below sees only main.ts's own registrations.
    const noop = () => {};
    const electron = {
      app: {
        isPackaged: true,
        on: noop,
        quit: noop,
        requestSingleInstanceLock: () => true,
        whenReady: () => new Promise(noop),
        getPath: () => '',
        getAppPath: () => root,
      },
      protocol: { registerSchemesAsPrivileged: noop, handle: noop },
      BrowserWindow: class {},
      Menu: { setApplicationMenu: noop, buildFromTemplate: () => ({}) },
      dialog: { showErrorBox: noop },
      ipcMain: { handle: noop },
      powerMonitor: { on: noop },
      session: {},
      utilityProcess: { fork: noop },
    };
    const requireInBundle = (id: string) => (id === 'electron' ? electron : realRequire(id));
    const module = { exports: {} };
    const argv = process.argv;
    process.argv = ['electron', 'out/main.cjs', '--db', path.join(tempDir(), 'bundle.sqlite')];
    try {
      new Function('require', 'module', 'exports', '__dirname', '__filename', out.outputFiles[0].text)(
        requireInBundle,
        module,
        module.exports,
        path.join(root, 'out'),
        path.join(root, 'out', 'main.cjs'),
      );
    } finally {
      process.argv = argv;
    }
  });

  test('the entry the shell names is the bundle the build writes', () => {
    const root = path.resolve(import.meta.dirname, '..');
    expect(fs.readFileSync(path.join(root, 'scripts/build-shell.mjs'), 'utf8')).toContain(
      "entryPoints: ['src-main/app/importProcess.ts'], outfile: 'out/import-session.cjs'",
    );
    expect(fs.readFileSync(path.join(root, 'src-main/shell/main.ts'), 'utf8')).toContain(
      "utilityProcessLauncher({ [IMPORT_PROCESS]: path.join(__dirname, 'import-session.cjs') })",
    );
    // The reading thread's bundle, unpacked from app.asar: a worker thread loads its script from the file system.
    expect(fs.readFileSync(path.join(root, 'scripts/build-shell.mjs'), 'utf8')).toContain(
      "entryPoints: ['src-main/app/readThread.ts'], outfile: 'out/read-thread.cjs'",
    );
    expect(fs.readFileSync(path.join(root, 'src-main/shell/main.ts'), 'utf8')).toContain(
      "readThread: unpacked(path.join(__dirname, 'read-thread.cjs'))",
    );
    expect(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')).toContain('  - out/read-thread.cjs');
  });
});

describe('main process wiring', () => {
  const dir = tempDir();
  const argv = process.argv;
  afterAll(() => {
    process.argv = argv;
  });

  test('a secure window loads the app from app://, with the rpc channel registered', async () => {
    process.argv = ['electron', 'out/main.cjs', '--db', path.join(dir, 'office.sqlite')];
    await import('../src-main/shell/main');
    expect(fake.calls.schemes).toEqual([
      [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }],
    ]);
    fake.ready();
    await vi.waitFor(() => expect(fake.calls.loaded).toEqual(['app://retiree-office/index.html']), { timeout: 20_000 });
    // Closing the window with unsaved changes asks (shell/unsavedChanges.ts).
    expect(fake.calls.contentsEvents).toContain('will-prevent-unload');
    expect(fake.calls.windows[0]).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false },
    });
    // Electron's default menu (with its developer tools) is replaced before the window opens.
    expect(fake.calls.menus).toHaveLength(1);
    expect(fake.calls.menus[0]).toEqual({ template: appMenuTemplate({ development: true }) });
    expect(fake.calls.handled).toEqual([RPC_CHANNEL]);
    expect(fake.calls.protocols).toEqual(['app']);
    const serve = fake.handlers.get('app')!;
    const index = await serve(new Request('app://retiree-office/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await serve(new Request('app://retiree-office/..%2F..%2Fpackage.json'))).status).toBe(404);
    expect((await serve(new Request('app://elsewhere/index.html'))).status).toBe(404);
    // Attachments are wired to the database, as downloads: this one is not there.
    const missing = await serve(new Request('app://retiree-office/attachments/person/1'));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('没有找到这个附件');
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

/** Every role and label in a menu template, submenus included. */
type MenuItem = ReturnType<typeof appMenuTemplate>[number];

/**
 * The top level of a YAML file and its one-level maps of scalars: enough for electron-builder.yml's
 * settings checked here (electron-builder and its YAML reader are outside the default install).
 */
function topLevelYaml(text: string): Record<string, unknown> {
  const scalar = (v: string): unknown =>
    v === 'true' ? true : v === 'false' ? false : /^-?\d+$/.test(v) ? Number(v) : v.replace(/^["']|["']$/g, '');
  const out: Record<string, unknown> = {};
  let current: Record<string, unknown> | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '');
    if (/^\s*(#|$)/.test(line)) continue;
    const top = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (top) {
      current = top[2] === '' ? ((out[top[1]] = {}) as Record<string, unknown>) : null;
      if (top[2] !== '') out[top[1]] = scalar(top[2]);
      continue;
    }
    const nested = /^ {2}([A-Za-z][\w-]*):\s*(\S.*)$/.exec(line);
    if (nested && current) current[nested[1]] = scalar(nested[2]);
  }
  return out;
}
function menuItems(template: MenuItem[]): string[] {
  return template.flatMap((item) => [
    ...(item.role ? [String(item.role)] : []),
    ...(item.label ? [item.label] : []),
    ...(Array.isArray(item.submenu) ? menuItems(item.submenu) : []),
  ]);
}

describe('the packaged app has no developer tools', () => {
  test('the menu of the packaged app offers neither developer tools nor reload; development keeps them', () => {
    const packaged = menuItems(appMenuTemplate({ development: false }));
    expect(packaged).toEqual(expect.arrayContaining(['copy', 'paste', 'undo', 'selectAll', 'quit']));
    expect(packaged.map((s) => s.toLowerCase())).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/devtools|reload|开发者/)]),
    );
    expect(menuItems(appMenuTemplate({ development: true }))).toEqual(
      expect.arrayContaining(['toggleDevTools', 'reload']),
    );
  });

  test('the window of the packaged app cannot open developer tools at all', () => {
    expect(secureWebPreferences('/p/preload.cjs')).toMatchObject({ devTools: false });
    expect(secureWebPreferences('/p/preload.cjs', { devTools: false })).toMatchObject({ devTools: false });
    expect(secureWebPreferences('/p/preload.cjs', { devTools: true })).toMatchObject({ devTools: true });
  });

  test("electron-builder flips Electron's fuses: no run-as-Node, NODE_OPTIONS or --inspect; only a checked app.asar", () => {
    const config = topLevelYaml(fs.readFileSync(path.resolve(import.meta.dirname, '../electron-builder.yml'), 'utf8'));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
    // Integrity validation needs the app in an asar whose hash electron-builder embeds.
    expect(config.asar).toBe(true);
    expect(config.disableAsarIntegrity).toBeUndefined();
    // electron-builder's own keys (app-builder-lib's FuseOptionsV1): a misspelt key would be ignored
    // silently. Checked against its declarations too where its tooling is installed (npm start/dist).
    const known = [
      'runAsNode',
      'enableCookieEncryption',
      'enableNodeOptionsEnvironmentVariable',
      'enableNodeCliInspectArguments',
      'enableEmbeddedAsarIntegrityValidation',
      'onlyLoadAppFromAsar',
      'loadBrowserProcessSpecificV8Snapshot',
      'grantFileProtocolExtraPrivileges',
      'resetAdHocDarwinSignature',
    ];
    for (const key of Object.keys(config.electronFuses as object)) expect(known).toContain(key);
    const declarations = path.resolve(
      import.meta.dirname,
      '../.electron-tooling/node_modules/app-builder-lib/out/configuration.d.ts',
    );
    if (fs.existsSync(declarations)) {
      const declared = fs.readFileSync(declarations, 'utf8');
      for (const key of Object.keys(config.electronFuses as object)) expect(declared).toContain(`${key}?: boolean`);
    }
  });
});
