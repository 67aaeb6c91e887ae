import { crc32 } from 'node:zlib';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { crc32Js, encodePng } from '../../src/chart/png';

describe('encodePng', () => {
  it('decodes back to the very pixels it was given', async () => {
    const width = 3;
    const height = 2;
    const rgba = Buffer.from([
      255,
      0,
      0,
      255,
      0,
      255,
      0,
      255,
      0,
      0,
      255,
      255, // red, green, blue
      255,
      255,
      255,
      255,
      0,
      0,
      0,
      255,
      18,
      52,
      86,
      255, // white, black, #123456
    ]);
    const png = await encodePng(width, height, rgba);
    const image = await loadImage(png);
    expect([image.width, image.height]).toEqual([width, height]);
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    expect(Buffer.from(ctx.getImageData(0, 0, width, height).data)).toEqual(rgba);
  });

  it('the CRC-32 used where zlib has none agrees with zlib’s, also chained', () => {
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7919) % 256));
    expect(crc32Js(data, 0)).toBe(crc32(data));
    expect(crc32Js(data, crc32Js(Buffer.from('IDAT'), 0))).toBe(crc32(data, crc32('IDAT')));
  });

  it('refuses pixels that do not fill the size given', async () => {
    await expect(encodePng(2, 2, Buffer.alloc(12))).rejects.toThrow(RangeError);
  });
});
