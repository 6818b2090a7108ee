// The browser harness serves personal data: loopback only, a token on every call, no path escapes.
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import { startWebServer, type WebServer } from '../src-main/web/server';
import { freshContext } from './helpers';

let ctx: AppContext;
let server: WebServer;

beforeAll(async () => {
  ctx = await freshContext();
  server = await startWebServer(ctx, { distDir: path.resolve(import.meta.dirname, '../dist-renderer') });
});
afterAll(async () => {
  await server.close();
  ctx.close();
});

function request(opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const rpc = (body: unknown, token = server.token) =>
  request({ path: '/rpc', method: 'POST', headers: { 'content-type': 'application/json', 'x-rpc-token': token }, body: JSON.stringify(body) });

describe('browser harness', () => {
  test('listens on 127.0.0.1 and prints a URL with the token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[0-9a-f]{48}$`));
  });

  test('serves the renderer with its CSP', async () => {
    const r = await request({ path: '/' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('离退休服务管理');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
  });

  test('refuses /rpc without the right token', async () => {
    expect((await rpc({ method: 'retirees.list', input: {} }, 'wrong')).status).toBe(403);
    const r = await request({ path: '/rpc', method: 'POST', body: '{}' });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error.message).toContain('访问令牌无效');
  });

  test('answers /rpc with the token through the router', async () => {
    const r = await rpc({ method: 'retirees.list', input: {} });
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { total: 0 } });
    const bad = await rpc({ method: 'retirees.create', input: { person: { name: '' } } });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const broken = await request({ path: '/rpc', method: 'POST', headers: { 'x-rpc-token': server.token }, body: '{not json' });
    expect(JSON.parse(broken.body).error.message).toBe('请求格式不正确');
  });

  test('refuses other hosts (DNS rebinding) and paths outside the renderer', async () => {
    expect((await request({ path: '/', headers: { host: `evil.example:${server.port}` } })).status).toBe(403);
    expect((await request({ path: '/../package.json' })).status).toBe(404);
    expect((await request({ path: '/%2e%2e/package.json' })).status).toBe(404);
  });
});
