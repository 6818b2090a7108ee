// The browser harness: the built renderer and POST /rpc into the same router, on 127.0.0.1 only.
// It serves personal data, so every /rpc call must carry the per-run random token, and requests
// naming another host are refused (DNS rebinding).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch } from '../api/router';
import type { AppContext } from '../app/context';
import { readRendererFile } from '../app/rendererFiles';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

// The largest call is a roster of up to 100 MB, as base64 (contract: imports.open).
const MAX_BODY = 150 * 1024 * 1024;

export interface WebServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CONTENT_SECURITY_POLICY,
  });
  res.end(body);
}

export async function startWebServer(ctx: AppContext, options: { port?: number; distDir: string; token?: string }): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  let port = 0;

  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 403, '{"error":"host"}');
    const url = new URL(req.url ?? '/', `http://${host}`);

    if (url.pathname === '/rpc') {
      if (req.method !== 'POST') return send(res, 405, '{"error":"method"}');
      if (!sameToken(req.headers['x-rpc-token'] as string | undefined, token)) {
        return send(res, 403, JSON.stringify({ ok: false, error: { code: 'forbidden', message: '访问令牌无效，请使用启动时显示的地址打开' } }));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          send(res, 413, JSON.stringify({ ok: false, error: { code: 'too_large', message: '提交的内容过大' } }));
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', async () => {
        if (res.headersSent) return;
        let body: { method?: unknown; input?: unknown };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send(res, 400, JSON.stringify({ ok: false, error: { code: 'invalid_input', message: '请求格式不正确' } }));
        }
        const result = await dispatch(ctx, typeof body.method === 'string' ? body.method : '', body.input);
        send(res, 200, JSON.stringify(result));
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '');
    const file = readRendererFile(options.distDir, url.pathname);
    if (!file) return send(res, 404, 'not found', 'text/plain; charset=utf-8');
    send(res, 200, file.body, file.type);
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
