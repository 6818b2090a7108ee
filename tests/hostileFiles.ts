// Hostile and broken files, made on the spot (never kept as blobs): the ones issue 13 found taking
// the app down, at full size for the bench (bench/hostile.ts) and small for the tests. A zip is
// written by hand here, so that an entry may declare a size other than what it inflates to, as a
// zip bomb does.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The part's bytes, or a generator of its bytes (for parts too large to hold). */
  data: Buffer | (() => Iterable<Buffer>);
  /** The uncompressed size the central directory states; the real one unless a lie is wanted. */
  declaredSize?: number;
  /** Stored (0) or deflated (8, the default). */
  method?: 0 | 8;
}

/** A deflated part written a chunk at a time: bounded memory however large it inflates. */
async function deflateStream(chunks: Iterable<Buffer>): Promise<{ compressed: Buffer; size: number; crc: number }> {
  const out: Buffer[] = [];
  let size = 0;
  let crc = 0;
  function* counted() {
    for (const chunk of chunks) {
      size += chunk.length;
      crc = zlib.crc32(chunk, crc);
      yield chunk;
    }
  }
  const deflate = zlib.createDeflateRaw({ level: 9 });
  deflate.on('data', (b: Buffer) => out.push(b));
  await pipeline(Readable.from(counted()), deflate);
  return { compressed: Buffer.concat(out), size, crc };
}

export async function zip(parts: ZipPart[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const method = part.method ?? 8;
    let compressed: Buffer;
    let size: number;
    let crc: number;
    if (typeof part.data === 'function') ({ compressed, size, crc } = await deflateStream(part.data()));
    else {
      size = part.data.length;
      crc = zlib.crc32(part.data);
      compressed = method === 8 ? zlib.deflateRawSync(part.data) : part.data;
    }
    const declared = part.declaredSize ?? size;
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(compressed.length, 20);
    entry.writeUInt32LE(declared, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    central.push(entry, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The parts of a one-sheet workbook around the given sheet part. */
export function workbookParts(sheet: Omit<ZipPart, 'name'>): ZipPart[] {
  const text = (name: string, xml: string): ZipPart => ({ name, data: Buffer.from(xml) });
  return [
    text(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    text(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    text(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    text(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    { name: 'xl/worksheets/sheet1.xml', ...sheet },
  ];
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** A sheet with a title and a header, then `rest` (rows, merges) after them. */
function sheetXml(rows: string, after = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData><row r="1">${inline('A1', '离退休人员花名册')}</row><row r="2">${inline('A2', '姓名')}${inline('B2', '身份证号')}</row>${rows}</sheetData>${after}</worksheet>`;
}

/** About 1.9 kB: one cell on row 100,000,000 (`<row r="100000000">`), which made the reader build every row above it. */
export function rowIndexXlsx(row = 100_000_000): Promise<Buffer> {
  return zip(workbookParts({ data: Buffer.from(sheetXml(`<row r="${row}">${inline(`A${row}`, '张三')}</row>`)) }));
}

/** A cell far to the right (XFD, the format's last column) on an ordinary row. */
export function wideCellXlsx(column = 'XFD'): Promise<Buffer> {
  return zip(
    workbookParts({
      data: Buffer.from(sheetXml(`<row r="3">${inline('A3', '张三')}${inline(`${column}3`, '备注')}</row>`)),
    }),
  );
}

/** A merged range over the whole sheet below the title (`A2:XFD1048576`), which made the reader fill every cell of it. */
export function hugeMergeXlsx(range = 'A2:XFD1048576'): Promise<Buffer> {
  return zip(
    workbookParts({
      data: Buffer.from(
        sheetXml(
          `<row r="3">${inline('A3', '张三')}</row>`,
          `<mergeCells count="1"><mergeCell ref="${range}"/></mergeCells>`,
        ),
      ),
    }),
  );
}

/**
 * A zip bomb: a sheet whose XML is `inflatedBytes` of rows, each `<row><c><v>1</v></c></row>`,
 * deflated a chunk at a time. `declaredSize` is what its directory says it inflates to (the
 * truth unless given): a bomb that lies is read until it passes what it declared.
 */
export function bombXlsx(inflatedBytes: number, declaredSize?: number): Promise<Buffer> {
  const ROW = '<row><c><v>1</v></c></row>';
  const head = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>`);
  const tail = Buffer.from('</sheetData></worksheet>');
  const chunk = Buffer.from(ROW.repeat(Math.floor((1 << 20) / ROW.length)));
  function* body() {
    yield head;
    let left = inflatedBytes - head.length - tail.length;
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      yield n === chunk.length ? chunk : Buffer.from(ROW.repeat(Math.ceil(n / ROW.length))).subarray(0, n);
      left -= n;
    }
    yield tail;
  }
  return zip(workbookParts({ data: body, declaredSize }));
}

/** A CSV of nothing but commas: one line with `bytes - 1` empty fields. */
export function commasCsv(bytes: number): Buffer {
  return Buffer.alloc(bytes, ',');
}

/** A CSV whose second line never ends (no comma, no newline). */
export function endlessLineCsv(bytes: number): Buffer {
  const head = Buffer.from('姓名,身份证号\n');
  return Buffer.concat([head, Buffer.alloc(bytes - head.length, 'a')]);
}

/** Writes a file generated here to disk (for the bench and the CLI). */
export function writeHostile(file: string, bytes: Buffer): number {
  fs.writeFileSync(file, bytes);
  return bytes.length;
}

/** The same zip with one part declaring another uncompressed size (in its local header and the directory). */
export function withDeclaredSize(bytes: Buffer, partName: string, size: number): Buffer {
  const out = Buffer.from(bytes);
  const name = Buffer.from(partName, 'utf8');
  let changed = 0;
  for (const [signature, sizeAt, nameAt] of [
    [0x04034b50, 22, 30],
    [0x02014b50, 24, 46],
  ] as const) {
    for (
      let at = out.indexOf(Buffer.from([0x50, 0x4b]));
      at >= 0;
      at = out.indexOf(Buffer.from([0x50, 0x4b]), at + 1)
    ) {
      if (at + nameAt + name.length > out.length || out.readUInt32LE(at) !== signature) continue;
      if (
        out.readUInt16LE(at + (signature === 0x04034b50 ? 26 : 28)) !== name.length ||
        !out.subarray(at + nameAt, at + nameAt + name.length).equals(name)
      )
        continue;
      out.writeUInt32LE(size, at + sizeAt);
      changed++;
    }
  }
  if (changed !== 2) throw new Error(`part ${partName} not found twice (${changed})`);
  return out;
}
