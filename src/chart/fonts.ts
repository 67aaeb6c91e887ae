import { existsSync } from 'node:fs';
import type { Logger } from 'pino';

/**
 * Fonts with Chinese glyphs (and Latin ones) where Debian, macOS and Windows put them, the
 * Dockerfile's (fonts-wqy-microhei) first. In a .ttc the first face is registered: Simplified
 * Chinese for WenQuanYi, Japanese for Noto Sans CJK, whose shapes differ from Chinese ones in a
 * few characters only.
 */
const CJK_FONT_PATHS: readonly string[] = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  '/System/Library/Fonts/STHeiti Light.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
];

/** The family name the chart's font is registered under, whatever the file calls it. */
const FAMILY = 'DudaoChart';

/** The CSS font-family the chart draws with, and the file it comes from (null: none found). */
export interface ChartFont {
  family: string;
  path: string | null;
}

/**
 * Finds and registers the chart's font once: the first of `paths` that exists and loads. Without
 * one the chart is drawn with the default sans-serif, where Chinese may show as empty boxes, and
 * one warning says how to install a font; the digest is unaffected either way. The canvas (native
 * code, some 20 MB) is loaded with the first chart, so a process that draws none never maps it.
 */
export class ChartFonts {
  private font: ChartFont | null = null;

  constructor(private readonly paths: readonly string[] = CJK_FONT_PATHS) {}

  async get(logger: Pick<Logger, 'warn'>): Promise<ChartFont> {
    if (this.font) return this.font;
    const { GlobalFonts } = await import('@napi-rs/canvas');
    if (this.font) return this.font;
    const path = this.paths.find((p) => existsSync(p) && GlobalFonts.registerFromPath(p, FAMILY) !== null);
    this.font = path ? { family: `"${FAMILY}", sans-serif`, path } : { family: 'sans-serif', path: null };
    if (!path) {
      logger.warn(
        { tried: this.paths },
        'no Chinese font found for the digest chart: it is drawn without one (install fonts-wqy-microhei)',
      );
    }
    return this.font;
  }
}

/** The process's font loader: the font file is read once per process, however many charts are drawn. */
export const chartFonts = new ChartFonts();
