// Stored attachments served back, for the Electron app:// protocol and the browser harness alike.
// Never in the app's origin: every attachment is a download (Content-Disposition: attachment),
// its type read again from its bytes (rows stored before the check included), with nosniff and a
// sandboxing CSP in case anything ever renders it; only images (JPEG, PNG, GIF, WebP) may be shown
// in place, for the preview's <img>, which runs no script. A PDF is downloaded and opened by the
// system's reader (Chromium's PDF viewer does not run in a sandboxed document).
import type { Store } from '../db/store';
import type { Session } from '../operators/session';
import { refusalFor, type RouterContext } from '../router';
import { readActivityAttachment } from '../activities/meetings';
import { readPetitionAttachment } from '../petitions/petitions';
import { readAttachment } from '../retirees/attachments';
import { servedType } from '../retirees/attachmentFiles';
import { UserError } from '../shared/errors';

export interface FileResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const ROUTE = /^\/attachments\/(person|petition|activity)\/([1-9]\d{0,15})$/;

/** Whether a URL path is one this module answers (`/attachments/person/12`, `/attachments/petition/3`). */
export function isAttachmentPath(urlPath: string): boolean {
  return urlPath.startsWith('/attachments/');
}

/** `filename="…"` (ASCII, for old clients) and `filename*=UTF-8''…` (RFC 6266 / RFC 5987). */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  // Were it ever rendered as a document: a sandbox without scripts, plug-ins or same origin.
  'content-security-policy': "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
  'cache-control': 'no-store',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

export function refusal(status: number, message: string): FileResponse {
  return {
    status,
    headers: { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8' },
    body: Buffer.from(message),
  };
}

/** The response for `/attachments/<person|petition|activity>/<id>`, `preview` asking for an image in place. */
export function attachmentResponse(store: Store, urlPath: string, preview: boolean): FileResponse {
  const m = ROUTE.exec(urlPath);
  if (!m) return refusal(404, '没有找到这个附件');
  let file: { fileName: string; data: Buffer };
  try {
    const id = Number(m[2]);
    file =
      m[1] === 'person'
        ? readAttachment(store, id)
        : m[1] === 'petition'
          ? readPetitionAttachment(store, id)
          : readActivityAttachment(store, id);
  } catch (e) {
    if (e instanceof UserError) return refusal(404, e.message);
    throw e;
  }
  const served = servedType(file.fileName, file.data);
  const inline = preview && served.type.previewable;
  return {
    status: 200,
    headers: {
      ...COMMON_HEADERS,
      'content-type': served.type.mime,
      'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', served.fileName),
      'content-length': String(file.data.length),
    },
    body: file.data,
  };
}

/**
 * An attachment for a session: served only to an operator who may read attachments (the router's
 * check for attachments.get), as the app's window and the harness serve it; one that is not there
 * is said to be missing to anyone.
 */
export function attachmentFor(ctx: RouterContext, session: Session, urlPath: string, preview: boolean): FileResponse {
  const file = attachmentResponse(ctx.store, urlPath, preview);
  if (file.status !== 200) return file;
  const refused = refusalFor(ctx, session, 'attachments.get');
  return refused ? refusal(403, refused.message) : file;
}
