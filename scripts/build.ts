import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * `npm run build` (after `tsc --noEmit`): our own code, from src/main.ts through commands/ and
 * jobs/, bundled into ES modules that Node 20 runs as they are: `dist/main.js` (the bot, as the
 * Dockerfile runs it), `dist/resync.js` (`npm run resync` where there is no tsx), and the chunks in
 * `dist/chunks/` that `import()` loads. A bundler rather than tsc's emit: the sources import each
 * other without file extensions (`moduleResolution: Bundler`), which Node's own ES module loader
 * does not resolve. Every package stays an import of node_modules: some load native code
 * (@napi-rs/canvas) or serve files from their own folder (@bull-board/*), and the image installs
 * them with `npm ci --omit=dev`.
 */

const ROOT = resolve(import.meta.dirname, '..');
const ENTRY = join(ROOT, 'src/main.ts');
/** The build's entry points, by the name of their file in dist/: the bot, and `npm run resync`. */
const ENTRIES = { main: ENTRY, resync: join(ROOT, 'scripts/resync.ts') };

/** What a production build says when asked for local mode (NODE_ENV unset and no Slack settings). */
export const LOCAL_MODE_REFUSAL =
  'local mode is not part of the production build; run npm start from a checkout';

/** Code that never belongs in the build: the local workspace, local mode and its demo, tests, benchmarks. */
const LEFT_OUT = ['src/sandbox/', 'src/app/local-mode', 'src/app/demo', 'test/', 'bench/'];

/**
 * src/main.ts loads local mode with `import('./app/local-mode')`; in the build that module is one
 * that refuses, so the local workspace (the Slack stand-in, the page, esbuild for its script) is
 * not bundled, and the image needs none of its packages.
 */
const withoutLocalMode: Plugin = {
  name: 'without-local-mode',
  setup(b) {
    b.onResolve({ filter: /\/app\/local-mode$/ }, (args) =>
      args.importer === ENTRY ? { path: 'local-mode', namespace: 'without-local-mode' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'without-local-mode' }, () => ({
      contents: `import { ConfigError } from './domain/errors';
export async function startLocalMode() {
  throw new ConfigError(${JSON.stringify(LOCAL_MODE_REFUSAL)});
}`,
      resolveDir: join(ROOT, 'src'),
      loader: 'ts',
    }));
  },
};

export interface BuildResult {
  /** The entry points to run with node: the bot, and the resync of the schedulers. */
  main: string;
  resync: string;
  /** Every JavaScript file written: the entry and the chunks that `import()`s load when run. */
  files: string[];
  /** What went into it: repository paths of source files, `namespace:path` for generated modules. */
  inputs: string[];
  /** The packages (not `node:` modules) the build imports at run time, sorted. */
  packages: string[];
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** Builds into `outdir` (emptied first); throws when code that must stay out got in. */
export async function buildDist(outdir = join(ROOT, 'dist')): Promise<BuildResult> {
  rmSync(outdir, { recursive: true, force: true });
  const { metafile } = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // What the code loads with `import()` becomes a chunk of its own, read only when it is first
    // needed, with the packages it imports: a process loads what its role uses.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // Stack traces name the TypeScript files under `node --enable-source-maps`; the sources
    // themselves are not needed for that, and would only make the map larger.
    sourcemap: true,
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [withoutLocalMode],
  });
  const inputs = Object.keys(metafile.inputs).map((input) =>
    input.includes(':') ? input : relative(ROOT, resolve(ROOT, input)),
  );
  const wrong = inputs.filter((input) => LEFT_OUT.some((folder) => input.startsWith(folder)));
  if (wrong.length > 0) throw new Error(`the build must not contain ${wrong.join(', ')}`);
  const files = Object.keys(metafile.outputs)
    .filter((file) => file.endsWith('.js'))
    .map((file) => resolve(ROOT, file));
  const packages = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const i of output.imports) {
      if (i.external && !i.path.startsWith('node:')) packages.add(packageOf(i.path));
    }
  }
  return {
    main: join(outdir, 'main.js'),
    resync: join(outdir, 'resync.js'),
    files,
    inputs,
    packages: [...packages].sort(),
  };
}

/** The Dockerfile's `CMD` (exec form): `['node', …flags, 'dist/main.js']`, run in /app. */
export function imageCommand(): string[] {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
  if (!cmd) throw new Error('the Dockerfile has no CMD in exec form');
  return JSON.parse(cmd) as string[];
}

/**
 * The runtime image's /app without Docker, in `dir`: the build in `dist/`, package.json and
 * manifest.yml, and in `node_modules/` what `npm ci --omit=dev` installs (every package of
 * package-lock.json not marked `dev`), linked from this checkout's node_modules. Run its entry with
 * `node --preserve-symlinks`, so that packages are found from `dir/node_modules` and nowhere else:
 * an import of a development package then fails as it would in the image. `imageCommand()` with
 * `--preserve-symlinks` added, run in `dir`, is then what the container runs.
 */
export async function stageImage(dir: string): Promise<BuildResult> {
  const built = await buildDist(join(dir, 'dist'));
  for (const file of ['package.json', 'manifest.yml']) copyFileSync(join(ROOT, file), join(dir, file));
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    // Top-level packages only: the nested ones come with the folder of the package they are in.
    // A missing one is an optional package of another platform (@napi-rs/canvas-darwin-arm64…).
    if (entry.dev || !/^node_modules\/(@[^/]+\/)?[^/]+$/.test(path) || !existsSync(join(ROOT, path)))
      continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    symlinkSync(join(ROOT, path), join(dir, path), 'dir');
  }
  return built;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const built = await buildDist();
  process.stdout.write(
    `built ${relative(process.cwd(), built.main)}; imports ${built.packages.join(', ')}\n`,
  );
}
