// Letters: the date styles, the placeholders and the form of address, escaping, who gets no
// letter and why, envelopes and labels in millimetres, the log, and the CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { PrintableView } from '../src-main/contract/common';
import type { LetterLogEntry } from '../src-main/contract/letters';
import { AppContext } from '../src-main/app/context';
import { recipients } from '../src-main/letters/envelopes';
import { composeLetters, saveTemplate } from '../src-main/letters/letters';
import { createPerson } from '../src-main/retirees/persons';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { checkCharacter } from '../src-main/shared/idNumber';
import { DEFAULT_TEMPLATES, letterDate } from '../src-main/shared/letters';
import { registerDeath } from '../src-main/visits/deaths';
import { freshContext, person, tempDir, router, CLI_ENV, cliArgs } from './helpers';
import { entryCommand } from './bundles';

const root = path.resolve(import.meta.dirname, '..');
let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);

const id = (first17: string) => first17 + checkCharacter(first17);

describe('dates on letters', () => {
  test('2026年11月28日 or 二〇二六年十一月二十八日', () => {
    expect(letterDate('2026-11-28', 'arabic')).toBe('2026年11月28日');
    expect(letterDate('2026-11-28', 'chinese')).toBe('二〇二六年十一月二十八日');
    expect(letterDate('2030-01-01', 'chinese')).toBe('二〇三〇年一月一日');
    expect(letterDate('2019-10-20', 'chinese')).toBe('二〇一九年十月二十日');
    expect(letterDate('2021-12-31', 'chinese')).toBe('二〇二一年十二月三十一日');
  });
});

describe('composing letters', () => {
  test('every placeholder filled; the form of address by person, by template, and 先生/女士 by gender', async () => {
    const zhang = createPerson(ctx.store, person({ name: '张桂兰', gender: '女', birthDate: '1946-12-03' }), {
      acceptWarnings: false,
    });
    const li = createPerson(ctx.store, person({ name: '李国强', gender: '男', birthDate: '1940-01-15' }), {
      acceptWarnings: false,
    });
    await call('letters.setAddressForm', { personId: li.id, form: '老师傅' });
    // The file shows the choice when it is opened again.
    expect(await call('letters.addressForm', { personId: li.id })).toEqual({ form: '老师傅' });
    expect(await call('letters.addressForm', { personId: zhang.id })).toEqual({ form: null });
    saveTemplate(ctx.store, {
      ...DEFAULT_TEMPLATES.birthday,
      addressForm: '先生/女士',
      body: '{姓名}{称呼}{年龄}岁，生日{生日}；{单位}；{日期}；{走访日期}；{慰问品}',
    });
    const { letters } = composeLetters(ctx.store, 'birthday', [zhang.id, li.id], {
      date: '2026-11-28',
      visitDate: '2026-12-01',
      gift: '蛋糕一个',
    });
    expect(letters.map((l) => l.salutation)).toEqual(['尊敬的张桂兰女士：', '尊敬的李国强老师傅：']);
    expect(letters[0].paragraphs).toEqual([
      '张桂兰女士80岁，生日12月3日；测试集团离退休管理办公室；2026年11月28日；2026年12月1日；蛋糕一个',
    ]);
    expect(letters[1].paragraphs[0]).toMatch(/^李国强老师傅87岁，生日1月15日/);
    expect(letters[0]).toMatchObject({
      organisation: '测试集团离退休管理办公室',
      date: '2026年11月28日',
      closing: ['此致', '敬礼！'],
    });
  });

  test('a template with an unknown placeholder is refused', () => {
    expect(() => saveTemplate(ctx.store, { ...DEFAULT_TEMPLATES.festival, body: '祝{姓明}节日快乐' })).toThrow(
      '无法识别的占位符：{姓明}',
    );
  });

  test('the deceased get no festival letter; a 唁函 goes to the family, dated in Chinese numerals', async () => {
    const p = createPerson(
      ctx.store,
      person({
        name: '刘建国',
        birthDate: '1938-06-01',
        contacts: [{ name: '刘强', relation: '儿子', emergency: true, phones: [] }],
      }),
      { acceptWarnings: false },
    );
    const q = createPerson(ctx.store, person({ name: '赵敏', birthDate: '1945-06-01' }), { acceptWarnings: false });
    registerDeath(ctx.store, { personId: p.id, diedOn: '2026-11-20', reportedBy: '刘强', note: null }, '2026-11-28');
    const festival = composeLetters(ctx.store, 'festival', [p.id, q.id], { date: '2026-11-28', gift: '慰问金 300 元' });
    expect(festival.letters.map((l) => l.salutation)).toEqual(['尊敬的赵敏同志：']);
    expect(festival.missing).toEqual([{ personId: p.id, name: '刘建国', why: '已故' }]);
    const bereavement = composeLetters(ctx.store, 'bereavement', [p.id, q.id], { date: '2026-11-28' });
    expect(bereavement.letters[0].salutation).toBe('刘强：');
    expect(bereavement.letters[0].paragraphs[0]).toContain('惊悉刘建国同志不幸于二〇二六年十一月二十日逝世');
    expect(bereavement.letters[0].date).toBe('二〇二六年十一月二十八日');
    expect(bereavement.missing).toEqual([{ personId: q.id, name: '赵敏', why: '未登记去世' }]);
  });

  test('whatever a name holds is printed as text, never as markup; printing is logged, a preview is not', async () => {
    const p = createPerson(ctx.store, person({ name: '<b>张</b>' }), { acceptWarnings: false });
    const preview = await call<PrintableView>('letters.render', { kind: 'sympathy', personIds: [p.id] });
    expect(preview.body).toContain('尊敬的&lt;b&gt;张&lt;/b&gt;同志：');
    expect(preview.body).not.toContain('<b>');
    expect(preview.css).toContain('size: 210mm 297mm');
    expect(await call<LetterLogEntry[]>('letters.log', { personId: p.id })).toEqual([]);
    await call('letters.render', { kind: 'sympathy', personIds: [p.id], paper: '16K', print: true });
    expect(await call<LetterLogEntry[]>('letters.log', { personId: p.id })).toMatchObject([
      { kind: 'sympathy', title: '慰问信', printedBy: '王干事', batch: null },
    ]);
  });
});

describe('envelopes and labels', () => {
  test('a person without a postcode or an address is listed as missing, not printed blank', () => {
    const ok = createPerson(
      ctx.store,
      person({ name: '张桂兰', postcode: '110001', address: '沈阳市和平区南京北街 1 号' }),
      { acceptWarnings: false },
    );
    const noCode = createPerson(ctx.store, person({ name: '李四', address: '沈阳市铁西区' }), {
      acceptWarnings: false,
    });
    const noAddress = createPerson(ctx.store, person({ name: '王五', postcode: '110002' }), { acceptWarnings: false });
    const r = recipients(ctx.store, [ok.id, noCode.id, noAddress.id]);
    expect(r.recipients).toEqual([
      { personId: ok.id, name: '张桂兰', postcode: '110001', address: '沈阳市和平区南京北街 1 号' },
    ]);
    expect(r.missing.map((m) => [m.name, m.why])).toEqual([
      ['李四', '缺少邮编'],
      ['王五', '缺少地址'],
    ]);
  });

  test('the envelope: six postcode boxes from 20 mm, 10 mm from the top; 收 after the name', async () => {
    const p = createPerson(
      ctx.store,
      person({ name: '张桂兰', postcode: '110001', address: '沈阳市和平区南京北街 1 号' }),
      { acceptWarnings: false },
    );
    const env = await call<PrintableView>('letters.envelopes', { personIds: [p.id], size: 'DL' });
    expect(env.css).toContain('size: 220mm 110mm');
    const boxes = [
      ...env.body.matchAll(/class="pc" style="left:([\d.]+)mm;top:([\d.]+)mm;width:8mm;height:10mm">(\d)</g),
    ].map((m) => [Number(m[1]), Number(m[2]), m[3]]);
    expect(boxes).toEqual([
      [20, 10, '1'],
      [30, 10, '1'],
      [40, 10, '0'],
      [50, 10, '0'],
      [60, 10, '0'],
      [70, 10, '1'],
    ]);
    expect(env.body).toContain('张桂兰　收');
    const labels = await call<PrintableView>('letters.envelopes', { personIds: [p.id], sheet: '3x8' });
    expect(labels.body).toContain('left:7.25mm;top:13.10mm');
  });
});

describe('printing from the letters page', () => {
  test('a print for nobody is refused with why, and nothing is logged', async () => {
    const p = createPerson(ctx.store, person({ name: '刘建国', birthDate: '1938-06-01' }), { acceptWarnings: false });
    registerDeath(ctx.store, { personId: p.id, diedOn: '2026-11-20', reportedBy: null, note: null }, '2026-11-28');
    const r = await refusal('letters.render', { kind: 'festival', personIds: [p.id], print: true });
    expect(r).toMatchObject({ code: 'invalid_input', message: '没有可以打印的信函：刘建国（已故）' });
    expect(await call<LetterLogEntry[]>('letters.log', { personId: p.id })).toEqual([]);
    expect(await refusal('letters.envelopes', { personIds: [p.id] })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^没有可以打印的地址：刘建国（/),
    });
  });

  test('the letterhead, the seal and the address are saved together or not at all', async () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    await call('letters.setAssets', {
      letterhead: png,
      orgAddress: '沈阳市和平区南京北街 1 号',
      orgPostcode: '110001',
    });
    expect(await call('letters.assets', {})).toEqual({
      letterhead: png,
      seal: null,
      orgAddress: '沈阳市和平区南京北街 1 号',
      orgPostcode: '110001',
    });
    // A seal that is not an image: refused, and the new address with it.
    const r = await refusal('letters.setAssets', {
      seal: 'data:text/html;base64,PGI+',
      orgAddress: '沈阳市铁西区',
      orgPostcode: '110021',
    });
    expect(r).toMatchObject({ code: 'invalid_input', message: '请选择 PNG、JPEG、GIF 或 WebP 图片' });
    expect(await call('letters.assets', {})).toEqual({
      letterhead: png,
      seal: null,
      orgAddress: '沈阳市和平区南京北街 1 号',
      orgPostcode: '110001',
    });
    // null removes an image; leaving it out keeps it.
    await call('letters.setAssets', {
      letterhead: null,
      orgAddress: '沈阳市和平区南京北街 1 号',
      orgPostcode: '110001',
    });
    expect(await call('letters.assets', {})).toMatchObject({ letterhead: null, seal: null });
  });
});

describe('the CLI', () => {
  const cli = (...args: string[]) =>
    spawnSync(...entryCommand('cli', cliArgs(args, '李明')), {
      cwd: root,
      encoding: 'utf8',
      env: CLI_ENV,
    });

  test('letters render writes the batch as HTML; an unknown template or person exits non-zero and writes nothing', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'office.sqlite');
    const own = await AppContext.start({ dbPath });
    saveOfficeSettings(own.store, { orgName: '红星机械厂离退休管理办公室', operatorName: '李明' });
    const a = id('21010219461203002');
    const b = id('21010219400115001');
    createPerson(own.store, person({ name: '张桂兰', idNumber: a }), { acceptWarnings: false });
    createPerson(own.store, person({ name: '李国强', idNumber: b }), { acceptWarnings: false });
    own.close();

    const out = path.join(dir, 'letters.html');
    execFileSync(
      ...entryCommand('cli', [
        'letters',
        'render',
        '--db',
        dbPath,
        '--template',
        'festival',
        '--people',
        `${a},${b}`,
        '--out',
        out,
        '--operator',
        '李明',
      ]),
      { cwd: root, env: CLI_ENV },
    );
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/class="letter"/g)).toHaveLength(2);
    expect(html).toContain('尊敬的张桂兰同志：');
    expect(html).toContain('尊敬的李国强同志：');

    const bad = path.join(dir, 'bad.html');
    const unknownTemplate = cli(
      'letters',
      'render',
      '--db',
      dbPath,
      '--template',
      'wedding',
      '--people',
      a,
      '--out',
      bad,
    );
    expect(unknownTemplate.status).not.toBe(0);
    expect(unknownTemplate.stderr).toContain('未知的信函模板“wedding”');
    const unknownPerson = cli(
      'letters',
      'render',
      '--db',
      dbPath,
      '--template',
      'festival',
      '--people',
      `${a},110101190001010000`,
      '--out',
      bad,
    );
    expect(unknownPerson.status).not.toBe(0);
    expect(unknownPerson.stderr).toContain('没有身份证号为 110101190001010000 的人员');
    expect(fs.existsSync(bad)).toBe(false);
  });
});
