// Bundles the console into the directory given (Maven passes target/classes/static): the app with
// bpmn-js and form-js and their styles, and the static pages beside it.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs <output directory>');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { console: 'src/main.js', vendor: 'src/vendor.css' },
  bundle: true,
  minify: true,
  sourcemap: true,
  target: 'es2020',
  outdir: out,
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
  logLevel: 'warning'
});
for (const page of ['index.html', 'login.html', 'login.js', 'console.css']) {
  cpSync(`src/${page}`, `${out}/${page}`);
}
