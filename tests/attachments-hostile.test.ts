// Attachments are judged by their bytes, kept under a safe name, and served only as downloads (or
// an image preview), never as a page in the app's origin (issue 13, item 8). Every hostile case is
// tried on a person's file and on a petition, through the router; then served by the harness.
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Petition, PetitionAttachment } from '../src-main/contract/petitions';
import type { AttachmentInfo, PersonFile } from '../src-main/contract/retirees';
import type { AppContext } from '../src-main/app/context';
import { contentDisposition } from '../src-main/app/attachmentFiles';
import { safeFileName } from '../src-main/retirees/attachmentFiles';
import { startWebServer, type WebServer } from '../src-main/web/server';
import { freshContext, person, router } from './helpers';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60, 0)]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>fetch("/rpc")</script></body></html>');
const SVG = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>',
);
const BARE_SVG = Buffer.from('  <svg onload="alert(1)"></svg>');
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(200, 0),
  Buffer.from('This program cannot be run in DOS mode'),
]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(60, 0)]);
const SCRIPT = Buffer.from('#!/bin/sh\nrm -rf ~\n');
const BAT = Buffer.from('@echo off\r\ndel /q C:\\*\r\n');
const TEXT = Buffer.from('王秀英同志来信摘录：\n关于住房补贴的问题……\n');
const BINARY = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x81, 0x00, 0x13, 0x37, 0xc3, 0x28]);

let ctx: AppContext;
let server: WebServer;
const api = router(() => ctx);
let personId: number;
let petitionId: number;
const count = (table: string) => (ctx.store.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeAll(async () => {
  ctx = await freshContext();
  personId = (await api.call<PersonFile>('retirees.create', { person: person() })).id;
  petitionId = (
    await api.call<Petition>('petitions.create', {
      receivedOn: '2025-04-01',
      channel: '来信',
      personId,
      subject: '住房补贴',
      content: '来信反映住房补贴问题',
    })
  ).id;
  server = await startWebServer(ctx, { distDir: path.resolve(import.meta.dirname, '../dist-renderer') });
});
afterAll(async () => {
  await server.close();
  ctx.close();
});

const both = [
  [
    'a person’s file',
    (fileName: string, data: Buffer, mime = 'application/octet-stream') =>
      api.call<AttachmentInfo>('attachments.add', { personId, fileName, mime, dataBase64: data.toString('base64') }),
  ],
  [
    'a petition',
    (fileName: string, data: Buffer, mime = 'application/octet-stream') =>
      api.call<PetitionAttachment>('petitions.attach', {
        id: petitionId,
        fileName,
        mime,
        dataBase64: data.toString('base64'),
      }),
  ],
] as const;
const refusalOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe.each(both)('attaching to %s', (_where, attach) => {
  test.each([
    ['HTML with script', 'letter.html', HTML, 'text/html', /网页|\.html/],
    ['HTML named .jpg', 'photo.jpg', HTML, 'image/jpeg', /网页/],
    ['SVG with script', 'logo.svg', SVG, 'image/svg+xml', /SVG|\.svg/],
    ['SVG named .png', 'logo.png', BARE_SVG, 'image/png', /SVG/],
    ['an .exe named .jpg', 'holiday.jpg', EXE, 'image/jpeg', /程序/],
    ['a Linux program named .pdf', 'scan.pdf', ELF, 'application/pdf', /程序/],
    ['a shell script named .txt', 'readme.txt', SCRIPT, 'text/plain', /程序/],
    ['../../../evil.bat', '../../../evil.bat', BAT, 'text/plain', /\.bat/],
    ['a name with NUL hiding .exe', 'photo.png\u0000.exe', PNG, 'image/png', /\.exe/],
    ['a right-to-left override hiding .exe', 'invoice\u202Egnp.exe', PNG, 'image/png', /\.exe/],
  ])('%s is refused in Chinese and nothing is stored', async (_case, fileName, data, mime, why) => {
    const before = count('attachments') + count('petition_attachments');
    const message = await refusalOf(attach(fileName, data, mime));
    expect(message).toMatch(/^invalid_input: .*[\u4e00-\u9fff]/);
    expect(message).toMatch(why);
    expect(count('attachments') + count('petition_attachments')).toBe(before);
  });

  test.each([
    [
      'a MIME type with CR LF is ignored: the type comes from the bytes',
      'scan.png',
      PNG,
      'image/png\r\nSet-Cookie: session=evil',
      'scan.png',
      'image/png',
    ],
    ['folders are taken off the name', '../../../scan.png', PNG, 'image/png', 'scan.png', 'image/png'],
    ['Windows folders too', 'C:\\Users\\x\\..\\scan.png', PNG, 'image/png', 'scan.png', 'image/png'],
    ['a NUL in the name is taken out', 'sc\u0000an.png', PNG, 'image/png', 'scan.png', 'image/png'],
    ['a reserved Windows name is changed', 'CON.png', PNG, 'image/png', '_CON.png', 'image/png'],
    [
      'a JPEG called .pdf gets its own extension',
      'letter.pdf',
      JPEG,
      'application/pdf',
      'letter.pdf.jpg',
      'image/jpeg',
    ],
    ['a PDF', '来信.pdf', PDF, 'application/pdf', '来信.pdf', 'application/pdf'],
    [
      'a Word document',
      '情况说明.docx',
      ZIP,
      '',
      '情况说明.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['plain text', '摘录.txt', TEXT, 'text/html', '摘录.txt', 'text/plain; charset=utf-8'],
    [
      'an unknown binary is an opaque download',
      'data.bin',
      BINARY,
      'image/png',
      'data.bin',
      'application/octet-stream',
    ],
  ])('%s', async (_case, fileName, data, mime, storedName, storedMime) => {
    const a = await attach(fileName, data, mime);
    expect(a).toMatchObject({ fileName: storedName, mime: storedMime, size: data.length });
  });
});

describe('safe names', () => {
  test.each([
    ['../../../evil.bat', 'evil.bat'],
    ['a/b\\c.txt', 'c.txt'],
    ['x<y>z:"|?*.txt', 'x_y_z_____.txt'],
    ['  ..hidden.txt.  ', 'hidden.txt'],
    ['nul.txt', '_nul.txt'],
    ['LPT1', '_LPT1'],
    ['', '附件'],
    ['\u0000\u0001', '附件'],
    ['line\r\nbreak.png', 'linebreak.png'],
  ])('%j → %j', (from, to) => expect(safeFileName(from)).toBe(to));

  test('at most 100 characters, the extension kept', () => {
    const name = safeFileName(`${'长'.repeat(300)}.pdf`);
    expect([...name]).toHaveLength(100);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  test('Content-Disposition carries the name in UTF-8 and an ASCII fallback without quotes', () => {
    expect(contentDisposition('attachment', '来信 "1".pdf')).toBe(
      `attachment; filename="__ _1_.pdf"; filename*=UTF-8''%E6%9D%A5%E4%BF%A1%20%221%22.pdf`,
    );
  });
});

function get(urlPath: string, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: urlPath, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serving attachments in the harness: downloads, never pages of the app', () => {
  const expectDownload = (r: Awaited<ReturnType<typeof get>>) => {
    expect(r.status).toBe(200);
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
    expect(r.headers['cache-control']).toBe('no-store');
  };

  test('the token is required', async () => {
    const a = await api.call<AttachmentInfo>('attachments.add', {
      personId,
      fileName: 'p.png',
      mime: 'image/png',
      dataBase64: PNG.toString('base64'),
    });
    expect((await get(`/attachments/person/${a.id}`)).status).toBe(403);
    expect((await get(`/attachments/person/${a.id}?token=wrong`)).status).toBe(403);
    expectDownload(await get(`/attachments/person/${a.id}?token=${server.token}`));
  });

  test('an image previews in place; a PDF or text is still a download', async () => {
    const png = await api.call<AttachmentInfo>('attachments.add', {
      personId,
      fileName: '照片.png',
      mime: 'image/png',
      dataBase64: PNG.toString('base64'),
    });
    const preview = await get(`/attachments/person/${png.id}?token=${server.token}&preview=1`);
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toBe('image/png');
    expect(preview.headers['content-disposition']).toMatch(/^inline; /);
    expect(preview.headers['content-security-policy']).toMatch(/^sandbox/);
    expect(preview.body.equals(PNG)).toBe(true);
    const download = await get(`/attachments/person/${png.id}?token=${server.token}`);
    expectDownload(download);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''%E7%85%A7%E7%89%87.png");

    const pdf = await api.call<PetitionAttachment>('petitions.attach', {
      id: petitionId,
      fileName: '来信.pdf',
      mime: 'application/pdf',
      dataBase64: PDF.toString('base64'),
    });
    const r = await get(`/attachments/petition/${pdf.id}?token=${server.token}&preview=1`);
    expectDownload(r);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(
      (await get(`/attachments/petition/${pdf.id}?token=${server.token}`, 'HEAD')).headers['content-disposition'],
    ).toMatch(/^attachment/);
  });

  test('a petition’s HTML stored before the check is served as an opaque download under a safe name', async () => {
    const id = Number(
      ctx.store.raw
        .prepare(
          "INSERT INTO petition_attachments (petition_id, file_name, mime, size, sha256, data, added_at, added_by) VALUES (?, ?, 'text/html', ?, '', ?, '2025-01-01T00:00:00', '旧数据')",
        )
        .run(petitionId, '../../letter\r\n.html', HTML.length, HTML).lastInsertRowid,
    );
    const r = await get(`/attachments/petition/${id}?token=${server.token}&preview=1`);
    expectDownload(r);
    expect(r.headers['content-type']).toBe('application/octet-stream');
    expect(r.headers['content-disposition']).toContain('filename="letter.html"');
    // Through the router, too, the type is the bytes', not the row's.
    expect(await api.call<PetitionAttachment>('petitions.attachment', { id })).toMatchObject({
      mime: 'application/octet-stream',
      fileName: 'letter.html',
    });
  });

  test('a missing attachment or a bad path is a 404 in Chinese', async () => {
    const missing = await get(`/attachments/person/999999?token=${server.token}`);
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toBe('没有找到这个附件');
    expect((await get(`/attachments/person/../../package.json?token=${server.token}`)).status).toBe(404);
    expect((await get(`/attachments/other/1?token=${server.token}`)).status).toBe(404);
  });
});
