import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

let script: Promise<string> | null = null;
let css: string | null = null;

/**
 * The page's script, bundled from client/*.ts by esbuild the first time it is asked for (a few
 * milliseconds), so `npm start` needs no build step of its own.
 */
export function clientScript(): Promise<string> {
  script ??= import('esbuild')
    .then((esbuild) =>
      esbuild.build({
        entryPoints: [here('./client/main.ts')],
        bundle: true,
        write: false,
        format: 'esm',
        target: 'es2020',
        legalComments: 'none',
      }),
    )
    .then((out) => out.outputFiles[0]?.text ?? '')
    .catch((err: unknown) => {
      script = null;
      throw err;
    });
  return script;
}

export function pageCss(): string {
  css ??= readFileSync(here('./page.css'), 'utf8');
  return css;
}

/** The page's shell; the script fills it. Accessible names are the contract of SPEC.md's "Local mode". */
export function pageHtml(opts: { reset: boolean }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dudao · local workspace</title>
<link rel="stylesheet" href="/page/app.css">
<link rel="icon" href="data:,">
</head>
<body>
<div class="layout">
  <aside class="sidebar">
    <div class="team"><span class="team-name">dudao demo</span> <span class="local-badge" title="Nothing here reaches Slack">local</span></div>
    <div class="who"><label for="user-select">User</label><select id="user-select"></select></div>
    <nav id="channels" aria-label="Channels"></nav>
    ${opts.reset ? '<button type="button" id="reset" class="reset">Reset demo</button>' : ''}
  </aside>
  <main class="pane">
    <header class="pane-header"><h1 id="pane-title">dudao</h1><p id="pane-topic"></p></header>
    <section id="messages" class="messages" aria-label="Messages" aria-live="polite"></section>
    <form id="composer" class="composer">
      <textarea id="message" aria-label="Message" rows="2" autocomplete="off" spellcheck="false"></textarea>
      <button type="submit" class="send">Send</button>
      <p class="tip" id="tip">Try <code>/dudao help</code>, <code>/dudao status</code>, <code>/dudao log</code>, <code>/dudao digest now</code>. Enter sends; Shift+Enter starts a new line.</p>
    </form>
    <p id="page-status" class="page-status" role="status"></p>
  </main>
</div>
<div id="modal-root" class="modal-root" hidden></div>
<script type="module" src="/page/app.js"></script>
</body>
</html>
`;
}
