// The entries of a zip archive held in memory (an .xlsx is one): the central directory is read from
// the end of the file, an entry is inflated only when asked for. Enough for OOXML packages: stored
// and deflated entries, no zip64, no encryption (an encrypted .xlsx is an OLE file, not a zip).
// https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT (4.3.12, 4.3.16)
import zlib from 'node:zlib';

export class ZipError extends Error {}

interface Entry {
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export class ZipArchive {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly bytes: Buffer) {
    const end = findEndOfCentralDirectory(bytes);
    const count = bytes.readUInt16LE(end + 10);
    let at = bytes.readUInt32LE(end + 16);
    for (let i = 0; i < count; i++) {
      if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw new ZipError('central directory is damaged');
      const nameLength = bytes.readUInt16LE(at + 28);
      const name = bytes.toString('utf8', at + 46, at + 46 + nameLength).replace(/\\/g, '/');
      const entry = {
        method: bytes.readUInt16LE(at + 10),
        compressedSize: bytes.readUInt32LE(at + 20),
        size: bytes.readUInt32LE(at + 24),
        localOffset: bytes.readUInt32LE(at + 42),
      };
      if (entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) throw new ZipError('zip64 is not supported');
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
    if (e.localOffset + 30 > b.length || b.readUInt32LE(e.localOffset) !== 0x04034b50) throw new ZipError(`entry ${name} is damaged`);
    const start = e.localOffset + 30 + b.readUInt16LE(e.localOffset + 26) + b.readUInt16LE(e.localOffset + 28);
    if (start + e.compressedSize > b.length) throw new ZipError(`entry ${name} is truncated`);
    const data = b.subarray(start, start + e.compressedSize);
    if (e.method === 0) return data;
    if (e.method !== 8) throw new ZipError(`entry ${name} uses compression method ${e.method}`);
    try {
      return zlib.inflateRawSync(data);
    } catch {
      throw new ZipError(`entry ${name} cannot be inflated`);
    }
  }

  /** The entry as UTF-8 text (OOXML parts are UTF-8 or UTF-16 with a BOM). */
  text(name: string): string | null {
    const data = this.read(name);
    if (!data) return null;
    if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
    if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
    return new TextDecoder('utf-8').decode(data);
  }
}

function findEndOfCentralDirectory(b: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let at = b.length - 22; at >= Math.max(0, b.length - 22 - 0xffff); at--) {
    if (b.readUInt32LE(at) === 0x06054b50) return at;
  }
  throw new ZipError('no end of central directory: not a zip file, or truncated');
}
