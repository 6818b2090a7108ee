// What an attachment is, judged from its bytes, and a name it is safe to save under. Nothing the
// sender says about a file is kept: the type it claims (which may carry CR LF into a header) is
// ignored, the type is read from the file's first bytes (its "magic number"), and the name loses
// its folders, control characters and anything Windows would refuse. Programs, scripts, HTML and
// SVG (which can carry script) are refused. Person attachments and petition attachments both
// come through here, and so does every attachment served back (older rows were stored as sent).

import { UserError } from '../shared/errors';

export type AttachmentKind = 'image' | 'pdf' | 'office' | 'text' | 'other';

export interface FileType {
  mime: string;
  kind: AttachmentKind;
  /** The extensions a file of this type may have, the first the one to give it. */
  extensions: string[];
  /** Shown in place (an <img>) rather than downloaded: images only. */
  previewable: boolean;
}

const type = (mime: string, kind: AttachmentKind, extensions: string[], previewable = false): FileType => ({
  mime,
  kind,
  extensions,
  previewable,
});

export const OPAQUE: FileType = type('application/octet-stream', 'other', []);

const starts = (b: Uint8Array, sig: number[], at = 0) =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Program and script extensions: refused whatever the bytes are. */
const DANGEROUS_EXTENSIONS = new Set(
  (
    'exe com scr pif bat cmd msi msp mst dll cpl sys drv ocx ps1 psm1 psd1 vbs vbe js jse mjs cjs wsf wsh wsc hta lnk url reg inf ' +
    'jar appx msix application gadget scf sh bash zsh csh ksh command run elf app dmg pkg deb rpm apk py pyw pl rb php ' +
    'html htm xhtml xht shtml mht mhtml svg svgz xml xsl xslt chm iso img vhd vhdx'
  ).split(' '),
);

const OFFICE_ZIP: Record<string, FileType> = {
  docx: type('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'office', ['docx']),
  xlsx: type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'office', ['xlsx']),
  pptx: type('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'office', ['pptx']),
  odt: type('application/vnd.oasis.opendocument.text', 'office', ['odt']),
  ods: type('application/vnd.oasis.opendocument.spreadsheet', 'office', ['ods']),
};
const OFFICE_OLE: Record<string, FileType> = {
  doc: type('application/msword', 'office', ['doc']),
  xls: type('application/vnd.ms-excel', 'office', ['xls']),
  ppt: type('application/vnd.ms-powerpoint', 'office', ['ppt']),
  wps: type('application/vnd.ms-works', 'office', ['wps']),
  et: type('application/vnd.ms-excel', 'office', ['et']),
};
const ZIP = type('application/zip', 'other', ['zip']);
const TEXT = type('text/plain; charset=utf-8', 'text', ['txt', 'csv', 'log']);

/** HTML and XML (SVG among them) as a browser would sniff them: markup at the start of the text. */
const MARKUP =
  /^(?:\uFEFF)?[\s]*<(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|!--|\?xml|svg|img|object|embed|meta|link|form|math|xsl)[\s>/]/i;

function isUtf8Text(b: Uint8Array): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** A refusal in Chinese, or the type of the file from its bytes (and, inside a zip or an OLE file, its extension). */
export function sniffType(bytes: Uint8Array, extension: string): FileType | string {
  const b = bytes;
  if (starts(b, [0xff, 0xd8, 0xff])) return type('image/jpeg', 'image', ['jpg', 'jpeg'], true);
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return type('image/png', 'image', ['png'], true);
  if (starts(b, ascii('GIF87a')) || starts(b, ascii('GIF89a'))) return type('image/gif', 'image', ['gif'], true);
  if (starts(b, ascii('RIFF')) && starts(b, ascii('WEBP'), 8)) return type('image/webp', 'image', ['webp'], true);
  if (starts(b, ascii('BM')) && b.length > 14) return type('image/bmp', 'image', ['bmp']);
  if (starts(b, [0x49, 0x49, 0x2a, 0x00]) || starts(b, [0x4d, 0x4d, 0x00, 0x2a]))
    return type('image/tiff', 'image', ['tif', 'tiff']);
  if (starts(b, ascii('%PDF-'))) return type('application/pdf', 'pdf', ['pdf']);
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) return OFFICE_ZIP[extension] ?? ZIP;
  if (starts(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return OFFICE_OLE[extension] ?? OPAQUE;
  // Programs: Windows (MZ), Linux (ELF), macOS (Mach-O, fat), Java classes; and scripts (#!).
  if (
    starts(b, ascii('MZ')) ||
    starts(b, [0x7f, 0x45, 0x4c, 0x46]) ||
    [
      [0xfe, 0xed, 0xfa, 0xce],
      [0xfe, 0xed, 0xfa, 0xcf],
      [0xce, 0xfa, 0xed, 0xfe],
      [0xcf, 0xfa, 0xed, 0xfe],
      [0xca, 0xfe, 0xba, 0xbe],
    ].some((s) => starts(b, s)) ||
    starts(b, ascii('#!'))
  ) {
    return '这是一个程序文件，不能作为附件';
  }
  const head = new TextDecoder('utf-8').decode(b.subarray(0, 1024));
  if (MARKUP.test(head) || /<svg[\s>]/i.test(head))
    return '网页（HTML）和 SVG 文件可能含有脚本，不能作为附件；请另存为 PDF 或图片后再添加';
  if (isUtf8Text(b.subarray(0, 64 * 1024))) return TEXT;
  return OPAQUE;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
const MAX_NAME = 100;

/** The extension of a name, lower case, without its dot ('' when none). */
export function extensionOf(name: string): string {
  const m = /\.([^.]+)$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

/**
 * A name safe to save the file under on any system: no folders (`../../../evil.bat` → `evil.bat`),
 * no control or direction-changing characters (NUL, CR LF, U+202E), none of < > : " / \ | ? *,
 * no leading or trailing dots and spaces, no reserved Windows device name, at most 100 characters
 * with the extension kept.
 */
export function safeFileName(name: string, fallback = '附件'): string {
  let s = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  s = s.replace(/[\p{Cc}\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu, '');
  s = s.replace(/[<>:"|?*]/g, '_');
  s = s.replace(/^[\s.]+|[\s.]+$/g, '');
  const dot = s.lastIndexOf('.');
  let stem = dot > 0 ? s.slice(0, dot) : s;
  let ext = dot > 0 ? s.slice(dot) : '';
  if (ext.length > 20) {
    stem = s;
    ext = '';
  }
  if (WINDOWS_RESERVED.test(stem.split('.')[0].trim())) stem = `_${stem}`;
  if (stem === '') stem = fallback;
  return [...stem].slice(0, MAX_NAME - [...ext].length).join('') + ext;
}

/**
 * Checks an attachment before it is stored: the type from the bytes, a safe name whose extension
 * agrees with the type. Throws a UserError in Chinese for what must not be stored.
 */
export function checkAttachmentFile(fileName: string, data: Uint8Array): { fileName: string; mime: string } {
  const name = safeFileName(fileName);
  const ext = extensionOf(name);
  if (DANGEROUS_EXTENSIONS.has(ext))
    throw new UserError('invalid_input', `不能添加程序、脚本或网页文件（.${ext}）作为附件`);
  const t = sniffType(data, ext);
  if (typeof t === 'string') throw new UserError('invalid_input', t);
  // A JPEG called scan.pdf opens in the right program once it is called scan.pdf.jpg.
  const fixed =
    t.extensions.length > 0 && !t.extensions.includes(ext) ? safeFileName(`${name}.${t.extensions[0]}`) : name;
  return { fileName: fixed, mime: t.mime };
}

/** How a stored attachment is served, from its bytes again (rows stored before this check included). */
export function servedType(fileName: string, data: Uint8Array): { fileName: string; type: FileType } {
  const name = safeFileName(fileName);
  const ext = extensionOf(name);
  const t = sniffType(data, ext);
  return { fileName: name, type: typeof t === 'string' || DANGEROUS_EXTENSIONS.has(ext) ? OPAQUE : t };
}
