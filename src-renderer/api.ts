// The renderer's only door to the data: the contract's methods, over Electron IPC when the
// preload exposed it, else over the browser harness's POST /rpc with the run's token.
import type { RpcResult } from '../src-main/contract/common';
import type { ErrorCode, RpcError } from '../src-main/shared/errors';
import type { InputOf, MethodName, OutputOf } from '../src-main/contract';

declare global {
  interface Window {
    retireeOffice?: { invoke(method: string, input: unknown): Promise<RpcResult<unknown>> };
  }
}

export class ApiError extends Error {
  constructor(readonly error: RpcError) {
    super(error.message);
  }
  get code(): ErrorCode {
    return this.error.code;
  }
}

function harnessToken(): string {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem('rpc-token', fromUrl);
    // The token stays out of the address bar, the history and any screenshot.
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (rest ? `?${rest}` : '') + window.location.hash);
    return fromUrl;
  }
  return sessionStorage.getItem('rpc-token') ?? '';
}

const token = window.retireeOffice ? '' : harnessToken();

/**
 * A call that hands over a file (`data`: its bytes) goes to the harness as a binary body, the rest
 * of its input in a header (src-main/web/server.ts); Electron's IPC carries the bytes as they are.
 */
function request(method: string, input: unknown): RequestInit {
  const { data, ...rest } = (input ?? {}) as { data?: unknown };
  if (data instanceof Uint8Array) {
    return {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'x-rpc-token': token,
        'x-rpc-method': method,
        'x-rpc-input': encodeURIComponent(JSON.stringify(rest)),
      },
      body: data as Uint8Array<ArrayBuffer>,
    };
  }
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rpc-token': token },
    body: JSON.stringify({ method, input }),
  };
}

async function transport(method: string, input: unknown): Promise<RpcResult<unknown>> {
  if (window.retireeOffice) return window.retireeOffice.invoke(method, input);
  try {
    const res = await fetch('./rpc', request(method, input));
    return (await res.json()) as RpcResult<unknown>;
  } catch {
    return { ok: false, error: { code: 'offline', message: '无法连接到程序后台，请确认程序仍在运行' } };
  }
}

/**
 * Where a stored attachment is served: a download (Content-Disposition: attachment), or with
 * `preview` an image shown in place; never a page in the app's own origin (src-main/app/attachmentFiles.ts).
 * app://retiree-office/attachments/… in Electron, /attachments/…?token=… in the harness.
 */
export function attachmentUrl(
  kind: 'person' | 'petition' | 'activity',
  id: number,
  options: { preview?: boolean } = {},
): string {
  const query = new URLSearchParams();
  if (token) query.set('token', token);
  if (options.preview) query.set('preview', '1');
  const q = query.toString();
  return `./attachments/${kind}/${id}${q ? `?${q}` : ''}`;
}

/** Hands an attachment to the user as a download: the server names it and says it is one. */
export function downloadAttachment(kind: 'person' | 'petition' | 'activity', id: number): void {
  const link = document.createElement('a');
  link.href = attachmentUrl(kind, id);
  link.download = '';
  link.rel = 'noopener';
  link.click();
}

/** Images the preview shows in place; everything else is downloaded. */
export const PREVIEWABLE = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

/** Said when a call finds nobody signed in (the idle lock, the system's lock): the app shows the log-in screen. */
export const SIGNED_OUT_EVENT = 'retiree-office:signed-out';

export async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const result = await transport(method, input);
  if (!result.ok) {
    if ((result.error.details as { signedOut?: boolean } | undefined)?.signedOut)
      window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    throw new ApiError(result.error);
  }
  return result.value as OutputOf<M>;
}
