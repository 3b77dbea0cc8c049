// A ZIP archive written as a stream with Node's own zlib (no archive library is a dependency): each entry is
// deflated as its bytes arrive, its CRC and sizes follow it in a data descriptor, and the central directory
// closes the file. Entries are read one after the other, so memory stays small whatever their sizes.
// Limits: no ZIP64, so the archive and each entry stay under 4 GiB and under 65,535 entries (refused beyond).
import { once } from 'node:events';
import { crc32, createDeflateRaw, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** The path inside the archive, `/` between folders (UTF-8). */
  name: string;
  body: AsyncIterable<Buffer | string> | Iterable<Buffer | string>;
  modified?: Date;
}

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
/** Bit 3: sizes and CRC in a data descriptor after the data; bit 11: the name is UTF-8. */
const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;
const MAX32 = 0xffffffff;

export class ZipLimitExceeded extends Error {
  constructor(what: string) {
    super(`ZIP archive too large: ${what} (ZIP64 is not written)`);
  }
}

function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.max(1980, at.getUTCFullYear());
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  time: number;
  date: number;
}

/** The archive's bytes, entry by entry. */
export async function* zipStream(entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>): AsyncGenerator<Buffer> {
  const written: Written[] = [];
  let offset = 0;
  for await (const entry of entries) {
    if (written.length === 0xffff) throw new ZipLimitExceeded('entries');
    const name = Buffer.from(entry.name, 'utf8');
    const { time, date } = dosDateTime(entry.modified ?? new Date());
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    // CRC and sizes (14..25) are zero here: the data descriptor carries them.
    header.writeUInt16LE(name.length, 26);
    const record: Written = { name, crc: 0, compressed: 0, size: 0, offset, time, date };
    yield Buffer.concat([header, name]);
    offset += header.length + name.length;

    const deflate = createDeflateRaw();
    const feeding = (async () => {
      for await (const piece of entry.body) {
        const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
        if (!chunk.length) continue;
        record.crc = crc32(chunk, record.crc);
        record.size += chunk.length;
        if (!deflate.write(chunk)) await once(deflate, 'drain');
      }
      deflate.end();
    })().catch((error: unknown) => void deflate.destroy(error as Error));
    for await (const out of deflate as AsyncIterable<Buffer>) {
      record.compressed += out.length;
      yield out;
    }
    await feeding;
    if (record.size > MAX32 || record.compressed > MAX32) throw new ZipLimitExceeded(entry.name);
    offset += record.compressed;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
    descriptor.writeUInt32LE(record.crc >>> 0, 4);
    descriptor.writeUInt32LE(record.compressed, 8);
    descriptor.writeUInt32LE(record.size, 12);
    yield descriptor;
    offset += descriptor.length;
    written.push(record);
  }
  const directoryStart = offset;
  for (const w of written) {
    if (w.offset > MAX32) throw new ZipLimitExceeded('offset');
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(VERSION, 4);
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(FLAGS, 8);
    central.writeUInt16LE(DEFLATE, 10);
    central.writeUInt16LE(w.time, 12);
    central.writeUInt16LE(w.date, 14);
    central.writeUInt32LE(w.crc >>> 0, 16);
    central.writeUInt32LE(w.compressed, 20);
    central.writeUInt32LE(w.size, 24);
    central.writeUInt16LE(w.name.length, 28);
    central.writeUInt32LE(w.offset, 42);
    yield Buffer.concat([central, w.name]);
    offset += central.length + w.name.length;
  }
  if (directoryStart > MAX32 || offset - directoryStart > MAX32) throw new ZipLimitExceeded('directory');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(offset - directoryStart, 12);
  end.writeUInt32LE(directoryStart, 16);
  yield end;
}

/** Reads a whole (small) archive into its entries, checking each CRC: for tests and tools, not for uploads. */
export function readZip(archive: Buffer): Map<string, Buffer> {
  const endAt = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0) throw new Error('Not a ZIP archive: no end of central directory');
  const count = archive.readUInt16LE(endAt + 10);
  let at = archive.readUInt32LE(endAt + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error('Damaged central directory');
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const compressed = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const raw = archive.subarray(dataAt, dataAt + compressed);
    const data = method === DEFLATE ? inflateRawSync(raw) : Buffer.from(raw);
    if ((crc32(data) >>> 0) !== crc) throw new Error(`CRC mismatch in ${name}`);
    entries.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
