// Every security setting of the Electron shell in one place (Actual Budget keeps them in
// security.ts too). The renderer gets no Node, runs sandboxed and isolated, loads only the app's
// own pages, and every navigation, new window, webview and permission request is refused.
import type { App, Session, WebContents, WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'retiree-office';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** `devTools` is false in the packaged app: no menu, shortcut or call can open them there. */
export function secureWebPreferences(
  preloadPath: string,
  options: { devTools: boolean } = { devTools: false },
): WebPreferences {
  return {
    preload: preloadPath,
    devTools: options.devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

type Log = (message: string) => void;

/** Refuses navigation away from the app, new windows and webviews in every web contents. */
export function hardenContents(contents: WebContents, log: Log): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      log(`refused navigation to ${url}`);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      log(`refused redirect to ${url}`);
    }
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`refused new window for ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('refused a webview');
  });
}

/** No permission (camera, notifications, geolocation …) is ever granted to the renderer. */
export function hardenSession(session: Session, log: Log): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`refused permission ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

export function hardenApp(app: App, log: Log): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, log));
}
