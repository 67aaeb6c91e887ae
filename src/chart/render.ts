import { type Canvas, createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { CoverageChart } from './model';
import { encodePng } from './png';

/**
 * Draws the coverage chart: a heat map with a row per unit and a column per week, the number of
 * activities in each cell, a total per unit. Sizes are in pixels; Slack shows the image scaled to
 * its message column, so 1,200 wide stays sharp on a high-density screen.
 */

const WIDTH = 1200;
const PAD = 24;
const ROW_H = 26;
/** Where the first row begins: below the title, the subtitle and the week headings. */
const TOP = 116;
/** Room below the last row for the legend. */
const BOTTOM = 64;
const LABEL_RIGHT = 300;
const TOTAL_W = 90;
const GRID_LEFT = LABEL_RIGHT + 12;
const GRID_RIGHT = WIDTH - PAD - TOTAL_W;

export const BACKGROUND = '#ffffff';
const INK = '#1d1c1d';
const MUTED = '#616061';
const NONE = '#e8ebee';
const NOT_YET_EDGE = '#d0d4d8';
/** The shade of a cell by its count: 1, 2, 3–4, 5 or more (a fixed scale, so a shade means the same every week). */
const SHADES = [
  { from: 1, label: '1', fill: '#c6dbef', ink: INK },
  { from: 2, label: '2', fill: '#6baed6', ink: INK },
  { from: 3, label: '3–4', fill: '#2171b5', ink: '#ffffff' },
  { from: 5, label: '5+', fill: '#08306b', ink: '#ffffff' },
] as const;

/** The pixel size of a chart of `rows` rows. */
export function chartSize(rows: number): { width: number; height: number } {
  return { width: WIDTH, height: TOP + Math.max(rows, 1) * ROW_H + BOTTOM };
}

/** The box the unit names are drawn in (right-aligned), for tests that look at them. */
export function labelArea(rows: number): { x: number; y: number; width: number; height: number } {
  return { x: PAD, y: TOP, width: LABEL_RIGHT - PAD, height: Math.max(rows, 1) * ROW_H };
}

function shadeOf(n: number) {
  return [...SHADES].reverse().find((s) => n >= s.from) ?? SHADES[0];
}

/** `text` cut with an ellipsis to fit `max` pixels in the context's current font. */
function fitted(ctx: SKRSContext2D, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  const chars = [...text];
  while (chars.length > 1 && ctx.measureText(`${chars.join('')}…`).width > max) chars.pop();
  return `${chars.join('')}…`;
}

/** Draws the chart on a new canvas, synchronously (the event loop is held while it draws). */
export function drawCoverageChart(chart: CoverageChart, fontFamily: string): Canvas {
  const { width, height } = chartSize(chart.rows.length);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const font = (px: number, bold = false) => `${bold ? 'bold ' : ''}${px}px ${fontFamily}`;
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, width, height);

  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  ctx.fillStyle = INK;
  ctx.font = font(22, true);
  ctx.fillText(fitted(ctx, chart.title, width - 2 * PAD), PAD, 40);
  ctx.fillStyle = MUTED;
  ctx.font = font(15);
  ctx.fillText(fitted(ctx, chart.subtitle, width - 2 * PAD), PAD, 68);

  const cellW = (GRID_RIGHT - GRID_LEFT) / chart.weekLabels.length;
  ctx.textAlign = 'center';
  ctx.font = font(13);
  chart.weekLabels.forEach((label, i) => {
    ctx.fillText(fitted(ctx, label, cellW - 4), GRID_LEFT + cellW * (i + 0.5), TOP - 12);
  });
  ctx.fillText(chart.totalLabel, GRID_RIGHT + TOTAL_W / 2, TOP - 12);

  ctx.textBaseline = 'middle';
  chart.rows.forEach((row, r) => {
    const y = TOP + r * ROW_H;
    const mid = y + ROW_H / 2;
    ctx.font = font(14);
    ctx.textAlign = 'right';
    ctx.fillStyle = INK;
    ctx.fillText(fitted(ctx, row.name, LABEL_RIGHT - PAD), LABEL_RIGHT, mid);
    ctx.textAlign = 'center';
    ctx.font = font(13);
    row.weeks.forEach((n, i) => {
      const x = GRID_LEFT + i * cellW;
      if (n === null) {
        ctx.strokeStyle = NOT_YET_EDGE;
        ctx.strokeRect(x + 1.5, y + 1.5, cellW - 3, ROW_H - 3);
        return;
      }
      const shade = n > 0 ? shadeOf(n) : null;
      ctx.fillStyle = shade?.fill ?? NONE;
      ctx.fillRect(x + 1, y + 1, cellW - 2, ROW_H - 2);
      if (shade) {
        ctx.fillStyle = shade.ink;
        ctx.fillText(String(n), x + cellW / 2, mid);
      }
    });
    ctx.fillStyle = INK;
    ctx.font = font(14, true);
    ctx.fillText(String(row.total), GRID_RIGHT + TOTAL_W / 2, mid);
  });

  drawLegend(ctx, chart, font, TOP + chart.rows.length * ROW_H + 36);
  return canvas;
}

function drawLegend(
  ctx: SKRSContext2D,
  chart: CoverageChart,
  font: (px: number) => string,
  mid: number,
): void {
  const box = 18;
  let x = GRID_LEFT;
  ctx.font = font(13);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const label = (text: string, gap = 20) => {
    ctx.fillStyle = MUTED;
    ctx.fillText(text, x, mid);
    x += ctx.measureText(text).width + gap;
  };
  ctx.fillStyle = NONE;
  ctx.fillRect(x, mid - box / 2, box, box);
  x += box + 6;
  label(chart.legend.none);
  ctx.strokeStyle = NOT_YET_EDGE;
  ctx.strokeRect(x + 0.5, mid - box / 2 + 0.5, box - 1, box - 1);
  x += box + 6;
  label(chart.legend.notYet);
  for (const shade of SHADES) {
    ctx.fillStyle = shade.fill;
    ctx.fillRect(x, mid - box / 2, box * 1.8, box);
    ctx.fillStyle = shade.ink;
    ctx.textAlign = 'center';
    ctx.fillText(shade.label, x + box * 0.9, mid);
    ctx.textAlign = 'left';
    x += box * 1.8 + 2;
  }
  x += 4;
  label(chart.legend.counts);
}

/**
 * Charts drawn and encoded at once in a process. The work is CPU-bound (a worker has a core or two),
 * so more at once would not finish sooner, only hold more memory: some 14 MB of pixels each.
 */
const AT_ONCE = 2;
let running = 0;
const queued: (() => void)[] = [];

/** Runs `work` once fewer than AT_ONCE are running; a finishing one hands its place to the next waiting. */
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>((resolve) => queued.push(resolve));
  else running += 1;
  try {
    return await work();
  } finally {
    const next = queued.shift();
    if (next) next();
    else running -= 1;
  }
}

/**
 * The chart as a PNG. Drawing and reading the pixels hold the event loop for a few milliseconds;
 * the compression, most of the encoding, runs on libuv's thread pool (src/chart/png.ts).
 */
export function renderCoverageChart(chart: CoverageChart, fontFamily: string): Promise<Buffer> {
  return inTurn(() => {
    const canvas = drawCoverageChart(chart, fontFamily);
    // Opaque (the background is filled first), so the canvas's premultiplied pixels are the straight ones.
    return encodePng(canvas.width, canvas.height, canvas.data());
  });
}
