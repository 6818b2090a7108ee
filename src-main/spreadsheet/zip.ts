// The entries of a zip archive held in memory (an .xlsx is one): the central directory is read from
// the end of the file, an entry is inflated only when asked for. Enough for OOXML packages: stored
// and deflated entries, no zip64, no encryption (an encrypted .xlsx is an OLE file, not a zip).
// https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT (4.3.12, 4.3.16)
//
// Inflating is bounded (issue 13: a 1.1 MB file inflated to 480 MB): an entry is refused when the
// size the directory declares for it would take the parts read past the budget, and it is inflated
// with that declared size as the most it may give, so an entry that lies about its size (a zip
// bomb) is stopped as soon as it passes what it declared, never after.
import zlib from 'node:zlib';
import { IMPORT_LIMITS, sizeText, unreadableFile } from '../shared/importLimits';
import { UserError } from '../shared/errors';

export class ZipError extends Error {}

interface Entry {
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export class ZipArchive {
  private readonly entries = new Map<string, Entry>();
  /** Bytes inflated so far, against `maxInflated`. */
  private inflated = 0;

  constructor(
    private readonly bytes: Buffer,
    private readonly maxInflated: number = IMPORT_LIMITS.inflatedBytes,
  ) {
    const end = findEndOfCentralDirectory(bytes);
    const count = bytes.readUInt16LE(end + 10);
    let at = bytes.readUInt32LE(end + 16);
    for (let i = 0; i < count; i++) {
      if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50)
        throw new ZipError('central directory is damaged');
      const nameLength = bytes.readUInt16LE(at + 28);
      const name = bytes.toString('utf8', at + 46, at + 46 + nameLength).replace(/\\/g, '/');
      const entry = {
        method: bytes.readUInt16LE(at + 10),
        compressedSize: bytes.readUInt32LE(at + 20),
        size: bytes.readUInt32LE(at + 24),
        localOffset: bytes.readUInt32LE(at + 42),
      };
      if (entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff)
        throw new ZipError('zip64 is not supported');
      // Part names are case-insensitive in OOXML.
      this.entries.set(name.toLowerCase(), entry);
      at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    }
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** The entry's bytes, inflated; null when the archive has no such entry. */
  read(name: string): Buffer | null {
    const e = this.entries.get(name.toLowerCase());
    if (!e) return null;
    const b = this.bytes;
    if (e.localOffset + 30 > b.length || b.readUInt32LE(e.localOffset) !== 0x04034b50)
      throw new ZipError(`entry ${name} is damaged`);
    const start = e.localOffset + 30 + b.readUInt16LE(e.localOffset + 26) + b.readUInt16LE(e.localOffset + 28);
    if (start + e.compressedSize > b.length) throw new ZipError(`entry ${name} is truncated`);
    const data = b.subarray(start, start + e.compressedSize);
    if (e.method !== 0 && e.method !== 8) throw new ZipError(`entry ${name} uses compression method ${e.method}`);
    if (this.inflated + e.size > this.maxInflated) {
      throw new UserError('too_large', unreadableFile(`解压后超过 ${sizeText(this.maxInflated)} 的上限`));
    }
    this.inflated += e.size;
    if (e.method === 0) {
      if (e.compressedSize !== e.size) throw new ZipError(`entry ${name} is damaged`);
      return data;
    }
    let out: Buffer;
    try {
      // Stops as soon as the output passes the declared size (zlib's maxOutputLength).
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new UserError(
          'too_large',
          unreadableFile('压缩的内容解压后比文件自己声明的大，文件已损坏，或是有意构造的“压缩炸弹”'),
        );
      }
      throw new ZipError(`entry ${name} cannot be inflated`);
    }
    if (out.length !== e.size) throw new ZipError(`entry ${name} is damaged`);
    return out;
  }

  /** The entry as UTF-8 text (OOXML parts are UTF-8 or UTF-16 with a BOM). */
  text(name: string): string | null {
    const data = this.read(name);
    return data && decodePart(data);
  }

  /**
   * The entry's text in pieces, each ending just after an element that closes with `</tag>` (any
   * namespace prefix), the last one with whatever follows; null when the archive has no such
   * entry. A sheet of 50,000 rows is 27 MB of UTF-8, twice that as a JavaScript string of Han
   * text: read a piece at a time, only the piece is ever decoded (issue 14: the import's memory).
   */
  textPieces(name: string, tag: string): Iterable<string> | null {
    const data = this.read(name);
    return data && piecesOf(data, tag);
  }
}

/** About this many bytes are decoded at a time. */
const PIECE_BYTES = 1 << 20;

/** A part's bytes as text: UTF-8, or UTF-16 where a byte-order mark says so. */
export function decodePart(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  return new TextDecoder('utf-8').decode(data);
}

/** An entry's bytes as text a piece at a time (see textPieces). */
export function* piecesOf(data: Buffer, tag: string): Generator<string> {
  // UTF-16 (rare: a BOM says so) is decoded whole.
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
    yield decodePart(data);
    return;
  }
  const decoder = new TextDecoder('utf-8');
  const close = `${tag}>`;
  const opening = /<\/(?:[\w.-]+:)?$/;
  // The text not yet given out, in order: only the newest piece is searched (with the end of the
  // one before, where a closing tag may begin), so a part without one is not searched again and again.
  let held: string[] = [];
  let end = '';
  for (let at = 0; at < data.length; at += PIECE_BYTES) {
    // `stream`: a character cut in two at the end of a piece is finished by the next.
    const fresh = decoder.decode(data.subarray(at, at + PIECE_BYTES), { stream: true });
    const overlap = end;
    const look = overlap + fresh;
    end = look.slice(-80);
    let cut = -1;
    for (let i = look.lastIndexOf(close); i >= 0; i = i > 0 ? look.lastIndexOf(close, i - 1) : -1) {
      if (opening.test(look.slice(Math.max(0, i - 64), i))) {
        cut = i + close.length - overlap.length;
        break;
      }
    }
    if (cut <= 0) held.push(fresh);
    else {
      yield held.join('') + fresh.slice(0, cut);
      held = [fresh.slice(cut)];
    }
  }
  yield held.join('') + decoder.decode();
}

function findEndOfCentralDirectory(b: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let at = b.length - 22; at >= Math.max(0, b.length - 22 - 0xffff); at--) {
    if (b.readUInt32LE(at) === 0x06054b50) return at;
  }
  throw new ZipError('no end of central directory: not a zip file, or truncated');
}
