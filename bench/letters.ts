// The letters figure of `npm run bench`: 500 festival letters printed to one PDF through Chromium,
// next to a single letter's time multiplied by 500 (the batch must cost less than that).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppContext } from '../src-main/app/context';
import { seedDemo } from '../src-main/demo/generate';
import { lettersPrintable } from '../src-main/documents/letter';
import { htmlDocument } from '../src-main/documents/print';
import { composeLetters } from '../src-main/letters/letters';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { ownChromium } from '../tests/e2e/chromium';

export async function benchLetters(count = 500): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retiree-letters-'));
  const ctx = await AppContext.start({ dbPath: path.join(dir, 'letters.sqlite'), noAutomaticBackup: true });
  saveOfficeSettings(ctx.store, { orgName: '红星机械厂离退休管理办公室', operatorName: '基准测试' });
  seedDemo(ctx.store, Math.ceil(count * 1.3));
  const ids = (
    ctx.store.raw.prepare("SELECT id FROM persons WHERE status = '在册' ORDER BY id LIMIT ?").all(count) as {
      id: number;
    }[]
  ).map((r) => r.id);
  const letters = composeLetters(ctx.store, 'festival', ids, { gift: '慰问金 300.00 元，大米一袋' }).letters;
  ctx.close();
  // Its own Chromium: the test run's (tests/e2e/browser.ts) is there only under vitest.
  const browser = await ownChromium();
  try {
    const page = await browser.newPage();
    const pdf = async (html: string) => {
      const t = performance.now();
      await page.setContent(html, { waitUntil: 'load' });
      const bytes = await page.pdf({ preferCSSPageSize: true });
      return { ms: performance.now() - t, bytes: bytes.length };
    };
    // A warm-up, then single letters: the median of five.
    await pdf(htmlDocument(lettersPrintable(letters.slice(0, 1), 'A4')));
    const singles = [];
    for (let i = 0; i < 5; i++) singles.push((await pdf(htmlDocument(lettersPrintable([letters[i]], 'A4')))).ms);
    const single = singles.sort((a, b) => a - b)[2];
    const batch = await pdf(htmlDocument(lettersPrintable(letters, 'A4')));
    return [
      `${letters.length} letters to one PDF through Chromium: ${(batch.ms / 1000).toFixed(2)} s (${(batch.bytes / 1024 / 1024).toFixed(1)} MB)`,
      `  one letter ${single.toFixed(0)} ms × ${letters.length} = ${((single * letters.length) / 1000).toFixed(2)} s   ratio ${(batch.ms / (single * letters.length)).toFixed(3)}   target < 1: ${batch.ms < single * letters.length ? 'met' : 'MISSED'}`,
    ];
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
