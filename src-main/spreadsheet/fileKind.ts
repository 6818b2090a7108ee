// What a file really is, told by its bytes and not by its name (issue 14): an .xls saved under
// the name .xlsx is read as the .xls it is (it was called password-protected); a zip that is not
// a workbook we read (.xlsb, .ods, Numbers, a Word document) and an OLE file that is not one
// (a Word .doc, an encrypted workbook) are refused saying what it is and what to do, instead of
// "没有找到表头" after reading nothing.
//
// The signatures: a zip starts with `PK\3\4` (APPNOTE 4.3.7); an OLE compound file (.xls, .doc,
// and an encrypted .xlsx, which is an OLE file holding EncryptionInfo and EncryptedPackage,
// MS-OFFCRYPTO 2.3.4.1) with D0 CF 11 E0 A1 B1 1A E1 (MS-CFB 2.2).
import * as XLSX from '@e965/xlsx';
import { UserError } from '../shared/errors';
import { ZipArchive } from './zip';

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** The OLE container of an .xls, parsed once (the .xls reader checks its Workbook stream). */
export type OleFile = { kind: 'xls'; cfb: unknown };
export type FileKind = { kind: 'xlsx' } | { kind: 'csv' } | OleFile;

export const passwordProtected = () =>
  new UserError(
    'bad_file',
    '文件设有密码保护，请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后再导入',
  );

/** A file we do not read, said with what it is and what to do. */
function refuse(what: string, todo = '请用 Excel 或 WPS 表格打开，另存为 .xlsx 后再导入'): UserError {
  return new UserError('unsupported_file', `${what}：${todo}`);
}

const saveAsXlsx = (app: string) => `请在 ${app} 中打开它，另存为 Excel 工作簿（.xlsx）后再导入`;

function zipKind(bytes: Buffer): FileKind {
  let zip: ZipArchive;
  try {
    // Only the directory is read, and at most a few bytes inflated (the OpenDocument mimetype).
    zip = new ZipArchive(bytes, 4096);
  } catch {
    // A damaged zip: the .xlsx reader says it is damaged.
    return { kind: 'xlsx' };
  }
  // The binary workbook (MS-XLSB) keeps its parts in .bin records, not XML.
  if (zip.has('xl/workbook.bin')) throw refuse('不支持 .xlsb（Excel 二进制工作簿）格式', saveAsXlsx('Excel'));
  if (zip.has('mimetype')) {
    // OpenDocument: its first entry names the kind (ODF 1.2 part 3, 3.3). Tiny; read within the zip's budget.
    let mime = '';
    try {
      mime = zip.text('mimetype') ?? '';
    } catch {
      // A mimetype entry that is damaged or not small says nothing.
    }
    if (mime.includes('spreadsheet'))
      throw refuse('不支持 .ods（OpenDocument 表格）格式', saveAsXlsx('WPS、LibreOffice 或 Excel'));
    throw refuse('这个文件是 OpenDocument 文档，不是表格', '请选择 Excel 花名册（.xlsx、.xls）或 CSV 文件');
  }
  if (zip.has('Index/Document.iwa') || zip.has('Index/Metadata.iwa'))
    throw refuse('不支持 Apple Numbers 文件', '请在 Numbers 中选择“文件 → 导出为 → Excel”，导出 .xlsx 后再导入');
  if (zip.has('word/document.xml'))
    throw refuse('这个文件是 Word 文档，不是表格', '请把名单放进 Excel 表格（.xlsx）后再导入');
  if (zip.has('ppt/presentation.xml'))
    throw refuse('这个文件是 PowerPoint 演示文稿，不是表格', '请选择 Excel 花名册（.xlsx、.xls）或 CSV 文件');
  if (!zip.has('[Content_Types].xml') && !zip.has('xl/workbook.xml')) {
    throw refuse('这个文件是一个压缩包（.zip），不是 Excel 表格', '请先解压，再选择其中的 Excel 花名册');
  }
  return { kind: 'xlsx' };
}

function oleKind(bytes: Buffer): FileKind {
  let cfb: unknown;
  try {
    cfb = XLSX.CFB.read(bytes, { type: 'buffer' });
  } catch {
    throw new UserError('bad_file', '无法读取这个 .xls 文件：文件可能已损坏或不是 Excel 97-2003 格式');
  }
  const has = (name: string) => Boolean(XLSX.CFB.find(cfb, name));
  // An encrypted .xlsx (or .xlsb): the package itself is inside, encrypted.
  if (has('/EncryptionInfo') || has('/EncryptedPackage')) throw passwordProtected();
  // BIFF8 keeps its records in Workbook, BIFF5 (Excel 5/95) in Book; WPS 表格's .et files are BIFF8 too.
  if (has('/Workbook') || has('/Book')) return { kind: 'xls', cfb };
  if (has('/WordDocument'))
    throw refuse('这个文件是 Word 文档（.doc），不是表格', '请把名单放进 Excel 表格（.xlsx）后再导入');
  if (has('/PowerPoint Document'))
    throw refuse('这个文件是 PowerPoint 演示文稿，不是表格', '请选择 Excel 花名册（.xlsx、.xls）或 CSV 文件');
  throw refuse('这个文件不是能读取的 Excel 表格（可能是 WPS 文字或其他程序的文件）');
}

/** The start of a text file, lower-cased, without a BOM and leading blanks: for sniffing. */
function head(bytes: Buffer): string {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes
    .toString('latin1', start, Math.min(bytes.length, start + 2048))
    .trimStart()
    .toLowerCase();
}

/**
 * What the file is; a file we do not read is refused here with a sentence saying what it is and
 * what to do (UserError).
 */
export function fileKind(bytes: Buffer, fileName: string): FileKind {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5))
    return zipKind(bytes);
  if (bytes.subarray(0, 8).equals(OLE_SIGNATURE)) return oleKind(bytes);
  const text = head(bytes);
  // Web systems' "导出 Excel" often writes an HTML table (or Excel 2003's XML) named .xls.
  if (text.startsWith('<?xml') && text.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    throw refuse('这个文件是 Excel 2003 XML 表格格式', saveAsXlsx('Excel'));
  }
  if (/^<(!doctype html|html|table|meta|head|body)\b/.test(text) || (text.startsWith('<') && text.includes('<table'))) {
    throw refuse(`这个文件实际是网页（HTML）格式，只是扩展名为 .${ext}`, saveAsXlsx('Excel'));
  }
  if (ext === 'csv' || ext === 'txt') return { kind: 'csv' };
  // A CSV under another name: text with commas in its first line and no NUL bytes.
  const firstLine = text.split(/\r?\n/, 1)[0];
  if (firstLine.includes(',') && !bytes.subarray(0, 65536).includes(0)) return { kind: 'csv' };
  if (ext === 'xlsb') throw refuse('不支持 .xlsb（Excel 二进制工作簿）格式', saveAsXlsx('Excel'));
  if (ext === 'ods') throw refuse('不支持 .ods（OpenDocument 表格）格式', saveAsXlsx('WPS、LibreOffice 或 Excel'));
  if (ext === 'numbers')
    throw refuse('不支持 Apple Numbers 文件', '请在 Numbers 中选择“文件 → 导出为 → Excel”，导出 .xlsx 后再导入');
  if (ext === 'et' || ext === 'ett' || ext === 'wps')
    throw refuse(`无法读取这个 WPS 文件（.${ext}）`, saveAsXlsx('WPS'));
  throw new UserError('bad_file', `无法识别的文件：“${fileName}”不是 Excel（.xlsx/.xls）或 CSV 文件`);
}
