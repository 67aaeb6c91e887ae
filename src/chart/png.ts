import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * A PNG encoder for opaque RGBA pixels: rows unfiltered, deflated at level 3 on libuv's thread pool.
 * Skia's own encoder (`canvas.encode('png')`) tries every row filter and deflates at level 6: on a
 * 1,200 × 960 chart it cost about 3.5 times the CPU of this one for a file of about the same size
 * (figures in docs/digest-chart.md). A chart is mostly flat colour, which deflate compresses well
 * without filters.
 */

const deflateAsync = promisify(zlib.deflate);
/** Level 3: about three times the speed of the default 6 on a chart, for some 20 % more bytes. */
const LEVEL = 3;
/** A chart's PNG is some 150 KB; zlib's output buffer is this large so that it fills once. */
const OUT_CHUNK = 512 * 1024;
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 in JavaScript, for Node before 20.15 (no `zlib.crc32`); some 30 times slower. */
export function crc32Js(data: Buffer, value: number): number {
  let c = ~value >>> 0;
  for (let i = 0; i < data.length; i++)
    c = (CRC_TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

/** CRC-32 of the chunk type and data, as PNG chunks carry it. */
function crc32(type: Buffer, data: Buffer): number {
  const native = typeof zlib.crc32 === 'function' ? zlib.crc32 : null;
  return native ? native(data, native(type)) : crc32Js(data, crc32Js(type, 0));
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(head.subarray(4), data), 0);
  return Buffer.concat([head, data, tail]);
}

/**
 * The PNG (8-bit RGBA) of `rgba`, `width × height` pixels of 4 bytes, rows top to bottom. Pixels
 * must be opaque: a canvas gives them premultiplied, which for alpha 255 are the straight values.
 */
export async function encodePng(width: number, height: number, rgba: Buffer): Promise<Buffer> {
  const stride = width * 4;
  if (rgba.length !== stride * height)
    throw new RangeError(`expected ${stride * height} bytes, got ${rgba.length}`);
  // Each row is preceded by its filter type, 0 (none); every byte is written, so none needs zeroing first.
  const rows = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (stride + 1)] = 0;
    rgba.copy(rows, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no filter method, no interlace
  // One output buffer for the whole image: with the default 16 KB zlib calls back to the event loop per chunk.
  const data = await deflateAsync(rows, { level: LEVEL, chunkSize: OUT_CHUNK });
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', data),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
