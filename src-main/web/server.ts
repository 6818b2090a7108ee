// The browser harness: the built renderer and POST /rpc into the same router, on 127.0.0.1 only.
// A call is JSON, or a file's bytes as the body with the call in headers (MAX_FILE_BYTES).
// It serves personal data, so every /rpc call must carry the per-run random token, and requests
// naming another host are refused (DNS rebinding).
//
// Nothing a client sends may take it down or hold its memory: every body shape gets an answer in
// Chinese (400), a body is counted as it arrives and refused past the largest upload the contract
// accepts (413) before it is buffered, one large body is read at a time (503 for a second), and a
// body that trickles in is given up (408).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Session } from '../operators/session';
import type { AppContext } from '../app/context';
import { AppDesk } from '../app/desk';
import { attachmentFor, isAttachmentPath, refusal } from '../app/attachmentFiles';
import { readRendererFile } from '../app/rendererFiles';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { IMPORT_LIMITS } from '../shared/importLimits';
import type { ErrorCode } from '../shared/errors';

/**
 * The largest JSON call is a roster of up to 100 MB as base64, at most 140,000,000 characters
 * (contract: imports.open, adjustments.import, for callers that speak JSON only), plus the JSON
 * around it.
 */
export const MAX_BODY_BYTES = 140_000_000 + 64 * 1024;
/**
 * A file sent as it is: POST /rpc with `Content-Type: application/octet-stream`, the file's bytes
 * as the body, the method in `X-Rpc-Method` and the rest of its input as URI-encoded JSON in
 * `X-Rpc-Input`; the router gets the input with the bytes as `data` (the renderer sends files so:
 * src-renderer/api.ts). At most the largest file an import takes.
 */
export const MAX_FILE_BYTES = IMPORT_LIMITS.fileBytes;
/** Bodies above this size are read one at a time: four 140 MB bodies at once held 1.35 GB. */
const LARGE_BODY_BYTES = 1024 * 1024;
const MAX_LARGE_BODIES_AT_ONCE = 1;
/** Over loopback 140 MB arrives in about a second; a body still arriving after this is given up. */
const BODY_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 10_000;

export interface WebServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export interface WebServerOptions {
  port?: number;
  distDir: string;
  token?: string;
  /** For tests: a smaller body limit or a shorter body timeout. */
  maxBodyBytes?: number;
  bodyTimeoutMs?: number;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(
  res: http.ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'application/json; charset=utf-8',
  close = false,
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(body);
}

function refuse(res: http.ServerResponse, status: number, code: ErrorCode, message: string, close = false): void {
  send(res, status, JSON.stringify({ ok: false, error: { code, message } }), undefined, close);
}

const BAD_REQUEST = '请求格式不正确';

/** What a POST /rpc body must be: `{ "method": "…", "input": … }`, or why it is not. */
export function parseRpcBody(raw: Buffer): { method: string; input: unknown } | string {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return `${BAD_REQUEST}（不是有效的 JSON）`;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return `${BAD_REQUEST}（应为包含 method 和 input 的对象）`;
  const { method, input } = body as { method?: unknown; input?: unknown };
  if (typeof method !== 'string') return `${BAD_REQUEST}（缺少操作名称 method）`;
  return { method, input };
}

/** The rest of a binary call's input (X-Rpc-Input, URI-encoded JSON object), or why it is not one. */
export function parseBinaryHeaders(
  method: unknown,
  input: unknown,
): { method: string; input: Record<string, unknown> } | string {
  if (typeof method !== 'string' || method === '') return `${BAD_REQUEST}（缺少操作名称 X-Rpc-Method）`;
  let parsed: unknown = {};
  if (input !== undefined) {
    try {
      parsed = JSON.parse(decodeURIComponent(String(input)));
    } catch {
      return `${BAD_REQUEST}（X-Rpc-Input 不是有效的 JSON）`;
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return `${BAD_REQUEST}（X-Rpc-Input 应为对象）`;
  return { method, input: parsed as Record<string, unknown> };
}

export async function startWebServer(app: AppDesk | AppContext, options: WebServerOptions): Promise<WebServer> {
  // The desk: an encrypted database stays closed until a log-in opens it (app/desk.ts).
  const desk = app instanceof AppDesk ? app : AppDesk.around(app);
  const token = options.token ?? randomBytes(24).toString('hex');
  const maxJson = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const maxFile = options.maxBodyBytes ?? MAX_FILE_BYTES;
  const bodyTimeout = options.bodyTimeoutMs ?? BODY_TIMEOUT_MS;
  let port = 0;
  let largeBodies = 0;
  // Who is signed in: kept for the run's token, the one this server accepts. It is the desk's
  // own session, as the app's window has it: a harness is one desk.
  const session: Session = desk.session;

  /** Reads the body of POST /rpc within the limits, then answers it through the router. */
  function handleRpc(req: http.IncomingMessage, res: http.ServerResponse): void {
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (type !== 'application/json' && type !== 'application/octet-stream') {
      return refuse(
        res,
        400,
        'invalid_input',
        `${BAD_REQUEST}（内容类型应为 application/json 或 application/octet-stream）`,
        true,
      );
    }
    // A file as it is: the call is in the headers, read before the body.
    const binary =
      type === 'application/octet-stream'
        ? parseBinaryHeaders(req.headers['x-rpc-method'], req.headers['x-rpc-input'])
        : null;
    if (typeof binary === 'string') return refuse(res, 400, 'invalid_input', binary, true);
    const maxBody = binary ? maxFile : maxJson;
    const declared = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
    if (declared !== null && !(declared <= maxBody))
      return refuse(res, 413, 'too_large', '提交的内容过大（超过 100 MB 的文件无法导入）', true);

    let large = false;
    const takeLargeSlot = (): boolean => {
      if (large) return true;
      if (largeBodies >= MAX_LARGE_BODIES_AT_ONCE) return false;
      largeBodies++;
      large = true;
      return true;
    };
    const release = () => {
      if (large) largeBodies--;
      large = false;
    };
    res.on('close', release);
    if (declared !== null && declared > LARGE_BODY_BYTES && !takeLargeSlot()) {
      return refuse(res, 503, 'busy', '另一个文件正在上传，请稍后再试', true);
    }

    // One buffer of the declared size when the client says it; chunks otherwise.
    const exact = declared !== null ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const stop = (status: number, code: ErrorCode, message: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      chunks.length = 0;
      refuse(res, status, code, message, true);
      req.removeAllListeners('data');
      // The rest of the body is not read: the connection closes once the answer is out.
      res.once('finish', () => req.socket.destroy());
    };
    const timer = setTimeout(
      () => stop(408, 'timeout', `请求超时（${Math.round(bodyTimeout / 1000)} 秒内未收到完整内容）`),
      bodyTimeout,
    );

    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > maxBody || (declared !== null && size > declared))
        return stop(413, 'too_large', '提交的内容过大（超过 100 MB 的文件无法导入）');
      if (size > LARGE_BODY_BYTES && !takeLargeSlot()) return stop(503, 'busy', '另一个文件正在上传，请稍后再试');
      if (exact) c.copy(exact, size - c.length);
      else chunks.push(c);
    });
    req.on('error', () => {
      done = true;
      clearTimeout(timer);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const body = exact ? exact.subarray(0, size) : Buffer.concat(chunks);
      chunks.length = 0;
      const parsed = binary ? { method: binary.method, input: { ...binary.input, data: body } } : parseRpcBody(body);
      if (typeof parsed === 'string') return refuse(res, 400, 'invalid_input', parsed);
      desk
        .dispatch(parsed.method, parsed.input, session)
        .then((result) => send(res, 200, JSON.stringify(result)))
        .catch((e: unknown) => {
          console.error(`${parsed.method} failed`, e);
          refuse(res, 500, 'internal', '程序内部错误，操作未完成，数据未作改动。请把错误时间告知技术人员。');
        });
    });
  }

  const server = http.createServer(
    // The request as a whole (headers and body) is bounded by Node as well, behind the body timer.
    {
      requestTimeout: bodyTimeout + 5_000,
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, bodyTimeout + 4_000),
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => {
      try {
        const host = req.headers.host ?? '';
        if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 403, '{"error":"host"}');
        const url = new URL(req.url ?? '/', `http://${host}`);

        if (url.pathname === '/rpc') {
          if (req.method !== 'POST') return send(res, 405, '{"error":"method"}');
          if (!sameToken(req.headers['x-rpc-token'] as string | undefined, token)) {
            return refuse(res, 403, 'forbidden', '访问令牌无效，请使用启动时显示的地址打开', true);
          }
          return handleRpc(req, res);
        }

        if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '');
        if (isAttachmentPath(url.pathname)) {
          // Personal data as well: the token, in the header or (for a link or an <img>) the query.
          const given =
            (req.headers['x-rpc-token'] as string | undefined) ?? url.searchParams.get('token') ?? undefined;
          if (!sameToken(given, token))
            return refuse(res, 403, 'forbidden', '访问令牌无效，请使用启动时显示的地址打开');
          const ctx = desk.context;
          const file = ctx
            ? attachmentFor(ctx, session, url.pathname, url.searchParams.has('preview'))
            : refusal(403, '数据库已加密，请先登录');
          res.writeHead(file.status, file.headers);
          return res.end(req.method === 'HEAD' ? undefined : file.body);
        }
        const file = readRendererFile(options.distDir, url.pathname);
        if (!file) return send(res, 404, 'not found', 'text/plain; charset=utf-8');
        send(res, 200, file.body, file.type);
      } catch (e) {
        console.error('harness request failed', e);
        refuse(res, 500, 'internal', '程序内部错误，请稍后再试');
      }
    },
  );

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
