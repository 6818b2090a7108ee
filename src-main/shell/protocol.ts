// The renderer is served from app://retiree-office/, not file://: a file:// page could read any
// local file, and a standard, secure custom scheme gets a real origin for the CSP. Attachments
// come from app://retiree-office/attachments/…, as downloads (app/attachmentFiles.ts).
import type { Protocol } from 'electron';
import type { FileResponse } from '../app/attachmentFiles';
import { isAttachmentPath } from '../app/attachmentFiles';
import { readRendererFile } from '../app/rendererFiles';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { APP_HOST, APP_SCHEME } from './security';

/** Must run before the app is ready. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Answers app://retiree-office/<file> from the built renderer, and nothing outside it. */
export function serveRenderer(
  protocol: Protocol,
  distDir: string,
  attachments?: (urlPath: string, preview: boolean) => FileResponse,
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host === APP_HOST && isAttachmentPath(url.pathname)) {
      if (!attachments) return new Response('not found', { status: 404 });
      const file = attachments(url.pathname, url.searchParams.has('preview'));
      return new Response(new Uint8Array(file.body), { status: file.status, headers: file.headers });
    }
    const file = url.host === APP_HOST ? readRendererFile(distDir, url.pathname) : null;
    if (!file) return new Response('not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { 'content-type': file.type, 'content-security-policy': CONTENT_SECURITY_POLICY },
    });
  });
}
