import { createCanvas, type Image, loadImage } from '@napi-rs/canvas';
import { describe, expect, it, vi } from 'vitest';
import { ChartFonts, chartFonts } from '../../src/chart/fonts';
import { type CoverageChart, coverageChart } from '../../src/chart/model';
import { BACKGROUND, chartSize, labelArea, renderCoverageChart } from '../../src/chart/render';
import type { IsoDate, Lang, Unit } from '../../src/domain/types';

const TODAY = '2025-11-06' as IsoDate;
const quiet = { warn: vi.fn() };
const font = await chartFonts.get(quiet);

function chartOf(lang: Lang, names: string[]): CoverageChart {
  const units: Unit[] = names.map((name, i) => ({
    key: `u${i}`,
    name,
    kind: 'ministry',
    liaisons: [],
    archived: false,
    createdAt: Date.UTC(2025, 0, 1),
  }));
  const activities = units.map((u, i) => ({
    id: i + 1,
    unitKey: u.key,
    type: 'interview' as const,
    date: '2025-10-28' as IsoDate,
    count: 1,
    notes: '',
    userId: 'U0A',
    createdAt: 0,
  }));
  return coverageChart({
    groupName: lang === 'zh' ? '第一督导组' : 'Group one',
    lang,
    tz: 'UTC',
    today: TODAY,
    units,
    activities,
  });
}

/** The RGBA pixels of a PNG, decoded back. */
async function pixels(png: Buffer): Promise<{ image: Image; data: Uint8ClampedArray }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return { image, data: ctx.getImageData(0, 0, image.width, image.height).data };
}

type Box = { x: number; y: number; width: number; height: number };

/** The pixels of `box` that are not the background, and a fingerprint of their positions. */
function inked(data: Uint8ClampedArray, imageWidth: number, box: Box): { count: number; shape: string } {
  const bg = [0xff, 0xff, 0xff];
  expect(BACKGROUND).toBe('#ffffff');
  let count = 0;
  const rows: string[] = [];
  for (let y = box.y; y < box.y + box.height; y++) {
    let row = '';
    for (let x = box.x; x < box.x + box.width; x++) {
      const i = (y * imageWidth + x) * 4;
      const ink =
        Math.abs((data[i] ?? 0) - bg[0]!) +
          Math.abs((data[i + 1] ?? 0) - bg[1]!) +
          Math.abs((data[i + 2] ?? 0) - bg[2]!) >
        96;
      if (ink) count++;
      row += ink ? '#' : '.';
    }
    rows.push(row);
  }
  return { count, shape: rows.join('\n') };
}

const thirty = (lang: Lang) =>
  Array.from({ length: 30 }, (_, i) => (lang === 'zh' ? `第${i + 1}单位` : `Unit number ${i + 1}`));

/** What the tests that look at Chinese glyphs need, and say when it is missing. */
const NO_FONT =
  font.path === null
    ? ' (skipped: no CJK font on this machine; apt-get install -y fonts-wqy-microhei, as .ci/run does)'
    : '';

describe('renderCoverageChart', () => {
  it.skipIf(NO_FONT)(`the Chinese font is found and registered once per process${NO_FONT}`, async () => {
    expect(font.path).not.toBeNull();
    expect(await chartFonts.get(quiet)).toBe(font);
    expect(quiet.warn).not.toHaveBeenCalled();
  });

  it('a 30-unit group: a PNG of the expected size with its unit names drawn', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const png = await renderCoverageChart(chartOf(lang, thirty(lang)), font.family);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      const { image, data } = await pixels(png);
      expect({ width: image.width, height: image.height }).toEqual(chartSize(30));
      expect(chartSize(30)).toEqual({ width: 1200, height: 960 });
      // Every row's name: ink in each row's strip of the label column.
      const area = labelArea(30);
      const rowH = area.height / 30;
      for (let r = 0; r < 30; r++) {
        const strip = { ...area, y: area.y + r * rowH, height: rowH };
        expect(inked(data, image.width, strip).count, `${lang} row ${r}`).toBeGreaterThan(40);
      }
    }
  });

  it.skipIf(NO_FONT)(
    `Chinese names are drawn as their own glyphs, not as empty boxes${NO_FONT}`,
    async () => {
      // Tofu (a missing glyph) looks the same for every character; real glyphs differ from each other.
      const shapeOf = async (name: string) => {
        const png = await renderCoverageChart(chartOf('zh', [name]), font.family);
        const { image, data } = await pixels(png);
        return inked(data, image.width, labelArea(1));
      };
      const education = await shapeOf('教育部');
      const finance = await shapeOf('财政部');
      const unassigned = await shapeOf('\uE000\uE001\uE002'); // private-use code points: no font has them
      expect(education.count).toBeGreaterThan(150);
      expect(finance.count).toBeGreaterThan(150);
      expect(education.shape).not.toBe(finance.shape);
      expect(education.shape).not.toBe(unassigned.shape);
    },
  );

  it('the headings are in the group’s language', async () => {
    const heading = async (lang: Lang) => {
      const png = await renderCoverageChart(chartOf(lang, ['教育部']), font.family);
      const { image, data } = await pixels(png);
      // The title and the week headings: everything above the first row.
      return inked(data, image.width, { x: 0, y: 0, width: image.width, height: labelArea(1).y });
    };
    const [en, zh] = [await heading('en'), await heading('zh')];
    expect(zh.count).toBeGreaterThan(1000);
    expect(zh.shape).not.toBe(en.shape);
  });

  it('without a Chinese font: one warning, and the chart is still drawn', async () => {
    const logger = { warn: vi.fn() };
    const none = new ChartFonts(['/nonexistent/cjk.ttc']);
    const missing = await none.get(logger);
    await none.get(logger);
    expect(missing).toEqual({ family: 'sans-serif', path: null });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(String(logger.warn.mock.calls[0]?.[1])).toContain('fonts-wqy-microhei');
    const png = await renderCoverageChart(chartOf('zh', thirty('zh')), missing.family);
    const { image } = await pixels(png);
    expect({ width: image.width, height: image.height }).toEqual(chartSize(30));
  });

  it('many charts asked for at once are all drawn, each its own', async () => {
    const charts = Array.from({ length: 7 }, (_, i) => chartOf('en', thirty('en').slice(0, i + 1)));
    const pngs = await Promise.all(charts.map((c) => renderCoverageChart(c, font.family)));
    const heights = await Promise.all(pngs.map(async (png) => (await loadImage(png)).height));
    expect(heights).toEqual(charts.map((c) => chartSize(c.rows.length).height));
  });

  it('300 units: 30 rows, the size of a 30-unit chart', async () => {
    const names = Array.from({ length: 300 }, (_, i) => `Unit ${i}`);
    const png = await renderCoverageChart(chartOf('en', names), font.family);
    const { image } = await pixels(png);
    expect({ width: image.width, height: image.height }).toEqual(chartSize(30));
  });
});
