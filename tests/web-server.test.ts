// The browser harness serves personal data: loopback only, a token on every call, no path escapes.
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import { contract } from '../src-main/contract';
import { MAX_BODY_BYTES, MAX_FILE_BYTES, startWebServer, type WebServer } from '../src-main/web/server';
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
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const rpc = (body: unknown, token = server.token) =>
  request({
    path: '/rpc',
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rpc-token': token },
    body: JSON.stringify(body),
  });

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
    const broken = await request({
      path: '/rpc',
      method: 'POST',
      headers: { 'x-rpc-token': server.token },
      body: '{not json',
    });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body).error.message).toContain('请求格式不正确');
  });

  test('refuses other hosts (DNS rebinding) and paths outside the renderer', async () => {
    expect((await request({ path: '/', headers: { host: `evil.example:${server.port}` } })).status).toBe(403);
    expect((await request({ path: '/../package.json' })).status).toBe(404);
    expect((await request({ path: '/%2e%2e/package.json' })).status).toBe(404);
  });
});

describe('every body shape gets a sentence, not a crash', () => {
  const post = (body: string | undefined, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    request({ path: '/rpc', method: 'POST', headers: { 'x-rpc-token': server.token, ...headers }, body });

  test.each([
    ['null', 'null'],
    ['an array', '[1,2]'],
    ['a number', '42'],
    ['a string', '"retirees.list"'],
    ['true', 'true'],
    ['invalid JSON', '{not json'],
    ['an empty body', ''],
    ['an object without a method', '{"input":{}}'],
    ['a method that is not text', '{"method":["retirees.list"]}'],
  ])('%s: 400 in Chinese, and the harness keeps answering', async (_what, body) => {
    const r = await post(body);
    expect(r.status).toBe(400);
    const parsed = JSON.parse(r.body);
    expect(parsed).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(parsed.error.message).toMatch(/请求格式不正确/);
    expect(JSON.parse((await rpc({ method: 'retirees.list', input: {} })).body)).toMatchObject({ ok: true });
  });

  test('a body that is not JSON by its content type: 400 in Chinese', async () => {
    const r = await post(JSON.stringify({ method: 'retirees.list', input: {} }), { 'content-type': 'text/plain' });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error.message).toContain('请求格式不正确');
  });

  test('a body declared larger than any upload is refused with 413 before it is read', async () => {
    const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/rpc',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-rpc-token': server.token,
            'content-length': String(MAX_BODY_BYTES + 1),
          },
        },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      // Only the start is ever sent: the answer must not wait for the rest.
      req.write('{"method":"imports.open","input":{"dataBase64":"');
    });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.message).toContain('过大');
  });

  test('a streamed body is counted as it comes and refused with 413 past the limit, buffering no more', async () => {
    const small = await startWebServer(ctx, {
      distDir: path.resolve(import.meta.dirname, '../dist-renderer'),
      maxBodyBytes: 64 * 1024,
    });
    try {
      const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: small.port,
            path: '/rpc',
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-rpc-token': small.token, 'transfer-encoding': 'chunked' },
          },
          (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', () => {});
        req.write('{"method":"imports.open","input":{"dataBase64":"');
        const chunk = 'A'.repeat(16 * 1024);
        let sent = 0;
        const pump = setInterval(() => {
          if (sent++ > 40) return clearInterval(pump);
          req.write(chunk);
        }, 5);
        setTimeout(() => reject(new Error('no answer')), 10_000);
      });
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body).error.message).toContain('过大');
    } finally {
      await small.close();
    }
  });

  test('only one large body at a time: a second is told to wait, in Chinese', async () => {
    const open = http.request({
      host: '127.0.0.1',
      port: server.port,
      path: '/rpc',
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-rpc-token': server.token,
        'content-length': String(50 * 1024 * 1024),
      },
    });
    open.on('error', () => {});
    open.write('{"method":"imports.open","input":{"dataBase64":"');
    await new Promise((r) => setTimeout(r, 200));
    const second = await request({
      path: '/rpc',
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-rpc-token': server.token,
        'content-length': String(50 * 1024 * 1024),
      },
      body: '{',
    }).catch((e: Error) => ({ status: 0, body: e.message, headers: {} }));
    open.destroy();
    expect(second.status).toBe(503);
    expect(JSON.parse(second.body).error.message).toContain('稍后再试');
    // A small call is never held up by a large one.
    await new Promise((r) => setTimeout(r, 100));
    expect(JSON.parse((await rpc({ method: 'retirees.list', input: {} })).body)).toMatchObject({ ok: true });
  });

  test('a body that trickles in is given up after the time limit, with 408 in Chinese', async () => {
    const slow = await startWebServer(ctx, {
      distDir: path.resolve(import.meta.dirname, '../dist-renderer'),
      bodyTimeoutMs: 300,
    });
    try {
      const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: slow.port,
            path: '/rpc',
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-rpc-token': slow.token, 'content-length': '1000' },
          },
          (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', () => {});
        req.write('{"method":');
        setTimeout(() => reject(new Error('no answer')), 10_000);
      });
      expect(r.status).toBe(408);
      expect(JSON.parse(r.body).error.message).toContain('超时');
    } finally {
      await slow.close();
    }
  });

  test('a file goes as its bytes: a binary body with the call in headers, under the token', async () => {
    const csv = Buffer.from('姓名,身份证号\r\n王芳,110105194806060025\r\n刘强,\r\n', 'utf8');
    const binary = (headers: Record<string, string>, body: Buffer = csv) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: server.port,
            path: '/rpc',
            method: 'POST',
            headers: { 'content-type': 'application/octet-stream', ...headers },
          },
          (res) => {
            let text = '';
            res.on('data', (c) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const call = {
      'x-rpc-method': 'imports.open',
      'x-rpc-input': encodeURIComponent(JSON.stringify({ fileName: '名单.csv' })),
    };
    const opened = await binary({ ...call, 'x-rpc-token': server.token });
    expect(opened.status).toBe(200);
    expect(JSON.parse(opened.body)).toMatchObject({
      ok: true,
      value: { fileName: '名单.csv', counts: { dataRows: 2, inserted: 2 } },
    });

    expect((await binary({ ...call, 'x-rpc-token': 'wrong' })).status).toBe(403);
    const noMethod = await binary({ 'x-rpc-token': server.token, 'x-rpc-input': call['x-rpc-input'] });
    expect(noMethod.status).toBe(400);
    expect(JSON.parse(noMethod.body).error.message).toContain('X-Rpc-Method');
    const badInput = await binary({ ...call, 'x-rpc-input': '%7B', 'x-rpc-token': server.token });
    expect(badInput.status).toBe(400);
    expect(JSON.parse(badInput.body).error.message).toContain('请求格式不正确');
    // An empty file is the contract's refusal, in Chinese.
    const empty = await binary({ ...call, 'x-rpc-token': server.token }, Buffer.alloc(0));
    expect(JSON.parse(empty.body)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('文件是空的') },
    });
  });

  test('a binary body declared larger than the largest file is refused with 413 before it is read', async () => {
    const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/rpc',
          method: 'POST',
          headers: {
            'content-type': 'application/octet-stream',
            'x-rpc-token': server.token,
            'x-rpc-method': 'imports.open',
            'x-rpc-input': encodeURIComponent('{"fileName":"大.xlsx"}'),
            'content-length': String(MAX_FILE_BYTES + 1),
          },
        },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('PK');
    });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.message).toContain('过大');
    expect(MAX_FILE_BYTES).toBe(100 * 1024 * 1024);
  });

  test('the body limit leaves room for the largest upload the contract accepts, and no more than that', () => {
    const largest = Math.max(
      ...Object.values(contract).flatMap((m) => {
        type Field = { maxLength?: number | null; unwrap?: () => Field };
        const shape = (m.input as unknown as { shape?: Record<string, Field> }).shape ?? {};
        // An optional field (a file as base64 beside its bytes) is measured inside.
        return Object.values(shape).map((s) => (s?.unwrap ? s.unwrap() : s)?.maxLength ?? 0);
      }),
    );
    expect(largest).toBeGreaterThanOrEqual(140_000_000);
    expect(MAX_BODY_BYTES).toBeGreaterThan(largest);
    expect(MAX_BODY_BYTES).toBeLessThan(largest + 1024 * 1024);
  });
});
