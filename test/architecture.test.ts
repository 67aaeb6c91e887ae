import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rules the folder READMEs state, checked on the source: a change that breaks one
 * fails here instead of being found in review. Import cycles are checked by `npm run cycles`.
 */

const ROOT = join(import.meta.dirname, '..');

interface Import {
  file: string;
  /** A repository path (`src/store/keys`) for relative imports, else the package name. */
  target: string;
  typeOnly: boolean;
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => {
    const spec = m[3] as string;
    const target = spec.startsWith('.') ? normalize(join(dirname(file), spec)) : spec;
    return { file, target, typeOnly: Boolean(m[2]) };
  });
}

const all = ['src', 'commands', 'jobs', 'scripts'].flatMap(sources).flatMap(importsOf);
const under = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);
const offending = (pred: (i: Import) => boolean) => all.filter(pred).map((i) => `${i.file} → ${i.target}`);

describe('dependency rules', () => {
  it('reads the imports it checks', () => {
    // So that the rules below cannot pass on an empty scan.
    expect(all).toContainEqual({ file: 'src/app/start.ts', target: 'commands', typeOnly: false });
    expect(all).toContainEqual({ file: 'jobs/deliver.ts', target: 'src/store/deliveries', typeOnly: true });
    expect(all.filter((i) => under(i.file, 'commands')).length).toBeGreaterThan(50);
  });

  it('only the composition root (src/app, src/main.ts, scripts/) imports commands/ and jobs/', () => {
    const root = (f: string) => under(f, 'src/app') || f === 'src/main.ts' || under(f, 'scripts');
    expect(
      offending(
        (i) =>
          !root(i.file) &&
          !under(i.file, 'jobs') &&
          !under(i.file, 'commands') &&
          (under(i.target, 'commands') || under(i.target, 'jobs')),
      ),
    ).toEqual([]);
    expect(offending((i) => under(i.file, 'commands') && under(i.target, 'jobs'))).toEqual([]);
    // Handlers and processors see the contracts in src/app (deps, metrics), never the wiring itself.
    expect(offending((i) => !root(i.file) && i.target === 'src/app/start')).toEqual([]);
    expect(offending((i) => under(i.file, 'jobs') && under(i.target, 'commands'))).toEqual([]);
  });

  it('the pure core (src/domain, src/views, src/i18n) imports no I/O and no outer layer', () => {
    const pure = (f: string) => ['src/domain', 'src/views', 'src/i18n'].some((d) => under(f, d));
    const allowed = (t: string) =>
      ['zod', 'dayjs', '@slack/types'].some((p) => t === p || t.startsWith(`${p}/`)) ||
      ['src/domain', 'src/views', 'src/i18n', 'src/slack/mrkdwn'].some((d) => under(t, d));
    expect(offending((i) => pure(i.file) && !allowed(i.target))).toEqual([]);
  });

  it('Redis is reached through src/store; elsewhere ioredis only gives BullMQ its connections', () => {
    const queueWiring = ['jobs/scheduling.ts', 'jobs/workers.ts'];
    expect(
      offending(
        (i) =>
          i.target === 'ioredis' &&
          !under(i.file, 'src/store') &&
          !i.typeOnly &&
          !queueWiring.includes(i.file),
      ),
    ).toEqual([]);
  });

  it('dayjs is imported in one place, the zoned-time module', () => {
    expect(offending((i) => under(i.target, 'dayjs') && i.file !== 'src/domain/zoned-time.ts')).toEqual([]);
    const intl = ['src', 'commands', 'jobs']
      .flatMap(sources)
      .filter((f) => f !== 'src/domain/zoned-time.ts' && !under(f, 'src/sandbox'))
      .filter((f) => readFileSync(join(ROOT, f), 'utf8').includes('Intl.DateTimeFormat'));
    expect(intl).toEqual([]);
  });

  it('the Slack stand-in imports nothing from the rest of src/', () => {
    expect(
      offending(
        (i) => under(i.file, 'src/sandbox') && under(i.target, 'src') && !under(i.target, 'src/sandbox'),
      ),
    ).toEqual([]);
  });
});
